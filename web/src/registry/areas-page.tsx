import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Area, type Page } from '../api';
import { useCan } from '../session';
import { ErrorNote, Field, orNull } from '../ui';

const LEVELS = ['province', 'district', 'commune', 'village'] as const;

/** The area tree, each area under its parent. */
function ordered(areas: Area[]): { area: Area; depth: number }[] {
  const children = new Map<string | null, Area[]>();
  const ids = new Set(areas.map((a) => a.id));
  for (const a of areas) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const out: { area: Area; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of (children.get(parent) ?? []).sort((x, y) => x.name.localeCompare(y.name))) {
      out.push({ area: a, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function AreasPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const areas = useQuery({
    queryKey: ['choices', 'areas'],
    queryFn: () => api<Page<Area>>('/api/v1/areas?limit=1000'),
  });
  const [d, setD] = useState({ parentId: '', level: 'province', code: '', name: '', nameLocal: '', population: '' });
  const [error, setError] = useState<unknown>(null);
  const err = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/v1/areas', {
        method: 'POST',
        json: {
          ...d,
          parentId: orNull(d.parentId),
          nameLocal: orNull(d.nameLocal),
          population: d.population === '' ? null : Number(d.population),
        },
      });
      setD({ ...d, code: '', name: '', nameLocal: '', population: '' });
      await client.invalidateQueries({ queryKey: ['choices', 'areas'] });
    } catch (x) {
      setError(x);
    }
  };
  const tree = ordered(areas.data?.items ?? []);
  return (
    <section>
      <h1>{t('areas.title')}</h1>
      <ErrorNote error={areas.error} />
      <ul className="tree">
        {tree.map(({ area, depth }) => (
          <li key={area.id} style={{ paddingInlineStart: `${depth * 1.5}rem` }}>
            <strong>{area.name}</strong> <span lang="km">{area.nameLocal}</span> · {t(`level.${area.level}`)} ·{' '}
            {area.code}
            {area.population !== null && ` · ${area.population.toLocaleString()}`}
          </li>
        ))}
      </ul>
      {can('area.manage') && (
        <form onSubmit={submit} className="form">
          <h2>{t('areas.add')}</h2>
          <div className="grid">
            <Field label={t('area.parentId')} error={err('parentId')}>
              <select value={d.parentId} onChange={(e) => setD({ ...d, parentId: e.target.value })}>
                <option value="">—</option>
                {tree.map(({ area }) => (
                  <option key={area.id} value={area.id}>
                    {area.name} ({t(`level.${area.level}`)})
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('area.level')} error={err('level')}>
              <select value={d.level} onChange={(e) => setD({ ...d, level: e.target.value })}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`level.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('area.code')} error={err('code')}>
              <input value={d.code} onChange={(e) => setD({ ...d, code: e.target.value })} required />
            </Field>
            <Field label={t('area.name')} error={err('name')}>
              <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required />
            </Field>
            <Field label={t('area.nameLocal')} error={err('nameLocal')}>
              <input value={d.nameLocal} onChange={(e) => setD({ ...d, nameLocal: e.target.value })} />
            </Field>
            <Field label={t('area.population')} error={err('population')}>
              <input
                inputMode="numeric"
                value={d.population}
                onChange={(e) => setD({ ...d, population: e.target.value })}
              />
            </Field>
          </div>
          <ErrorNote error={error} />
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </form>
      )}
    </section>
  );
}
