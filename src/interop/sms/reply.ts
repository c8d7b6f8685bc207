/**
 * The answer to a text, in one SMS, in the scheme's language. Pure. English and French fit the
 * GSM 7-bit alphabet: 160 characters. Khmer and Vietnamese letters do not, and an SMS in UCS-2
 * holds 70 characters: their words are short, and the answer is cut to 70.
 */

export interface Found {
  memberNumber: string;
  nameLatin: string;
  birthDate: string;
  covered: boolean;
  state: string;
  coveredUntil: string | null;
}

export type Language = 'en' | 'fr' | 'km' | 'vi';

const WORDS: Record<Language, Record<string, string>> = {
  en: {
    help: 'Send the member number, FID <card number> or NAME <name> to check cover.',
    covered: 'COVERED until',
    notCovered: 'NOT COVERED',
    none: 'No member found for',
    several: 'members match:',
    sendNumber: 'Send the number.',
    invalid: 'is not a valid member number: check it and send again.',
    refused: 'This number is not registered to a health facility of the scheme. Ask the scheme to register it.',
    slow: 'Too many messages: wait a minute and send again.',
    suspended: 'suspended',
    lapsed: 'unpaid',
    ended: 'ended',
    waiting: 'not yet begun',
    none_: 'never covered',
    thanks: 'Thank you: your answers help the scheme look after its members.',
    received: 'Thank you. Your complaint {n} is received; the scheme will answer within {d} days.',
    resolved: 'Your complaint {n} is resolved:',
    surveyThanks: 'Thank you for answering the survey.',
    surveyWrong: 'Not kept:',
    surveyAsk: 'Reply S and your answers in order, e.g. S {e}.',
  },
  fr: {
    help: 'Envoyez le numéro de membre, FID <numéro de carte> ou NAME <nom> pour vérifier la couverture.',
    covered: "COUVERT jusqu'au",
    notCovered: 'NON COUVERT',
    none: 'Aucun membre pour',
    several: 'membres correspondent :',
    sendNumber: 'Envoyez le numéro.',
    invalid: "n'est pas un numéro de membre valide : vérifiez-le et renvoyez.",
    refused: "Ce numéro n'est pas celui d'un centre de santé du régime. Demandez au régime de l'enregistrer.",
    slow: 'Trop de messages : attendez une minute et renvoyez.',
    suspended: 'suspendu',
    lapsed: 'impayé',
    ended: 'terminé',
    waiting: 'pas encore commencé',
    none_: 'jamais couvert',
    thanks: 'Merci : vos réponses aident le régime à prendre soin de ses membres.',
    received: 'Merci. Votre plainte {n} est enregistrée ; le régime répondra sous {d} jours.',
    resolved: 'Votre plainte {n} est traitée :',
    surveyThanks: "Merci d'avoir répondu à l'enquête.",
    surveyWrong: 'Non enregistré :',
    surveyAsk: "Répondez S et vos réponses dans l'ordre, ex. S {e}.",
  },
  km: {
    help: 'ផ្ញើលេខសមាជិក FID <លេខកាត> ឬ NAME <ឈ្មោះ>',
    covered: 'មានធានា ដល់',
    notCovered: 'គ្មានធានា',
    none: 'រកមិនឃើញ',
    several: 'នាក់ត្រូវគ្នា:',
    sendNumber: 'ផ្ញើលេខ',
    invalid: 'លេខមិនត្រឹមត្រូវ',
    refused: 'លេខនេះមិនមែនរបស់មូលដ្ឋានសុខាភិបាលទេ',
    slow: 'សារច្រើនពេក រង់ចាំមួយនាទី',
    suspended: 'ផ្អាក',
    lapsed: 'មិនទាន់បង់',
    ended: 'បញ្ចប់',
    waiting: 'មិនទាន់ចាប់ផ្ដើម',
    none_: 'មិនធ្លាប់មានធានា',
    thanks: 'អរគុណសម្រាប់ចម្លើយរបស់អ្នក',
    received: 'អរគុណ។ បណ្ដឹង {n} បានទទួល ឆ្លើយក្នុង {d} ថ្ងៃ',
    resolved: 'បណ្ដឹង {n} បានដោះស្រាយ:',
    surveyThanks: 'អរគុណសម្រាប់ការឆ្លើយ',
    surveyWrong: 'មិនបានរក្សាទុក:',
    surveyAsk: 'ឆ្លើយ S និងចម្លើយតាមលំដាប់ ឧ. S {e}',
  },
  vi: {
    help: 'Gửi số thẻ, FID <số thẻ NM> hoặc NAME <tên>',
    covered: 'CÓ bảo hiểm đến',
    notCovered: 'KHÔNG có bảo hiểm',
    none: 'Không tìm thấy',
    several: 'người khớp:',
    sendNumber: 'Gửi số thẻ.',
    invalid: 'sai số thẻ, kiểm tra lại.',
    refused: 'Số này chưa đăng ký cho cơ sở y tế nào.',
    slow: 'Quá nhiều tin: đợi 1 phút.',
    suspended: 'tạm dừng',
    lapsed: 'chưa đóng',
    ended: 'đã hết',
    waiting: 'chưa bắt đầu',
    none_: 'chưa từng có',
    thanks: 'Cảm ơn bạn đã trả lời.',
    received: 'Cảm ơn. Khiếu nại {n} đã nhận, trả lời trong {d} ngày.',
    resolved: 'Khiếu nại {n} đã giải quyết:',
    surveyThanks: 'Cảm ơn bạn đã trả lời khảo sát.',
    surveyWrong: 'Chưa lưu:',
    surveyAsk: 'Trả lời S và các câu trả lời theo thứ tự, vd S {e}.',
  },
};

// The GSM 03.38 alphabet: its basic set, and the extension characters that take two places.
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€');

/** How a phone network carries the text: GSM-7 when every character is in its alphabet, UCS-2 otherwise. */
export function smsEncoding(text: string): 'gsm7' | 'ucs2' {
  for (const ch of text) if (!GSM7.has(ch) && !GSM7_EXTENSION.has(ch)) return 'ucs2';
  return 'gsm7';
}

/** The room in one SMS, counted as the network counts (GSM-7 septets, or UCS-2 code units). */
const room = (text: string) => (smsEncoding(text) === 'gsm7' ? 160 : 70);
const size = (text: string) =>
  smsEncoding(text) === 'gsm7' ? [...text].reduce((n, ch) => n + (GSM7_EXTENSION.has(ch) ? 2 : 1), 0) : text.length;

/** The scheme's first language the replies are written in; English otherwise. */
export const languageOf = (schemeLanguages: string[]): Language =>
  (schemeLanguages.find((l): l is Language => l in WORDS) as Language | undefined) ?? 'en';

/** Cut to one SMS, on a word where there is one, with an ellipsis of three dots (the ellipsis character is not GSM-7). */
export function oneSms(text: string): string {
  const max = room(text);
  if (size(text) <= max) return text;
  let cut = text;
  while (size(cut) > max - 3) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}...`;
}

export function replyFor(
  lang: Language,
  answer:
    | { kind: 'help' | 'refused' | 'slow' | 'thanks' }
    | { kind: 'invalid'; number: string }
    | { kind: 'received'; number: string; days: number }
    | { kind: 'survey-thanks' }
    | { kind: 'survey-wrong'; reasons: string[] }
    | { kind: 'resolved'; number: string; resolution: string }
    | { kind: 'found'; asked: string; matches: Found[] },
): string {
  const w = WORDS[lang];
  switch (answer.kind) {
    case 'help':
      return oneSms(w.help!);
    case 'refused':
      return oneSms(w.refused!);
    case 'slow':
      return oneSms(w.slow!);
    case 'thanks':
      return oneSms(w.thanks!);
    case 'invalid':
      return oneSms(`${answer.number} ${w.invalid}`);
    case 'survey-thanks':
      return oneSms(w.surveyThanks!);
    case 'survey-wrong':
      return oneSms(`${w.surveyWrong} ${answer.reasons.join('; ')}`);
    case 'received':
      return oneSms(w.received!.replace('{n}', answer.number).replace('{d}', String(answer.days)));
    case 'resolved':
      return oneSms(`${w.resolved!.replace('{n}', answer.number)} ${answer.resolution}`);
    case 'found': {
      const { matches } = answer;
      if (!matches.length) return oneSms(`${w.none} ${answer.asked}.`);
      if (matches.length > 1) {
        const list = matches.map((m) => `${m.memberNumber} ${m.nameLatin.toUpperCase()} ${m.birthDate.slice(0, 4)}`);
        return oneSms(`${matches.length} ${w.several} ${list.join(', ')}. ${w.sendNumber}`);
      }
      const m = matches[0]!;
      const who = `${m.memberNumber} ${m.nameLatin.toUpperCase()}`;
      if (m.covered) return oneSms(`${who}: ${w.covered} ${m.coveredUntil}.`);
      const why = w[m.state === 'none' ? 'none_' : m.state] ?? m.state;
      return oneSms(`${who}: ${w.notCovered} (${why}).`);
    }
  }
}

const QUESTIONS: Record<Language, (facility: string, day: string) => string> = {
  en: (f, d) =>
    `You were at ${f} on ${d}. Reply: care given Y/N, asked to pay Y/N, got medicines Y/N, rating 1-5. E.g. Y N Y 4`,
  fr: (f, d) => `Vous etiez a ${f} le ${d}. Repondez: soigne O/N, paye O/N, medicaments O/N, note 1-5. Ex: O N O 4`,
  km: (f, d) => `${f} ${d}: ព្យាបាល Y/N បង់លុយ Y/N ថ្នាំ Y/N ពិន្ទុ 1-5. ឧ. Y N Y 4`,
  vi: (f, d) => `${f} ${d}: duoc kham C/K, bi thu tien C/K, nhan thuoc C/K, cham diem 1-5. Vi du: C K C 4`,
};

/**
 * The question asked of a member after a claim, in the scheme's language: the facility (cut to
 * leave room for the question) and the day of care, and how to answer in one text.
 */
export function followUpQuestion(lang: Language, facility: string, day: string): string {
  const name = facility.length > 40 ? `${facility.slice(0, 39)}.` : facility;
  return QUESTIONS[lang](name, day);
}

/**
 * A short survey as one text (several joined SMS where it must): its name, how to answer, and each
 * question numbered with the answers it takes. The member's answers come back as `S 4 5 Y`.
 */
export function surveyText(
  lang: Language,
  name: string,
  questions: { type: string; text: string; options?: { text: string }[] }[],
): string {
  const w = WORDS[lang];
  const example = questions.map((q) => (q.type === 'likert' ? '4' : q.type === 'yes_no' ? 'Y' : '1')).join(' ');
  const items = questions.map((q, i) => {
    const takes =
      q.type === 'likert'
        ? '1-5'
        : q.type === 'yes_no'
          ? 'Y/N'
          : (q.options ?? []).map((o, j) => `${j + 1}=${o.text}`).join(', ');
    return `${i + 1}) ${q.text} (${takes})`;
  });
  return `${name}. ${w.surveyAsk!.replace('{e}', example)} ${items.join(' ')}`;
}
