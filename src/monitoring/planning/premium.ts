import type { z } from '@hono/zod-openapi';
import type { PremiumInput, PremiumResult } from './schemas.js';

const round = (n: number, places = 4) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The premium a scheme needs, pure. Care costs, per member per year, the sum over the categories of
 * how often members use each (uses per member per year) × what one use costs: the risk premium.
 * The loadings (running costs, collection, reserves, a safety margin) are shares of the premium
 * itself, so the premium is the risk premium ÷ (1 − the loadings): seed 003's collection cost,
 * 36.6 % of the premium, is put in as it was measured.
 */
export function premiumNeeded(input: z.infer<typeof PremiumInput>): z.infer<typeof PremiumResult> {
  const perYear = input.categories.map((c) => ({ ...c, cost: c.frequency * c.averageCost }));
  const risk = perYear.reduce((n, c) => n + c.cost, 0);
  const l = input.loadings;
  const loadingShare = round(l.runningCosts + l.collection + l.reserves + l.safetyMargin, 6);
  const gross = risk / (1 - loadingShare);
  const divisor = input.per === 'month' ? 12 : 1;
  const premium = Math.round(gross / divisor);
  const current = input.currentPremium ?? null;
  return {
    currency: input.currency,
    per: input.per,
    categories: perYear.map((c) => ({
      category: c.category,
      frequency: c.frequency,
      averageCost: c.averageCost,
      costPerMemberYear: Math.round(c.cost),
      share: risk ? round(c.cost / risk) : 0,
    })),
    riskPremiumPerYear: Math.round(risk),
    loadingShare,
    grossPremiumPerYear: Math.round(gross),
    loadings: {
      runningCosts: Math.round(gross * l.runningCosts),
      collection: Math.round(gross * l.collection),
      reserves: Math.round(gross * l.reserves),
      safetyMargin: Math.round(gross * l.safetyMargin),
    },
    premium,
    riskPremium: Math.round(risk / divisor),
    currentPremium: current,
    difference: current === null ? null : premium - current,
    currentCovers: current === null || premium === 0 ? null : round(current / premium),
  };
}
