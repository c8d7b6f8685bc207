import { describe, expect, it } from 'vitest';
import { parseSms } from './grammar.js';
import { languageOf, oneSms, replyFor, smsEncoding } from './reply.js';

describe('parseSms', () => {
  it("reads seed 000's grammar in any case and spacing", () => {
    expect(parseSms('  hip000004485 ')).toEqual({ kind: 'member', number: 'HIP000004485' });
    expect(parseSms('fid   01-00042')).toEqual({ kind: 'fid', card: '01-00042' });
    expect(parseSms('FID jaiwei 01-00042')).toEqual({ kind: 'fid', employer: 'JAIWEI', card: '01-00042' });
    expect(parseSms('name  Sok   Dara')).toEqual({ kind: 'name', name: 'Sok Dara' });
  });

  it('answers empty, garbage and overlong texts with the help', () => {
    for (const text of ['', '   ', 'hello there', 'NAME', 'FID', 'FID a b c', '!!!', 'x'.repeat(10_000)])
      expect(parseSms(text)).toEqual({ kind: 'help' });
  });
});

describe('replyFor', () => {
  const m = {
    memberNumber: 'HIP000004485',
    nameLatin: 'Sok Dara',
    birthDate: '1990-01-01',
    covered: true,
    state: 'active',
    coveredUntil: '2026-02-28',
  };

  it('says covered until when, or not covered and why, in one SMS', () => {
    expect(replyFor('en', { kind: 'found', asked: 'x', matches: [m] })).toBe(
      'HIP000004485 SOK DARA: COVERED until 2026-02-28.',
    );
    expect(
      replyFor('fr', {
        kind: 'found',
        asked: 'x',
        matches: [{ ...m, covered: false, state: 'suspended', coveredUntil: null }],
      }),
    ).toBe('HIP000004485 SOK DARA: NON COUVERT (suspendu).');
  });

  it('lists several matches within 160 characters', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...m, memberNumber: `HIP00000000${i}` }));
    const text = replyFor('en', { kind: 'found', asked: 'x', matches: many });
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.startsWith('5 members match: HIP000000000 SOK DARA 1990')).toBe(true);
  });

  it('cuts long text on a word', () => {
    expect(oneSms('word '.repeat(60)).length).toBeLessThanOrEqual(160);
    expect(oneSms('word '.repeat(60)).endsWith('...')).toBe(true);
  });

  it('answers Khmer and Vietnamese schemes in their language, within the 70 characters of a UCS-2 SMS', () => {
    expect(languageOf(['km', 'en'])).toBe('km');
    expect(languageOf(['vi'])).toBe('vi');
    expect(languageOf(['th'])).toBe('en');
    const km = replyFor('km', { kind: 'found', asked: 'x', matches: [m] });
    expect(km).toBe('HIP000004485 SOK DARA: មានធានា ដល់ 2026-02-28.');
    expect(smsEncoding(km)).toBe('ucs2');
    const vi = replyFor('vi', {
      kind: 'found',
      asked: 'x',
      matches: [{ ...m, covered: false, state: 'lapsed', coveredUntil: null }],
    });
    expect(vi).toBe('HIP000004485 SOK DARA: KHÔNG có bảo hiểm (chưa đóng).');
    for (const lang of ['km', 'vi'] as const) {
      for (const kind of ['help', 'refused', 'slow'] as const) {
        expect(replyFor(lang, { kind }).length, `${lang} ${kind}`).toBeLessThanOrEqual(70);
      }
      const many = Array.from({ length: 5 }, (_, i) => ({ ...m, memberNumber: `HIP00000000${i}` }));
      expect(replyFor(lang, { kind: 'found', asked: 'x', matches: many }).length).toBeLessThanOrEqual(70);
    }
  });

  it('counts GSM-7 as the network does, and switches to UCS-2 for any other letter', () => {
    expect(smsEncoding("COUVERT jusqu'au 2026-02-28, réglé")).toBe('gsm7');
    expect(smsEncoding('ça')).toBe('ucs2');
    // The euro takes two places in GSM-7: 80 of them fill the 160.
    expect(oneSms('€'.repeat(80))).toBe('€'.repeat(80));
    expect(oneSms('€'.repeat(81)).endsWith('...')).toBe(true);
    expect(oneSms('ក'.repeat(100)).length).toBe(70);
  });
});
