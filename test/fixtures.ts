import { DEFAULT_POLICY } from '../src/claims/policy.js';

/** Sends a write through the API as a test's administrator; answers the body, throws on refusal. */
export type Post = (url: string, body: unknown) => Promise<any>;

/**
 * Seed 000's garment workers' cover, made through the API: the contribution rule (US$1.60 a
 * month, half from the employer) and a monthly product on it for the worker alone.
 */
export async function garmentProduct(
  post: Post,
  opts: { name?: string; categories?: unknown[]; effectiveFrom?: string; grace?: { paymentDays: number } } = {},
) {
  const effectiveFrom = opts.effectiveFrom ?? '2011-01-01';
  const rule = await post('/api/v1/contribution-rules', {
    code: 'HIP',
    name: 'HIP',
    version: { effectiveFrom, definition: { kind: 'flat', period: 'month', amount: 160, employerShareBp: 5000 } },
  });
  return post('/api/v1/products', {
    code: 'HIP',
    name: opts.name ?? 'Garment workers',
    version: {
      effectiveFrom,
      definition: {
        covers: 'member',
        term: { kind: 'monthly' },
        ...(opts.grace ? { grace: opts.grace } : {}),
        contributionRuleId: rule.id,
        categories: opts.categories ?? [],
      },
    },
  });
}

/**
 * A claim policy that sends nothing to review or audit and asks no member afterwards: tests of
 * what the rules decide set only the selection they are about on top of it.
 */
export const QUIET_POLICY = {
  ...DEFAULT_POLICY,
  review: {
    randomShareBp: 0,
    amountAbove: null,
    averageFactorBp: null,
    memberClaimsPer30Days: null,
    facilityDailyFactorBp: null,
  },
  auditSampleBp: 0,
  followUpShareBp: 0,
};

/**
 * An employer's month declared for some workers and paid in full by bank transfer on a day:
 * what makes them covered that month.
 */
export async function paidMonth(
  post: Post,
  employerId: string,
  lines: { memberId: string; wage?: number }[],
  period: string,
  paidOn: string,
  externalId = `PAY-${period}`,
) {
  const declaration = await post('/api/v1/declarations', { employerId, period, lines });
  await post('/api/v1/payments', {
    method: 'bank_transfer',
    externalId,
    amount: declaration.invoice.memberPart + declaration.invoice.employerPart,
    currency: 'USD',
    paidOn,
    employerId,
  });
  return declaration;
}

/**
 * A health centre paid by service for consultations (US$3.00 on its price list) from 2026: a
 * facility whose consultation claims are approved at the list price.
 */
export async function consultationCentre(post: Post) {
  const facility = await post('/api/v1/facilities', {
    code: 'HC',
    name: 'Health centre',
    type: 'health_centre',
    ownership: 'public',
  });
  const prices = await post('/api/v1/price-lists', {
    code: 'OPD',
    name: 'Outpatient',
    items: [{ code: 'CONSULT', name: 'Consultation', kind: 'service', price: 300 }],
  });
  await post('/api/v1/contracts', {
    facilityId: facility.id,
    startsOn: '2026-01-01',
    categories: [{ category: 'consultation', mechanism: 'fee_for_service', priceListId: prices.id }],
  });
  return facility as { id: string };
}
