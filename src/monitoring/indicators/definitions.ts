/**
 * The indicators riskpool computes from the stored figures (see docs/monitoring.md for each
 * definition). Each is a numerator over a denominator, times a scale, so that its value for
 * several areas or schemes together is made from their summed numerators and denominators.
 */
export type Unit = 'count' | 'percent' | 'per_1000_year' | 'amount' | 'days' | 'hours' | 'score' | 'ratio';

export interface IndicatorDefinition {
  code: string;
  name: string;
  description: string;
  numerator: string;
  denominator: string;
  scale: number;
  unit: Unit;
  /** The change against the period before: (this − before) ÷ before, of the numerator. */
  change?: boolean;
  builtIn: boolean;
}

/** Figures that are a level at a moment (taken from a period's last month), not a flow summed over months. */
export const STOCKS = new Set([
  'members_covered',
  'heads_covered',
  'target_population',
  'assets',
  'liabilities',
  'current_assets',
  'current_liabilities',
]);

/** The count of months a period has, as a figure: "per month" averages divide by it. */
export const ONE = '1';

const d = (
  code: string,
  name: string,
  description: string,
  numerator: string,
  denominator: string,
  scale: number,
  unit: Unit,
  change = false,
): IndicatorDefinition => ({
  code,
  name,
  description,
  numerator,
  denominator,
  scale,
  unit,
  builtIn: true,
  ...(change ? { change } : {}),
});

export const BUILT_IN: IndicatorDefinition[] = [
  d(
    'members',
    'Members covered',
    'Members (heads of household: the workers, the subscribers) with cover on any day of the period’s last month.',
    'heads_covered',
    ONE,
    1,
    'count',
  ),
  d(
    'beneficiaries',
    'Beneficiaries covered',
    'Everyone with cover on any day of the period’s last month: the members and their dependants.',
    'members_covered',
    ONE,
    1,
    'count',
  ),
  d(
    'new_members',
    'New members',
    'Members whose first cover ever began in the period.',
    'members_new',
    ONE,
    1,
    'count',
  ),
  d(
    'renewed',
    'Renewed',
    'Persons whose premium cover ended in the period and whose household paid again within 90 days.',
    'renewal_done',
    ONE,
    1,
    'count',
  ),
  d(
    'growth',
    'Growth',
    'Members covered, against the period before: (now − before) ÷ before.',
    'members_covered',
    ONE,
    100,
    'percent',
    true,
  ),
  d(
    'penetration',
    'Penetration',
    'Members covered ÷ the target population (the population of the areas or groups).',
    'members_covered',
    'target_population',
    100,
    'percent',
  ),
  d(
    'renewal_ratio',
    'Renewal ratio',
    'Of the persons whose premium cover ended in the period, the share whose household paid again within 90 days.',
    'renewal_done',
    'renewal_due',
    100,
    'percent',
  ),
  d(
    'contribution_recovery',
    'Contribution recovery',
    'Contributions collected for the period’s months ÷ contributions due for them (employers’ invoices; premiums are due as they are collected).',
    'contributions_collected',
    'contributions_due',
    100,
    'percent',
  ),
  d(
    'claims_per_1000',
    'Claims per 1,000 members a year',
    'Claims paid ÷ member-months of cover × 12,000.',
    'claims_paid',
    'member_months',
    12_000,
    'per_1000_year',
  ),
  d(
    'average_claim',
    'Average cost per claim',
    'Amount approved ÷ claims paid.',
    'claims_approved_amount',
    'claims_paid',
    1,
    'amount',
  ),
  d(
    'incurred_claims_ratio',
    'Incurred claims ratio',
    'Claims approved for care in the period ÷ contributions due (earned) for it.',
    'claims_approved_amount',
    'contributions_due',
    100,
    'percent',
  ),
  d(
    'incurred_expense_ratio',
    'Incurred expense ratio',
    'Claims approved plus running costs entered ÷ contributions due.',
    'claims_approved_amount + running_costs',
    'contributions_due',
    100,
    'percent',
  ),
  d(
    'net_income_ratio',
    'Net income ratio',
    '(Contributions due − claims approved − running costs) ÷ contributions due.',
    'contributions_due - claims_approved_amount - running_costs',
    'contributions_due',
    100,
    'percent',
  ),
  d(
    'rejection_ratio',
    'Claims rejection ratio',
    'Claims rejected ÷ claims received, for care in the period.',
    'claims_rejected',
    'claims_received',
    100,
    'percent',
  ),
  d(
    'settlement_days',
    'Days from care to payment',
    'For the period’s claims paid by a payment run marked paid: mean days from the end of the care to the payment.',
    'settlement_days',
    'settled_claims',
    1,
    'days',
  ),
  d(
    'settled_within_7',
    'Settled within 7 days',
    'Share of the settled claims paid 0 to 7 days after the care.',
    'settled_0_7',
    'settled_claims',
    100,
    'percent',
  ),
  d(
    'settled_8_30',
    'Settled in 8 to 30 days',
    'Share of the settled claims paid 8 to 30 days after the care.',
    'settled_8_30',
    'settled_claims',
    100,
    'percent',
  ),
  d(
    'settled_31_90',
    'Settled in 31 to 90 days',
    'Share of the settled claims paid 31 to 90 days after the care.',
    'settled_31_90',
    'settled_claims',
    100,
    'percent',
  ),
  d(
    'settled_over_90',
    'Settled after 90 days',
    'Share of the settled claims paid more than 90 days after the care.',
    'settled_over_90',
    'settled_claims',
    100,
    'percent',
  ),
  d(
    'provider_payments',
    'Paid to facilities',
    'What the approved or paid payment runs of the period’s months pay the facilities.',
    'provider_payments',
    ONE,
    1,
    'amount',
  ),
  d(
    'solvency',
    'Solvency',
    'Assets ÷ liabilities, as entered for the period’s last month.',
    'assets',
    'liabilities',
    1,
    'ratio',
  ),
  d(
    'liquidity',
    'Liquidity',
    'Current assets ÷ current liabilities, as entered for the period’s last month.',
    'current_assets',
    'current_liabilities',
    1,
    'ratio',
  ),
  d(
    'complaints_per_1000',
    'Complaints per 1,000 members a year',
    'Tickets opened ÷ member-months × 12,000.',
    'tickets_opened',
    'member_months',
    12_000,
    'per_1000_year',
  ),
  d(
    'time_to_resolve',
    'Hours to resolve a complaint',
    'Mean hours from opening to resolution, of the period’s tickets resolved.',
    'ticket_resolution_hours',
    'tickets_resolved',
    1,
    'hours',
  ),
  d(
    'complaints_in_time',
    'Complaints resolved in time',
    'Share of the resolved tickets resolved by their first deadline.',
    'tickets_within_deadline',
    'tickets_resolved',
    100,
    'percent',
  ),
];

/** One indicator per care category and satisfaction dimension found among the figures. */
export function perCategory(codes: string[]): IndicatorDefinition[] {
  const out: IndicatorDefinition[] = [];
  for (const code of codes) {
    const [kind, what] = code.split('.') as [string, string | undefined];
    if (!what) continue;
    if (kind === 'uses') {
      out.push(
        d(
          `utilisation.${what}`,
          `Use of ${what} per 1,000 members a year`,
          `Claims for ${what} paid ÷ member-months × 12,000.`,
          `uses.${what}`,
          'member_months',
          12_000,
          'per_1000_year',
        ),
        d(
          `average_cost.${what}`,
          `Average cost of ${what}`,
          `Amount approved for ${what} ÷ its claims paid.`,
          `cost.${what}`,
          `uses.${what}`,
          1,
          'amount',
        ),
      );
    }
    if (kind === 'satisfaction_respondents') {
      out.push(
        d(
          `satisfaction.${what}`,
          `Satisfaction score: ${what}`,
          `Mean of respondents’ scores (1 to 5) on ${what}, of the surveys answered in the period.`,
          `satisfaction_score.${what}`,
          `satisfaction_respondents.${what}`,
          0.001,
          'score',
        ),
        d(
          `satisfied.${what}`,
          `Share satisfied: ${what}`,
          `Respondents scoring ${what} 4 or more ÷ respondents.`,
          `satisfaction_satisfied.${what}`,
          `satisfaction_respondents.${what}`,
          100,
          'percent',
        ),
      );
    }
  }
  return out;
}
