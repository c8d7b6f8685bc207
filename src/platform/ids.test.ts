import { describe, expect, it } from 'vitest';
import { newId, newShortId } from './ids.js';

describe('ids', () => {
  it('makes UUIDv7 record ids that sort by the order they were made', () => {
    const ids = Array.from({ length: 5000 }, newId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes short ids of the length asked, from letters that are not misread', () => {
    const ids = Array.from({ length: 2000 }, () => newShortId(10));
    for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every letter turns up: the random bytes are spread over all 32 of them.
    expect(new Set(ids.join('')).size).toBe(32);
  });
});
