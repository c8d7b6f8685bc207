/** The financial balances a scheme enters each month, copied among its figures. */
export const FINANCIAL_CODES = [
  'running_costs',
  'assets',
  'liabilities',
  'current_assets',
  'current_liabilities',
] as const;

/**
 * The figures kept for each month (docs/monitoring.md says what each counts): the names an
 * indicator's formula may use. A name that is not one of them would read as nothing, month
 * after month, without anyone being told.
 */
export const FIGURE_CODES = new Set<string>([
  'members_covered',
  'heads_covered',
  'member_months',
  'members_new',
  'target_population',
  'renewal_due',
  'renewal_done',
  'contributions_due',
  'contributions_collected',
  'claims_received',
  'claims_rejected',
  'claims_paid',
  'claims_approved_amount',
  'claims_claimed_amount',
  'settled_claims',
  'settlement_days',
  'settled_0_7',
  'settled_8_30',
  'settled_31_90',
  'settled_over_90',
  'provider_payments',
  'tickets_opened',
  'tickets_resolved',
  'ticket_resolution_hours',
  'tickets_within_deadline',
  ...FINANCIAL_CODES,
]);

/** Figures kept per care category or satisfaction dimension: the family, a dot, and the scheme's own code. */
export const FIGURE_FAMILIES = [
  'uses',
  'cost',
  'satisfaction_respondents',
  'satisfaction_score',
  'satisfaction_satisfied',
] as const;

export function isFigureCode(code: string): boolean {
  const [family, member, ...rest] = code.split('.');
  if (rest.length) return false;
  return member === undefined
    ? FIGURE_CODES.has(code)
    : (FIGURE_FAMILIES as readonly string[]).includes(family!) && member !== '';
}
