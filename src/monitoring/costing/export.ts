import type { z } from '@hono/zod-openapi';
import { currencyDigits, major, type Table } from '../reports/tables.js';
import type { CollectionCosting } from './schemas.js';

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * A costing as seed 003's Table 1 sets it out, in three tables: the cost lines and what each
 * costs premium collection, the periods with their break-even points, and the totals.
 */
export function costingTables(r: z.infer<typeof CollectionCosting>): Table[] {
  const d = currencyDigits(r.currency);
  const m = (n: number | null) => major(n, d);
  const amount = (label: string) => `${label} (${r.currency})`;
  return [
    {
      title: 'Cost of premium collection by line',
      columns: [
        { key: 'name', label: 'Line' },
        { key: 'group', label: 'Group' },
        { key: 'monthlyCost', label: amount('Monthly cost'), numeric: true },
        { key: 'allocation', label: 'Allocated to collection (%)', numeric: true },
        { key: 'proportionalCost', label: amount('Collection cost a month'), numeric: true },
        { key: 'share', label: 'Share of the fixed cost (%)', numeric: true },
      ],
      rows: r.lines.map((l) => ({
        name: l.name,
        group: l.group,
        monthlyCost: m(l.monthlyCost),
        allocation: pct(l.allocation),
        proportionalCost: m(l.proportionalCost),
        share: pct(l.share),
      })),
    },
    {
      title: 'Periods',
      columns: [
        { key: 'label', label: 'Period' },
        { key: 'months', label: 'Months', numeric: true },
        { key: 'premiumsPaid', label: 'Premiums paid', numeric: true },
        { key: 'premiumIncome', label: amount('Premium income'), numeric: true },
        { key: 'collectionCost', label: amount('Collection cost'), numeric: true },
        { key: 'providerPayments', label: amount('Paid to providers'), numeric: true },
        { key: 'totalCost', label: amount('Total cost'), numeric: true },
        { key: 'balance', label: amount('Balance'), numeric: true },
        { key: 'cumulativeBalance', label: amount('Cumulative balance'), numeric: true },
        { key: 'breakEvenPremiums', label: 'Break-even premiums', numeric: true },
      ],
      rows: r.periods.map((p) => ({
        label: p.label,
        months: p.months,
        premiumsPaid: p.premiumsPaid,
        premiumIncome: m(p.premiumIncome),
        collectionCost: m(p.collectionCost),
        providerPayments: m(p.providerPayments),
        totalCost: m(p.totalCost),
        balance: m(p.balance),
        cumulativeBalance: m(p.cumulativeBalance),
        breakEvenPremiums: p.breakEvenPremiums,
      })),
    },
    {
      title: 'Totals',
      columns: [
        { key: 'measure', label: 'Measure' },
        { key: 'value', label: 'Value', numeric: true },
      ],
      rows: (
        [
          [amount('Monthly fixed cost'), m(r.monthlyFixedCost)],
          [amount('Direct, a month'), m(r.directMonthlyCost)],
          [amount('Indirect, a month'), m(r.indirectMonthlyCost)],
          [amount('Fixed cost'), m(r.fixedCost)],
          ['Variable rate (%)', pct(r.variableRate)],
          [amount('Variable cost'), m(r.variableCost)],
          [amount('Total collection cost'), m(r.totalCollectionCost)],
          ['Premiums paid', r.premiumsPaid],
          [amount('Premium income'), m(r.premiumIncome)],
          [amount('Average premium'), m(r.averagePremium)],
          [amount('Collection cost per premium'), m(r.costPerPremium)],
          ['Collection cost over premium income (%)', pct(r.collectionCostShare)],
          [amount('Unit contribution margin'), m(r.unitContributionMargin)],
          ['Break-even premiums a month', r.breakEvenPremiumsPerMonth],
          [amount('Paid to providers'), m(r.providerPayments)],
          [amount('Total cost'), m(r.totalCost)],
          [amount('Deficit (negative: a surplus)'), m(r.deficit)],
          [amount('Deficit per premium'), m(r.deficitPerPremium)],
        ] as [string, number | null][]
      ).map(([measure, value]) => ({ measure, value })),
    },
  ];
}
