import { describe, expect, it } from 'vitest';
import { statements, type RunFacts } from './statement.js';
import { monthOf } from './repo.js';

const facts = (change: Partial<RunFacts> = {}): RunFacts => ({
  daysInMonth: 28,
  minorUnits: 0,
  contributions: 1_000_000,
  contracts: [],
  facilities: new Map(),
  claims: [],
  adjustments: [],
  ...change,
});

describe('the monthly statements', () => {
  it('knows the length of a month', () => {
    expect(monthOf('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28', days: 28 });
    expect(monthOf('2024-02').days).toBe(29);
    expect(monthOf('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31', days: 31 });
  });

  it('pays lump sums and capitation by the month, pro rata to the days the contract was in force', () => {
    const [hospital, centre] = statements(
      facts({
        contracts: [
          {
            facilityId: 'A',
            daysInForce: 14,
            categories: [{ category: 'hospital_stay', mechanism: 'lump_sum', amountPerMonth: 500_000 }],
          },
          {
            facilityId: 'B',
            daysInForce: 28,
            categories: [
              {
                category: 'consultation',
                mechanism: 'capitation',
                basis: { kind: 'per_member', amountPerMember: 25, members: 'catchment' },
              },
            ],
          },
        ],
        facilities: new Map([['B', { id: 'B', population: 0, members: 1_200, assigned: 300, visits: 0 }]]),
      }),
    );
    expect(hospital).toMatchObject({ facilityId: 'A', lumpSum: 250_000, total: 250_000 });
    expect(hospital!.lines[0]!.basis).toBe('500,000 a month for 14 of 28 days');
    expect(centre).toMatchObject({ facilityId: 'B', capitation: 30_000, total: 30_000 });
    expect(centre!.lines[0]!.basis).toContain('1,200 members');
  });

  it('splits a share of contributions between facilities by population, members and visits', () => {
    const basis = {
      kind: 'contribution_share' as const,
      shareBp: 2_000,
      weights: { population: 5_000, members: 5_000, visits: 0 },
    };
    const result = statements(
      facts({
        contracts: ['A', 'B'].map((facilityId) => ({
          facilityId,
          daysInForce: 28,
          categories: [{ category: 'consultation', mechanism: 'capitation' as const, basis }],
        })),
        facilities: new Map([
          ['A', { id: 'A', population: 3_000, members: 100, assigned: 0, visits: 40 }],
          ['B', { id: 'B', population: 1_000, members: 300, assigned: 0, visits: 10 }],
        ]),
      }),
    );
    // A: (0.75 + 0.25) / 2 = half of 200,000; B the other half.
    expect(result.map((s) => s.capitation)).toEqual([100_000, 100_000]);
    expect(result.reduce((s, x) => s + x.total, 0)).toBe(200_000);
  });

  it('pays cases and fees for service as decided, relative claims out of the budget, and adjustments', () => {
    const [a, b] = statements(
      facts({
        contracts: [
          {
            facilityId: 'A',
            daysInForce: 28,
            categories: [{ category: 'chronic', mechanism: 'relative', shareBp: 1_000, priceListId: null }],
          },
          {
            facilityId: 'B',
            daysInForce: 28,
            categories: [{ category: 'chronic', mechanism: 'relative', shareBp: 1_000, priceListId: null }],
          },
        ],
        claims: [
          { facilityId: 'A', category: 'surgery', mechanism: 'case', claims: 2, amount: 264_000 },
          { facilityId: 'A', category: 'consultation', mechanism: 'fee_for_service', claims: 5, amount: 1_000 },
          { facilityId: 'A', category: 'chronic', mechanism: 'relative', claims: 3, amount: 150_000 },
          { facilityId: 'B', category: 'chronic', mechanism: 'relative', claims: 1, amount: 50_000 },
        ],
        adjustments: [{ facilityId: 'B', amount: -2_000, reason: 'Overpaid in January' }],
      }),
    );
    // A budget of 100,000 over 200,000 of relative claims: each paid at half its value.
    expect(a).toMatchObject({ caseBased: 264_000, feeForService: 1_000, relative: 75_000, claims: 10, total: 340_000 });
    expect(b).toMatchObject({ relative: 25_000, adjustments: -2_000, total: 23_000 });
    expect(b!.lines.at(-1)).toMatchObject({ mechanism: 'adjustment', basis: 'Overpaid in January' });
  });

  it('never pays relative claims more than their value', () => {
    const [a] = statements(
      facts({
        contracts: [
          {
            facilityId: 'A',
            daysInForce: 28,
            categories: [{ category: 'chronic', mechanism: 'relative', shareBp: 10_000, priceListId: null }],
          },
        ],
        claims: [{ facilityId: 'A', category: 'chronic', mechanism: 'relative', claims: 1, amount: 5_000 }],
      }),
    );
    expect(a!.relative).toBe(5_000);
  });
});
