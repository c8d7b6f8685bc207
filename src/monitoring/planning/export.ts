import type { z } from '@hono/zod-openapi';
import { currencyDigits, major, type Table } from '../reports/tables.js';
import type { PremiumResult, Projection } from './schemas.js';

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The premium needed, as tables: the cost of care by category, then the loadings and the premium beside the current one. */
export function premiumTables(r: z.infer<typeof PremiumResult>): Table[] {
  const m = (n: number | null) => major(n, currencyDigits(r.currency));
  const amount = (label: string) => `${label} (${r.currency})`;
  return [
    {
      title: 'Cost of care per member and year, by category',
      columns: [
        { key: 'category', label: 'Category' },
        { key: 'frequency', label: 'Uses per member a year', numeric: true },
        { key: 'averageCost', label: amount('Average cost'), numeric: true },
        { key: 'costPerMemberYear', label: amount('Cost per member a year'), numeric: true },
        { key: 'share', label: 'Share (%)', numeric: true },
      ],
      rows: r.categories.map((c) => ({
        category: c.category,
        frequency: c.frequency,
        averageCost: m(c.averageCost),
        costPerMemberYear: m(c.costPerMemberYear),
        share: pct(c.share),
      })),
    },
    {
      title: `The premium per member a ${r.per}`,
      columns: [
        { key: 'measure', label: 'Measure' },
        { key: 'value', label: 'Value', numeric: true },
      ],
      rows: (
        [
          [amount('Risk premium a year'), m(r.riskPremiumPerYear)],
          [amount('Running costs a year'), m(r.loadings.runningCosts)],
          [amount('Collection a year'), m(r.loadings.collection)],
          [amount('Reserves a year'), m(r.loadings.reserves)],
          [amount('Safety margin a year'), m(r.loadings.safetyMargin)],
          ['Loadings (% of the gross premium)', pct(r.loadingShare)],
          [amount('Gross premium a year'), m(r.grossPremiumPerYear)],
          [amount(`Premium needed a ${r.per}`), m(r.premium)],
          [amount(`Current premium a ${r.per}`), m(r.currentPremium)],
          [amount('Needed less current'), m(r.difference)],
          ['Current over needed (%)', pct(r.currentCovers)],
        ] as [string, number | null][]
      ).map(([measure, value]) => ({ measure, value })),
    },
  ];
}

/** The years ahead, one row a year. */
export function projectionTables(r: z.infer<typeof Projection>): Table[] {
  const m = (n: number) => major(n, currencyDigits(r.currency));
  const amount = (label: string) => `${label} (${r.currency})`;
  return [
    {
      title: 'Financial projection',
      columns: [
        { key: 'year', label: 'Year' },
        { key: 'members', label: 'Members', numeric: true },
        { key: 'newMembers', label: 'New', numeric: true },
        { key: 'renewed', label: 'Renewed', numeric: true },
        { key: 'premium', label: amount('Premium'), numeric: true },
        { key: 'premiumIncome', label: amount('Premium income'), numeric: true },
        { key: 'subsidy', label: amount('Subsidy'), numeric: true },
        { key: 'careCost', label: amount('Care'), numeric: true },
        { key: 'runningCosts', label: amount('Running costs'), numeric: true },
        { key: 'result', label: amount('Result'), numeric: true },
        { key: 'reserves', label: amount('Reserves'), numeric: true },
        { key: 'reserveMonths', label: 'Reserves in months of expenses', numeric: true },
      ],
      rows: r.years.map((y) => ({
        year: String(y.year),
        members: y.members,
        newMembers: y.newMembers,
        renewed: y.renewed,
        premium: m(y.premium),
        premiumIncome: m(y.premiumIncome),
        subsidy: m(y.subsidy),
        careCost: m(y.careCost),
        runningCosts: m(y.runningCosts),
        result: m(y.result),
        reserves: m(y.reserves),
        reserveMonths: y.reserveMonths,
      })),
    },
  ];
}
