import type { z } from '@hono/zod-openapi';
import type { CollectionCosting, CollectionCostingInput } from './schemas.js';

type Input = z.infer<typeof CollectionCostingInput>;

/** Money stays exact while it is added up and is rounded to minor units once, at the end. */
const money = (n: number) => Math.round(n);
const ratio = (a: number, b: number, places = 4) => (b ? Math.round((a / b) * 10 ** places) / 10 ** places : null);

/**
 * What collecting premiums costs, and the premiums that pay for it: seed 003's costing of the
 * Angkor Chum scheme, line by line. Pure.
 *
 * - Each fixed line costs its monthly cost (units × unit cost unless given) times the share of it
 *   that goes to premium collection (its allocation): its proportional cost.
 * - Variable costs are shares of each premium (collectors' incentives).
 * - The unit contribution margin is what a premium leaves once its variable cost is paid; the
 *   break-even point is the fixed cost over that margin (Ward, 2018, as the seed uses it).
 * - Provider payments (user fees, claims), where given, join the total cost, for the deficit.
 */
export function collectionCosting(input: Input): z.infer<typeof CollectionCosting> {
  const lines = input.fixedCosts.map((l) => {
    const monthlyCost = l.monthlyCost ?? l.units * l.unitCost;
    return { ...l, monthlyCost, proportional: monthlyCost * l.allocation };
  });
  const monthlyFixed = lines.reduce((n, l) => n + l.proportional, 0);
  const byGroup = (g: 'direct' | 'indirect') =>
    lines.filter((l) => l.group === g).reduce((n, l) => n + l.proportional, 0);
  const variableRate = Math.round(input.variableRates.reduce((n, r) => n + r.rate, 0) * 1e6) / 1e6;
  const notes: string[] = [];
  if (variableRate >= 1)
    notes.push('The variable costs take the whole premium or more: no number of premiums breaks even.');

  const totals = input.periods.reduce(
    (t, p) => ({
      months: t.months + p.months,
      premiumsPaid: t.premiumsPaid + p.premiumsPaid,
      premiumIncome: t.premiumIncome + p.premiumIncome,
      providerPayments: t.providerPayments + (p.providerPayments ?? 0),
    }),
    { months: 0, premiumsPaid: 0, premiumIncome: 0, providerPayments: 0 },
  );
  const averagePremium = totals.premiumsPaid ? totals.premiumIncome / totals.premiumsPaid : null;
  const margin = averagePremium === null ? null : averagePremium * (1 - variableRate);
  if (averagePremium === null)
    notes.push('No premiums were paid: the average premium, and so the break-even point, is unknown.');
  const breakEven = (fixed: number) => (margin !== null && margin > 0 ? Math.ceil(fixed / margin - 1e-9) : null);

  let cumulative = 0;
  const periods = input.periods.map((p) => {
    const fixed = monthlyFixed * p.months;
    const variable = p.premiumIncome * variableRate;
    const collection = fixed + variable;
    const providers = p.providerPayments ?? 0;
    const total = collection + providers;
    const balance = p.premiumIncome - total;
    cumulative += balance;
    const needed = breakEven(fixed);
    return {
      label: p.label,
      months: p.months,
      premiumsPaid: p.premiumsPaid,
      premiumIncome: p.premiumIncome,
      fixedCost: money(fixed),
      variableCost: money(variable),
      collectionCost: money(collection),
      providerPayments: providers,
      totalCost: money(total),
      balance: money(balance),
      cumulativeBalance: money(cumulative),
      breakEvenPremiums: needed,
      aboveBreakEven: needed === null ? null : p.premiumsPaid >= needed,
    };
  });

  const fixedTotal = monthlyFixed * totals.months;
  const variableTotal = totals.premiumIncome * variableRate;
  const collectionTotal = fixedTotal + variableTotal;
  const totalCost = collectionTotal + totals.providerPayments;
  const deficit = totalCost - totals.premiumIncome;
  const perPremium = (n: number) => (totals.premiumsPaid ? money(n / totals.premiumsPaid) : null);
  return {
    currency: input.currency,
    lines: lines.map((l) => ({
      name: l.name,
      group: l.group,
      monthlyCost: money(l.monthlyCost),
      allocation: l.allocation,
      proportionalCost: money(l.proportional),
      share: ratio(l.proportional, monthlyFixed) ?? 0,
    })),
    directMonthlyCost: money(byGroup('direct')),
    indirectMonthlyCost: money(byGroup('indirect')),
    monthlyFixedCost: money(monthlyFixed),
    fixedCostPerPeriod: periods.map((p) => ({ label: p.label, amount: p.fixedCost })),
    months: totals.months,
    premiumsPaid: totals.premiumsPaid,
    premiumIncome: totals.premiumIncome,
    fixedCost: money(fixedTotal),
    variableRate,
    variableCost: money(variableTotal),
    totalCollectionCost: money(collectionTotal),
    averagePremium: averagePremium === null ? null : money(averagePremium),
    costPerPremium: perPremium(collectionTotal),
    collectionCostShare: ratio(collectionTotal, totals.premiumIncome),
    unitContributionMargin: margin === null ? null : money(margin),
    breakEvenPremiums: periods.map((p) => ({ label: p.label, premiums: p.breakEvenPremiums })),
    breakEvenPremiumsPerMonth: margin !== null && margin > 0 ? Math.round((monthlyFixed / margin) * 10) / 10 : null,
    providerPayments: totals.providerPayments,
    totalCost: money(totalCost),
    deficit: money(deficit),
    deficitPerPremium: perPremium(deficit),
    costShares: {
      fixed: ratio(fixedTotal, totalCost),
      variable: ratio(variableTotal, totalCost),
      providerPayments: ratio(totals.providerPayments, totalCost),
    },
    periods,
    notes,
  };
}
