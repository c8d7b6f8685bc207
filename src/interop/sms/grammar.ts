/**
 * What a text to the scheme's number asks. Pure. Seed 000's grammar: the member number alone,
 * `FID <card number>` (or `FID <employer code> <card number>` where cards repeat), or
 * `NAME <Latin name>`; in any case, with any spaces.
 */

export type SmsQuery =
  | { kind: 'member'; number: string }
  | { kind: 'fid'; card: string; employer?: string }
  | { kind: 'name'; name: string }
  | { kind: 'follow-up'; careGiven: boolean; askedToPay: boolean; medicines: boolean; rating: number }
  | { kind: 'complaint'; text: string }
  | { kind: 'survey'; answers: string[] }
  | { kind: 'help' };

/**
 * A complaint or a request for help, in any of the scheme's languages: the keyword, then what
 * happened. The keyword alone is a request for the usage.
 */
const COMPLAINT = /^(COMPLAINT|COMPLAIN|HELP|PLAINTE|AIDE|KHIEUNAI|KHIEU NAI|TROGIUP)[\s:,.-]+(\S[\s\S]*)$/i;
/** A member's answers to a short survey texted to them: `S 4 5 Y 2`, in the order of the questions. */
const SURVEY = /^(S|SURVEY|ENQUETE|KS)[\s:,.-]+(\S.*)$/i;
/** Complaints run longer than a query: a few joined SMS. */
export const MAX_COMPLAINT_LENGTH = 1000;

/** A member's answer to the follow-up after a claim: three yes-or-no and a rating, as `Y N Y 4`. */
const FOLLOW_UP =
  /^(Y|N|YES|NO|O|OUI|NON|C|K)[\s,;]+(Y|N|YES|NO|O|OUI|NON|C|K)[\s,;]+(Y|N|YES|NO|O|OUI|NON|C|K)[\s,;]+([1-5])$/i;
// Yes in English (Y), French (O, oui) and Vietnamese (C, có); no is N, non and K (không).
const yes = (word: string) => ['Y', 'YES', 'O', 'OUI', 'C'].includes(word.toUpperCase());

/** Longer texts are not queries: answered with the help, not searched. */
export const MAX_QUERY_LENGTH = 160;

export function parseSms(text: string): SmsQuery {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const complaint = text.length <= MAX_COMPLAINT_LENGTH ? COMPLAINT.exec(text.trim()) : null;
  if (complaint) return { kind: 'complaint', text: complaint[2]!.trim() };
  if (!words.length || text.length > MAX_QUERY_LENGTH) return { kind: 'help' };
  const followUp = FOLLOW_UP.exec(text.trim());
  if (followUp) {
    return {
      kind: 'follow-up',
      careGiven: yes(followUp[1]!),
      askedToPay: yes(followUp[2]!),
      medicines: yes(followUp[3]!),
      rating: Number(followUp[4]),
    };
  }
  const survey = SURVEY.exec(text.trim());
  if (survey) return { kind: 'survey', answers: survey[2]!.split(/[\s,;]+/).filter(Boolean) };
  const keyword = words[0]!.toUpperCase();
  if (keyword === 'FID') {
    if (words.length === 2) return { kind: 'fid', card: words[1]! };
    if (words.length === 3) return { kind: 'fid', employer: words[1]!.toUpperCase(), card: words[2]! };
    return { kind: 'help' };
  }
  if (keyword === 'NAME') return words.length > 1 ? { kind: 'name', name: words.slice(1).join(' ') } : { kind: 'help' };
  if (words.length === 1 && /^[A-Za-z]*\d{4,}$/.test(words[0]!))
    return { kind: 'member', number: words[0]!.toUpperCase() };
  return { kind: 'help' };
}
