import { describe, expect, it } from 'vitest';
import { nameDistance, nameKey, namesAlike } from './names.js';

describe('romanised names', () => {
  it('meet across missing or extra h, doubled vowels, y for i and word order', () => {
    expect(nameKey('Chhorn Sreymom')).toBe(nameKey('Chorn Sreymoom'));
    expect(nameKey('Sok Dara')).toBe(nameKey('Dara Sok'));
    expect(nameKey('Srey Pov')).toBe(nameKey('srei  POV'));
    expect(nameKey('Nguyễn Thị Hương')).toBe(nameKey('Nguyen Thi Huong'));
    expect(nameKey('Sok Dara')).not.toBe(nameKey('Sok Dany'));
  });

  it('rank the closest spelling first', () => {
    const names = ['Sok Dany', 'Chorn Sreymoom', 'Chhorn Sreymom', 'Chhorn Sophal'];
    const ranked = [...names].sort((a, b) => nameDistance('Chhorn Sreymom', a) - nameDistance('Chhorn Sreymom', b));
    expect(ranked.slice(0, 2)).toEqual(['Chhorn Sreymom', 'Chorn Sreymoom']);
    expect(ranked[3]).toBe('Sok Dany');
  });

  it('tell probable duplicates from other people', () => {
    expect(namesAlike('Keo Sophea', 'Keo Sopheaa')).toBe(true);
    expect(namesAlike('Keo Sophea', 'Sophea Keo')).toBe(true);
    expect(namesAlike('Keo Sophea', 'Meas Sokha')).toBe(false);
  });
});
