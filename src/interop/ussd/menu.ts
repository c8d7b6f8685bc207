import type { SmsQuery } from '../sms/grammar.js';

/**
 * The USSD menu, by the usual session convention: each answer so far joined by `*` in `text`;
 * a reply beginning `CON ` waits for the next answer, one beginning `END ` closes the session.
 * Pure: the text in, the next screen or the question to answer out.
 */
export type Step = { screen: string } | { query: SmsQuery };

export const MENU = 'CON Check cover by:\n1. Member number\n2. Factory card (FID)\n3. Name';

export function step(text: string): Step {
  const [choice, ...rest] = text.split('*');
  const entry = rest.join('*').trim();
  if (!choice) return { screen: MENU };
  const prompts: Record<string, string> = {
    '1': 'CON Enter the member number',
    '2': 'CON Enter the card number (or the employer code, a space, and the card number)',
    '3': 'CON Enter the name',
  };
  if (!prompts[choice]) return { screen: 'END Invalid choice. Dial again.' };
  if (!entry) return { screen: prompts[choice] };
  if (choice === '1') return { query: { kind: 'member', number: entry.toUpperCase() } };
  if (choice === '3') return { query: { kind: 'name', name: entry } };
  const words = entry.split(/\s+/);
  return {
    query:
      words.length === 2
        ? { kind: 'fid', employer: words[0]!.toUpperCase(), card: words[1]! }
        : { kind: 'fid', card: words[0]! },
  };
}
