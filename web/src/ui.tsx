import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, query, type Page } from './api';

/** What went wrong, as the API said it: the title in the user's language, then its detail. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? `${t(`problem.${error.status}`, { defaultValue: t('problem.other') })} ${error.problem.detail ?? ''}`
      : t('problem.network');
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

export function Field(props: { label: string; error?: string; children: ReactNode; hint?: string }) {
  return (
    <label className={props.error ? 'field invalid' : 'field'}>
      <span>{props.label}</span>
      {props.children}
      {props.hint && <small>{props.hint}</small>}
      {props.error && <em role="alert">{props.error}</em>}
    </label>
  );
}

/** A list page's data: the first page, and the next ones on demand, by the API's cursor. */
export function usePagedList<T>(path: string, params: Record<string, string | number | undefined>, enabled = true) {
  return useInfiniteQuery({
    queryKey: [path, params],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<Page<T>>(path + query({ ...params, cursor: pageParam })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function MoreButton({
  list,
}: {
  list: { hasNextPage: boolean; fetchNextPage: () => unknown; isFetchingNextPage: boolean };
}) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
      {t('common.more')}
    </button>
  );
}

/** Money is kept in minor units; people read and type it in major units. */
export const formatMoney = (minor: number | null, minorUnits = 2) =>
  minor === null ? '' : (minor / 10 ** minorUnits).toFixed(minorUnits);

export const parseMoney = (text: string, minorUnits = 2): number | null => {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * 10 ** minorUnits) : NaN;
};

/** An optional text input's value for the API: empty means "none". */
export const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** A row of tabs over one page's views; the label of each is its translation. */
export function Tabs<T extends string>(props: {
  tabs: readonly T[];
  current: T;
  onChange: (tab: T) => void;
  label: (tab: T) => string;
}) {
  return (
    <div className="tabs" role="tablist">
      {props.tabs.map((x) => (
        <button
          key={x}
          type="button"
          role="tab"
          aria-selected={props.current === x}
          className={props.current === x ? 'link active' : 'link'}
          onClick={() => props.onChange(x)}
        >
          {props.label(x)}
        </button>
      ))}
    </div>
  );
}
