/**
 * The answer to a text, in one SMS: 160 characters of the GSM 7-bit alphabet. Pure. The words
 * are the scheme's language where its letters fit that alphabet (English, French); Khmer and
 * Vietnamese need UCS-2, which fits only 70 characters, so those schemes are answered in English
 * until the gateway adapter sends long messages.
 */

export interface Found {
  memberNumber: string;
  nameLatin: string;
  birthDate: string;
  covered: boolean;
  state: string;
  coveredUntil: string | null;
}

type Language = 'en' | 'fr';

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
  },
};

export const languageOf = (schemeLanguages: string[]): Language => (schemeLanguages[0] === 'fr' ? 'fr' : 'en');

/** Cut to one SMS, on a word, with an ellipsis of three dots (the ellipsis character is not GSM-7). */
export function oneSms(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 3);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 100 ? cut.lastIndexOf(' ') : cut.length)}...`;
}

export function replyFor(
  lang: Language,
  answer:
    | { kind: 'help' | 'refused' | 'slow' }
    | { kind: 'invalid'; number: string }
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
    case 'invalid':
      return oneSms(`${answer.number} ${w.invalid}`);
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
