import { describe, expect, it } from 'vitest';
import { PhoneLimit } from './phone-limit.js';

describe('the limit per phone', () => {
  it('lets ten questions a minute through, then asks to wait until the minute has passed', () => {
    const limit = new PhoneLimit();
    const asks = Array.from({ length: 11 }, (_, i) => limit.tooMany('+85512345678', 1_000 + i));
    expect(asks.filter(Boolean)).toHaveLength(1);
    expect(asks[10]).toBe(true);
    expect(limit.tooMany('+85512345678', 1_000 + 60_001)).toBe(false);
    // Another phone has its own count.
    expect(limit.tooMany('+85597000111', 1_020)).toBe(false);
  });

  it('forgets the oldest phones when full, so memory stays bounded', () => {
    const limit = new PhoneLimit(1, 60_000, 2);
    limit.tooMany('a', 0);
    limit.tooMany('b', 0);
    limit.tooMany('c', 0);
    // "a" was dropped for "c": its next question counts as its first.
    expect(limit.tooMany('a', 1)).toBe(false);
    expect(limit.tooMany('c', 1)).toBe(true);
  });
});
