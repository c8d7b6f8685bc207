import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import fr from './locales/fr.json';
import km from './locales/km.json';
import vi from './locales/vi.json';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

/** Every .tsx file's literal translation keys: t('a.b'). */
function usedKeys(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return usedKeys(p);
    if (!p.endsWith('.tsx')) return [];
    return [...fs.readFileSync(p, 'utf8').matchAll(/\bt\('([a-zA-Z_.]+)'/g)].map((m) => m[1]!);
  });
}

describe('translations', () => {
  const english = new Set(keys(en));
  it.each([
    ['fr', fr],
    ['km', km],
    ['vi', vi],
  ])('%s has every English string and no other', (_, locale) => {
    expect(new Set(keys(locale))).toEqual(english);
  });

  it('cover every string the web app asks for', () => {
    const missing = usedKeys(path.dirname(new URL(import.meta.url).pathname)).filter(
      (k) => !english.has(k) && !english.has(`${k}_one`),
    );
    expect(missing).toEqual([]);
  });

  it('are written in their own script', () => {
    expect(km.nav.members).toMatch(/^[\u1780-\u17FF\s]+$/);
    expect(vi.members.title).toBe('Thành viên');
  });
});
