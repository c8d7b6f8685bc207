import type { z } from '@hono/zod-openapi';
import type { FieldError } from '../../platform/http/problem.js';
import type { Question } from './schemas.js';

type Q = z.infer<typeof Question>;

export interface CheckedAnswer {
  question: string;
  value: string;
  /** On the 1-5 scale: Likert as given, a yes/no as 5 (satisfied) or 1, a choice by its option's score. */
  score: number | null;
}

const YES = new Set(['yes', 'y', 'oui', 'o', 'c', 'co', 'có', 'true', '1']);
const NO = new Set(['no', 'n', 'non', 'k', 'khong', 'không', 'false', '0']);

/**
 * Checks a respondent's answers against the questionnaire. Pure. Each bad answer is named by its
 * question (answers.<code>) with the reason; a required question left out is one too.
 */
export function checkAnswers(
  questions: Q[],
  given: Record<string, string | number>,
): { ok: true; answers: CheckedAnswer[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const answers: CheckedAnswer[] = [];
  const known = new Set(questions.map((q) => q.code));
  for (const code of Object.keys(given)) {
    if (!known.has(code)) errors.push({ field: `answers.${code}`, reason: 'is not a question of this survey' });
  }
  for (const q of questions) {
    const field = `answers.${q.code}`;
    const raw = given[q.code];
    if (raw === undefined || raw === null || String(raw).trim() === '') {
      if (q.required) errors.push({ field, reason: 'is required' });
      continue;
    }
    const text = String(raw).trim();
    if (q.type === 'likert') {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > 5) errors.push({ field, reason: 'must be a whole number from 1 to 5' });
      else answers.push({ question: q.code, value: String(n), score: n });
    } else if (q.type === 'yes_no') {
      const word = text.toLowerCase();
      const yes = YES.has(word) ? true : NO.has(word) ? false : null;
      if (yes === null) errors.push({ field, reason: 'must be yes or no' });
      else {
        const satisfied = (q.positive ?? 'yes') === (yes ? 'yes' : 'no');
        answers.push({ question: q.code, value: yes ? 'yes' : 'no', score: satisfied ? 5 : 1 });
      }
    } else if (q.type === 'single_choice') {
      const options = q.options ?? [];
      // By code, or by its number in the list (as a text or a phone keypad gives it).
      const option = options.find((o) => o.code === text.toLowerCase()) ?? options[Number(text) - 1];
      if (!option) errors.push({ field, reason: `must be one of ${options.map((o) => o.code).join(', ')}` });
      else answers.push({ question: q.code, value: option.code, score: option.score ?? null });
    } else {
      if (text.length > 2000) errors.push({ field, reason: 'must be at most 2,000 characters' });
      else answers.push({ question: q.code, value: text, score: null });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers };
}

/** Questions that a member can answer in one text: no free text, and few of them. */
export const smsReady = (questions: Q[]) => questions.length <= 8 && questions.every((q) => q.type !== 'free_text');

/** A questionnaire's structural mistakes, which zod's per-field checks do not see. */
export function questionnaireErrors(questions: Q[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.code)) errors.push({ field: `questions.${i}.code`, reason: `repeats ${q.code}` });
    seen.add(q.code);
    if (q.type === 'single_choice' && !q.options?.length)
      errors.push({ field: `questions.${i}.options`, reason: 'are required for a single choice' });
    if (q.type !== 'single_choice' && q.options)
      errors.push({ field: `questions.${i}.options`, reason: 'are only for a single choice' });
    if (q.positive && q.type !== 'yes_no')
      errors.push({ field: `questions.${i}.positive`, reason: 'is only for a yes/no question' });
  });
  return errors;
}
