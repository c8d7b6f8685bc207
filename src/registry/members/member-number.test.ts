import { describe, expect, it } from 'vitest';
import { dammDigit, formatMemberNumber, parseMemberNumber } from './member-number.js';

describe('member numbers', () => {
  it('carry a Damm check digit', () => {
    expect(dammDigit('572')).toBe(4); // the published worked example
    expect(formatMemberNumber('HIP', 12)).toBe('HIP00000012' + dammDigit('00000012'));
    expect(parseMemberNumber('HIP', formatMemberNumber('HIP', 12))).toEqual({
      ok: true,
      number: formatMemberNumber('HIP', 12),
    });
  });

  it('read numbers typed with spaces, dashes and lower case', () => {
    const n = formatMemberNumber('HIP', 4711);
    const typed = `hip ${n.slice(3, 7)}-${n.slice(7)}`;
    expect(parseMemberNumber('HIP', typed)).toEqual({ ok: true, number: n });
  });

  it('reject every single wrong digit and every swap of neighbours', () => {
    for (const seq of [1, 90, 4711, 12345678, 98765432]) {
      const n = formatMemberNumber('HIP', seq);
      const digits = n.slice(3);
      for (let i = 0; i < digits.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === digits[i]) continue;
          const typo = 'HIP' + digits.slice(0, i) + d + digits.slice(i + 1);
          expect(parseMemberNumber('HIP', typo).ok, typo).toBe(false);
        }
        if (i + 1 < digits.length && digits[i] !== digits[i + 1]) {
          const swapped = 'HIP' + digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
          expect(parseMemberNumber('HIP', swapped).ok, swapped).toBe(false);
        }
      }
    }
  });

  it('say why a text is not a member number', () => {
    expect(parseMemberNumber('HIP', 'XYZ000000123')).toEqual({ ok: false, reason: 'must start with HIP' });
    expect(parseMemberNumber('HIP', 'HIP12')).toMatchObject({ ok: false });
  });
});
