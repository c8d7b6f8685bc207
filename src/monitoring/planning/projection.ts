import type { z } from '@hono/zod-openapi';
import type { Projection, ProjectionInput } from './schemas.js';

/**
 * A scheme's money over the years ahead, pure. Each year the members who renew stay and new ones
 * join (a share of the year before); the premium and the cost of care move by their trends; a
 * subsidy falls evenly to nothing over its years; what is left over goes to (or is taken from)
 * the reserves. Amounts stay exact and are rounded to minor units for the answer.
 */
export function project(input: z.infer<typeof ProjectionInput>): z.infer<typeof Projection> {
  const years = [];
  let members = input.members;
  let reserves = input.reserves;
  let runOut: number | null = null;
  for (let i = 0; i < input.years; i++) {
    const year = input.startYear + i;
    // The first year starts from the members there are; later ones renew and grow from it.
    const renewed = i === 0 ? members : Math.round(members * input.renewal);
    const newMembers = i === 0 ? 0 : Math.round(members * input.growth);
    members = renewed + newMembers;
    const premium = input.premiumPerMemberYear * (1 + input.premiumTrend) ** i;
    const cost = input.costPerMemberYear * (1 + input.costTrend) ** i;
    const taper = input.subsidy ? Math.max(0, 1 - i / input.subsidy.taperYears) : 0;
    const subsidy = input.subsidy ? input.subsidy.firstYear * taper : 0;
    const premiumIncome = members * premium;
    const income = premiumIncome + subsidy;
    const careCost = members * cost;
    const running = input.runningCostsPerYear + members * input.runningCostPerMember;
    const expenses = careCost + running;
    const result = income - expenses;
    reserves += result;
    if (runOut === null && reserves < 0) runOut = year;
    years.push({
      year,
      members,
      newMembers,
      renewed,
      premium: Math.round(premium),
      premiumIncome: Math.round(premiumIncome),
      subsidy: Math.round(subsidy),
      income: Math.round(income),
      careCost: Math.round(careCost),
      runningCosts: Math.round(running),
      expenses: Math.round(expenses),
      result: Math.round(result),
      reserves: Math.round(reserves),
      reserveMonths: expenses > 0 ? Math.round((reserves / expenses) * 120) / 10 : null,
    });
  }
  return { currency: input.currency, years, reservesRunOut: runOut };
}
