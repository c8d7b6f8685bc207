import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Field } from '../ui';
import type { Texts } from './care';

export interface ShownQuestion {
  code: string;
  type: 'likert' | 'yes_no' | 'single_choice' | 'free_text';
  text: string;
  required: boolean;
  options?: { code: string; text: string }[];
}

/** A text in the reader's language when the survey has it, else in the first it has. */
export const textIn = (texts: Texts, language: string) =>
  texts[language as keyof Texts] ?? Object.values(texts).find(Boolean) ?? '';

/**
 * The answer to each question as a person gives it: a scale of 1 to 5, yes or no, one of the
 * options, or their own words. Large targets, for a phone held in one hand.
 */
export function AnswerFields(props: {
  questions: ShownQuestion[];
  answers: Record<string, string>;
  onChange: (answers: Record<string, string>) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const set = (code: string, value: string) => props.onChange({ ...props.answers, [code]: value });
  const err = (code: string) =>
    props.error instanceof ApiError ? props.error.fieldError(`answers.${code}`) : undefined;
  const choice = (q: ShownQuestion, values: { value: string; label: string }[]) => (
    <div className="choices" role="radiogroup" aria-label={q.text}>
      {values.map((v) => (
        <label key={v.value} className="choice">
          <input
            type="radio"
            name={q.code}
            value={v.value}
            checked={props.answers[q.code] === v.value}
            onChange={() => set(q.code, v.value)}
            required={q.required}
          />{' '}
          {v.label}
        </label>
      ))}
    </div>
  );
  // A group of choices is a fieldset with its question as the legend (a label holds one input).
  const group = (q: ShownQuestion, i: number, values: { value: string; label: string }[]) => (
    <fieldset key={q.code} className={err(q.code) ? 'field invalid' : 'field'}>
      <legend>{`${i + 1}. ${q.text}`}</legend>
      {choice(q, values)}
      {err(q.code) && <em role="alert">{err(q.code)}</em>}
    </fieldset>
  );
  return (
    <>
      {props.questions.map((q, i) =>
        q.type === 'likert' ? (
          group(
            q,
            i,
            [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} ${t(`likert.${n}`)}` })),
          )
        ) : q.type === 'yes_no' ? (
          group(q, i, [
            { value: 'yes', label: t('common.yes') },
            { value: 'no', label: t('common.no') },
          ])
        ) : q.type === 'single_choice' ? (
          group(
            q,
            i,
            (q.options ?? []).map((o) => ({ value: o.code, label: o.text })),
          )
        ) : (
          <Field key={q.code} label={`${i + 1}. ${q.text}`} error={err(q.code)}>
            <textarea
              name={q.code}
              rows={3}
              value={props.answers[q.code] ?? ''}
              onChange={(e) => set(q.code, e.target.value)}
              required={q.required}
            />
          </Field>
        ),
      )}
    </>
  );
}
