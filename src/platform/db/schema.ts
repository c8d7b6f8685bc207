/**
 * The database as Kysely sees it. Both engines store the same columns: ids are text (UUIDv7
 * made in the application), dates and timestamps ISO text, money integer minor units, flags
 * 0/1 integers and structured values JSON text, so one set of queries serves SQLite and
 * PostgreSQL alike. Every table of scheme data carries scheme_id and has it in its keys.
 */
export interface Database {
  scheme: SchemeTable;
  federation: FederationTable;
  federation_scheme: FederationSchemeTable;
  app_user: UserTable;
  custom_role: CustomRoleTable;
  user_session: SessionTable;
  api_token: ApiTokenTable;
  audit_entry: AuditEntryTable;
  job: JobTable;
  counter: CounterTable;
  area: AreaTable;
  employer: EmployerTable;
  facility: FacilityTable;
  member_group: GroupTable;
  household: HouseholdTable;
  member: MemberTable;
  member_name_token: MemberNameTokenTable;
  name_token: NameTokenTable;
  photo: PhotoTable;
  import_row: ImportRowTable;
  payer: PayerTable;
  contribution_rule: ContributionRuleTable;
  contribution_rule_version: ContributionRuleVersionTable;
  care_category: CareCategoryTable;
  product: ProductTable;
  product_version: ProductVersionTable;
  declaration: DeclarationTable;
  declaration_line: DeclarationLineTable;
  invoice: InvoiceTable;
  payment_channel: PaymentChannelTable;
  payment: PaymentTable;
  allocation: AllocationTable;
  collector: CollectorTable;
  campaign: CampaignTable;
  intention: IntentionTable;
  remittance: RemittanceTable;
  premium: PremiumTable;
  premium_member: PremiumMemberTable;
  coverage_period: CoveragePeriodTable;
  sms_message: SmsMessageTable;
  card_key: CardKeyTable;
  card: CardTable;
  visit: VisitTable;
  care_case: CareCaseTable;
  price_list: PriceListTable;
  contract: ContractTable;
  quality_assessment: QualityAssessmentTable;
  claim_policy: ClaimPolicyTable;
  claim: ClaimTable;
  claim_line: ClaimLineTable;
  claim_review: ClaimReviewTable;
  payment_run: PaymentRunTable;
  statement: StatementTable;
  payment_adjustment: PaymentAdjustmentTable;
  reimbursement: ReimbursementTable;
  cash_benefit: CashBenefitTable;
  claim_follow_up: ClaimFollowUpTable;
  claim_tally: ClaimTallyTable;
  ticket_category: TicketCategoryTable;
  ticket: TicketTable;
  ticket_event: TicketEventTable;
  survey: SurveyTable;
  survey_sample: SurveySampleTable;
  survey_response: SurveyResponseTable;
  monthly_figure: MonthlyFigureTable;
  figure_refresh: FigureRefreshTable;
  financial_entry: FinancialEntryTable;
  indicator: IndicatorTable;
  area_boundary: AreaBoundaryTable;
}

export interface SchemeTable {
  id: string;
  name: string;
  country: string;
  currency: string;
  currency_minor_units: number;
  /** JSON array of language codes, the first is the scheme's default. */
  languages: string;
  member_prefix: string;
  created_at: string;
  updated_at: string;
}

export interface FederationTable {
  id: string;
  name: string;
  created_at: string;
}

export interface FederationSchemeTable {
  federation_id: string;
  scheme_id: string;
}

export interface UserTable {
  id: string;
  /** The tenant the user works in; null for a federation's users. */
  scheme_id: string | null;
  federation_id: string | null;
  username: string;
  display_name: string;
  password_hash: string;
  /** JSON array of role codes: built-in codes or custom role ids. */
  roles: string;
  /** JSON array of area ids the user is limited to; empty means the whole scheme. */
  area_ids: string;
  language: string | null;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  /** Set for accounts used by machines (facility systems, SMS gateways) through API tokens. */
  is_machine: number;
  created_at: string;
  updated_at: string;
}

export interface CustomRoleTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  /** JSON array of rights. */
  rights: string;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the token: a stolen database does not yield working sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  scheme_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEntryTable {
  id: string;
  /** '' for events of no scheme. */
  scheme_id: string;
  user_id: string | null;
  username: string | null;
  at: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface JobTable {
  id: string;
  scheme_id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  /** JSON: what the job was asked to do. */
  params_json: string;
  /** JSON: what it found and did. */
  result_json: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CounterTable {
  scheme_id: string;
  name: string;
  value: number;
}

export interface AreaTable {
  id: string;
  scheme_id: string;
  parent_id: string | null;
  level: 'province' | 'district' | 'commune' | 'village';
  code: string;
  name: string;
  name_local: string | null;
  population: number | null;
  /** Materialised path of ids, "/root/…/self/", so "within this area" is a prefix match. */
  path: string;
  created_at: string;
  updated_at: string;
}

export interface EmployerTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  registration_number: string | null;
  sector: string | null;
  address: string | null;
  area_id: string | null;
  latitude: number | null;
  longitude: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  /** The product the employer's workers are enrolled in. */
  product_id: string | null;
  enrolment_mode: 'voluntary' | 'automatic';
  created_at: string;
  updated_at: string;
}

export interface FacilityTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  name_local: string | null;
  type: 'national_hospital' | 'referral_hospital' | 'health_centre' | 'private_clinic' | 'private_hospital';
  ownership: 'public' | 'private';
  area_id: string | null;
  latitude: number | null;
  longitude: number | null;
  /** JSON array of the phone numbers allowed to check members by SMS. */
  phone_numbers: string;
  /** The date the scheme's contract with the facility started. */
  contract_start: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: 'village' | 'commune' | 'cooperative' | 'savings_bank' | 'other';
  area_id: string | null;
  population: number | null;
  created_at: string;
  updated_at: string;
}

export interface HouseholdTable {
  id: string;
  scheme_id: string;
  head_member_id: string | null;
  address: string | null;
  area_id: string | null;
  created_at: string;
}

export interface MemberTable {
  id: string;
  scheme_id: string;
  member_number: string;
  household_id: string;
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'other';
  name_local: string | null;
  name_latin: string;
  /** Sorted, normalised tokens of the Latin name: finds spelling variants in any word order. */
  name_key: string;
  sex: 'F' | 'M';
  birth_date: string;
  national_id: string | null;
  phone: string | null;
  employer_id: string | null;
  factory_card_number: string | null;
  wage: number | null;
  group_id: string | null;
  area_id: string | null;
  /** The facility the member is assigned to, for capitation by assigned members. */
  assigned_facility_id: string | null;
  status: 'active' | 'suspended' | 'left' | 'deceased';
  has_photo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MemberNameTokenTable {
  scheme_id: string;
  token: string;
  member_id: string;
}

export interface NameTokenTable {
  scheme_id: string;
  token: string;
}

export interface PhotoTable {
  scheme_id: string;
  member_id: string;
  content_type: string;
  width: number;
  height: number;
  data: Uint8Array;
  created_at: string;
}

export interface ImportRowTable {
  scheme_id: string;
  job_id: string;
  line: number;
  field: string;
  reason: string;
}

export interface PayerTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: 'government' | 'donor' | 'local_authority' | 'social_fund' | 'other';
  created_at: string;
  updated_at: string;
}

export interface ContributionRuleTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface ContributionRuleVersionTable {
  id: string;
  scheme_id: string;
  rule_id: string;
  effective_from: string;
  /** The rule as of this date (schemes/contributions/schemas.ts, RuleDefinition). */
  definition_json: string;
  created_at: string;
  created_by: string | null;
}

export interface CareCategoryTable {
  scheme_id: string;
  code: string;
  name: string;
  setting: 'outpatient' | 'inpatient' | 'other';
  created_at: string;
  updated_at: string;
}

export interface ProductTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface ProductVersionTable {
  id: string;
  scheme_id: string;
  product_id: string;
  effective_from: string;
  /** The product as of this date (schemes/products/schemas.ts, ProductDefinition). */
  definition_json: string;
  created_at: string;
  created_by: string | null;
}

export interface DeclarationTable {
  id: string;
  scheme_id: string;
  employer_id: string;
  /** YYYY-MM */
  period: string;
  /** 1 for the first declaration of the employer's month, then one more for each correction. */
  version: number;
  state: 'current' | 'superseded';
  line_count: number;
  idempotency_key: string | null;
  created_at: string;
  created_by: string | null;
}

export interface DeclarationLineTable {
  scheme_id: string;
  declaration_id: string;
  line: number;
  member_id: string;
  wage: number | null;
  days_worked: number | null;
  amount: number;
  member_part: number;
  employer_part: number;
  payer_part: number;
}

export interface InvoiceTable {
  id: string;
  scheme_id: string;
  declaration_id: string;
  employer_id: string;
  period: string;
  currency: string;
  amount: number;
  member_part: number;
  employer_part: number;
  payer_parts_json: string;
  state: 'open' | 'superseded';
  /** Null on invoices made before products were recorded on them. */
  product_id: string | null;
  /** The day the employer's part was paid in full; null while it is owed. */
  settled_on: string | null;
  created_at: string;
}

export type PaymentMethod = 'bank_transfer' | 'mobile_money' | 'savings_debit' | 'cash';

export interface PaymentChannelTable {
  id: string;
  scheme_id: string;
  name: string;
  method: PaymentMethod;
  secret: string;
  active: number;
  created_at: string;
}

export interface PaymentTable {
  id: string;
  scheme_id: string;
  method: PaymentMethod;
  /** The payer's own transaction id: unique per scheme and method. */
  external_id: string;
  amount: number;
  currency: string;
  paid_on: string;
  reference: string | null;
  payer_name: string | null;
  channel_id: string | null;
  /** Whose debt it pays: one of employer, payer (a subsidy) or household (a premium), or none in suspense. */
  employer_id: string | null;
  payer_id: string | null;
  household_id: string | null;
  state: 'applied' | 'suspense';
  /** Why nobody could be matched, while in suspense. */
  suspense_reason: string | null;
  /** What is left once all that was owed is paid: a credit for the next month. */
  unapplied: number;
  created_at: string;
  created_by: string | null;
  assigned_at: string | null;
  assigned_by: string | null;
}

export interface AllocationTable {
  id: string;
  scheme_id: string;
  payment_id: string;
  employer_id: string;
  period: string;
  /** Null for the employer's own part (its workers' and its own shares); a payer's id for a subsidy. */
  payer_id: string | null;
  amount: number;
  created_at: string;
}

export interface CollectorTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: 'commune_council' | 'hef_operator' | 'agent';
  commission_bp: number;
  phone: string | null;
  area_id: string | null;
  /** The user who collects as this collector, when they log in themselves. */
  username: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CampaignTable {
  id: string;
  scheme_id: string;
  name: string;
  group_id: string;
  product_id: string;
  cycle_start: string;
  opens_on: string;
  closes_on: string;
  /** The share of the group's households that must enrol for the group to join. */
  threshold_bp: number;
  created_at: string;
  created_by: string | null;
}

export interface IntentionTable {
  scheme_id: string;
  campaign_id: string;
  household_id: string;
  persons: number;
  collector_id: string | null;
  recorded_at: string;
}

export interface RemittanceTable {
  id: string;
  scheme_id: string;
  collector_id: string;
  amount: number;
  remitted_on: string;
  reference: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PremiumTable {
  id: string;
  scheme_id: string;
  household_id: string;
  product_id: string;
  cover_from: string;
  cover_to: string;
  persons: number;
  /** All the household paid, fee included and discount taken off. */
  amount: number;
  registration_fee: number;
  discount: number;
  collector_id: string | null;
  commission: number;
  campaign_id: string | null;
  receipt_number: string | null;
  payment_id: string | null;
  collected_on: string;
  created_at: string;
  created_by: string | null;
}

export interface PremiumMemberTable {
  scheme_id: string;
  premium_id: string;
  member_id: string;
}

export interface CoveragePeriodTable {
  scheme_id: string;
  member_id: string;
  starts_on: string;
  ends_on: string;
  source: 'declaration' | 'premium';
  /** The invoice or premium that prices the period. */
  source_id: string;
  product_id: string;
  /** A premium's day of payment; null on declared months, whose invoice says when they were paid. */
  paid_on: string | null;
  /** Days after the start that an unpaid period still covers. */
  grace_days: number;
}

export interface SmsMessageTable {
  id: string;
  scheme_id: string;
  direction: 'in' | 'out';
  /** The phone that sent (in) or is answered (out). */
  phone: string;
  text: string;
  /** The gateway's own id of the message, when it gives one. */
  gateway_id: string | null;
  /** The facility the phone is registered to, when it is. */
  facility_id: string | null;
  at: string;
}

export interface CardKeyTable {
  scheme_id: string;
  /** The key's id, carried in every card it signs. */
  kid: string;
  /** Base64url of the raw 32-byte Ed25519 public key. */
  public_key: string;
  /** Base64url of the 32-byte Ed25519 secret key: readable by the server only, never answered. */
  secret_key: string;
  created_at: string;
  /** Set when a newer key signs new cards; the cards it signed still verify. */
  retired_at: string | null;
}

export interface CardTable {
  id: string;
  scheme_id: string;
  member_id: string;
  kid: string;
  valid_from: string;
  valid_until: string;
  issued_at: string;
  issued_by: string;
  /** The Base45 text of the QR code, as printed. */
  code: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface VisitTable {
  id: string;
  scheme_id: string;
  /** What the facility writes on the patient form and its claim refers to: FACILITY-YYMMDD-NNN. */
  number: string;
  member_id: string;
  facility_id: string;
  visited_on: string;
  /** The care category asked for at the desk, when one was. */
  category: string | null;
  /** The card shown, when the member was checked by card. */
  card_id: string | null;
  /** The member's cover ran until this day, as the desk was told. */
  covered_until: string | null;
  checked_in_at: string;
  checked_in_by: string;
}

export interface CareCaseTable {
  scheme_id: string;
  code: string;
  name: string;
  category: string;
  /** JSON array of the standard procedures of the case. */
  procedures_json: string;
  /** The agreed average cost, paid times the facility's quality coefficient. */
  average_cost: number;
  created_at: string;
  updated_at: string;
}

export interface PriceListTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  /** JSON array of the services and medicines, their prices and restrictions. */
  items_json: string;
  created_at: string;
  updated_at: string;
}

export interface ContractTable {
  id: string;
  scheme_id: string;
  facility_id: string;
  starts_on: string;
  /** The last day of the contract; open-ended when null. */
  ends_on: string | null;
  /** JSON: the payment mechanism of each care category. */
  terms_json: string;
  created_at: string;
  created_by: string | null;
}

export interface QualityAssessmentTable {
  id: string;
  scheme_id: string;
  facility_id: string;
  assessed_on: string;
  /** 0-100; the scheme's bands turn it into a payment coefficient. */
  score: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface ClaimPolicyTable {
  scheme_id: string;
  policy_json: string;
  updated_at: string;
  updated_by: string | null;
}

export type ClaimStatus = 'approved' | 'partly_approved' | 'rejected' | 'review';

export interface ClaimTable {
  id: string;
  scheme_id: string;
  number: string;
  facility_id: string;
  external_id: string;
  /** A digest of what was claimed: the same external id sent with other content is refused. */
  fingerprint: string;
  member_id: string;
  visit_id: string | null;
  category: string;
  setting: 'outpatient' | 'inpatient' | 'other';
  case_code: string | null;
  diagnosis: string | null;
  admitted_on: string;
  discharged_on: string | null;
  claimed: number;
  proposed: number;
  approved: number;
  member_pays: number;
  mechanism: string | null;
  status: ClaimStatus;
  /** JSON array of the decision's reasons, each a code and its words. */
  reasons_json: string;
  risk_score: number;
  /** 1 when an approved claim was drawn for the audit sample, 2 once audited. */
  audit_sample: number;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
  /** The payment run that pays the claim (a draft's until approved); null until one does. */
  payment_run_id: string | null;
}

export interface ClaimLineTable {
  scheme_id: string;
  claim_id: string;
  line_no: number;
  code: string;
  quantity: number;
  unit_price: number;
  claimed: number;
  approved: number;
  reasons_json: string;
}

export interface ClaimReviewTable {
  id: string;
  scheme_id: string;
  claim_id: string;
  /** A review of a claim sent to review, or the audit of a sampled approved claim. */
  kind: 'review' | 'audit';
  action: 'approve' | 'adjust' | 'reject';
  amount: number;
  reason: string;
  reviewed_at: string;
  reviewed_by: string;
}

export interface PaymentRunTable {
  id: string;
  scheme_id: string;
  /** The month, YYYY-MM. */
  period: string;
  status: 'draft' | 'approved' | 'paid';
  total: number;
  /** The month's contributions received, from which shares (capitation, relative pricing) are paid. */
  contributions: number;
  computed_at: string | null;
  created_at: string;
  created_by: string;
  approved_at: string | null;
  approved_by: string | null;
  paid_on: string | null;
  paid_reference: string | null;
  paid_by: string | null;
}

export interface StatementTable {
  scheme_id: string;
  run_id: string;
  facility_id: string;
  capitation: number;
  case_based: number;
  lump_sum: number;
  fee_for_service: number;
  relative: number;
  adjustments: number;
  total: number;
  claims: number;
  lines_json: string;
}

export interface PaymentAdjustmentTable {
  id: string;
  scheme_id: string;
  run_id: string;
  facility_id: string;
  /** Signed: a recovery of an overpayment is negative. */
  amount: number;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface ReimbursementTable {
  id: string;
  scheme_id: string;
  number: string;
  member_id: string;
  /** The provider outside the network, as on the receipt. */
  provider_name: string;
  receipt_number: string;
  fingerprint: string;
  care_on: string;
  category: string;
  setting: 'outpatient' | 'inpatient' | 'other';
  case_code: string | null;
  diagnosis: string | null;
  /** JSON array of the services on the receipt, priced by the scheme's tariff list. */
  lines_json: string;
  paid_by_member: number;
  proposed: number;
  approved: number;
  status: ClaimStatus;
  reasons_json: string;
  risk_score: number;
  receipt_type: string;
  receipt: Uint8Array;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
  paid_on: string | null;
  paid_reference: string | null;
}

export interface CashBenefitTable {
  id: string;
  scheme_id: string;
  number: string;
  member_id: string;
  kind: 'sick_leave' | 'maternity';
  /** The medical certificate's number. */
  certificate: string;
  starts_on: string;
  ends_on: string;
  days: number;
  paid_days: number;
  /** The wage the benefit is computed from: the average declared over the months before. */
  monthly_wage: number;
  daily_amount: number;
  amount: number;
  status: 'approved' | 'rejected';
  reasons_json: string;
  submitted_at: string;
  submitted_by: string;
  paid_on: string | null;
  paid_reference: string | null;
}

export interface ClaimFollowUpTable {
  scheme_id: string;
  claim_id: string;
  member_id: string;
  phone: string;
  phone_key: string;
  /** drawn (to ask), asked (sent, waiting for the answer), answered. */
  state: 'drawn' | 'asked' | 'answered';
  drawn_at: string;
  asked_at: string | null;
  answered_at: string | null;
  care_given: number | null;
  asked_to_pay: number | null;
  medicines: number | null;
  /** 1 (bad) to 5 (good). */
  rating: number | null;
  /** 1 when the answers call for customer care: care not given, asked to pay, no medicines, a rating of 1 or 2. */
  concern: number;
}

export interface ClaimTallyTable {
  scheme_id: string;
  /** What is counted: claims of a case, of a diagnosis, or at a facility. */
  kind: 'case' | 'diagnosis' | 'facility';
  /** The case code, the diagnosis, or the facility's id. */
  code: string;
  /** The day of care. */
  day: string;
  claims: number;
  claimed: number;
}

export interface TicketCategoryTable {
  scheme_id: string;
  code: string;
  name: string;
  /** Hours from opening (or from escalation) within which the ticket is to be resolved. */
  deadline_hours: number;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  active: number;
}

export interface TicketTable {
  scheme_id: string;
  id: string;
  number: string;
  channel: 'hotline' | 'sms' | 'web' | 'factory_visit' | 'facility' | 'follow_up';
  category: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  state: 'open' | 'in_progress' | 'resolved';
  /** 0 for the care operators; each escalation passes it one level up. */
  level: number;
  description: string;
  caller_name: string | null;
  caller_phone: string | null;
  member_id: string | null;
  facility_id: string | null;
  employer_id: string | null;
  claim_id: string | null;
  /** The area of the member, else the facility, else the employer: for area-limited users. */
  area_id: string | null;
  assigned_to: string | null;
  opened_by: string | null;
  opened_at: string;
  due_at: string;
  resolved_at: string | null;
  resolution: string | null;
  /** 1 when resolved by the first deadline (before any escalation). */
  within_deadline: number | null;
  member_informed_at: string | null;
  version: number;
}

export interface TicketEventTable {
  scheme_id: string;
  id: string;
  ticket_id: string;
  at: string;
  kind: 'opened' | 'assigned' | 'note' | 'escalated' | 'resolved' | 'reopened' | 'informed';
  by_user: string | null;
  note: string | null;
}

export interface SurveyTable {
  scheme_id: string;
  id: string;
  name: string;
  round: string;
  /** The round this one is compared with. */
  previous_id: string | null;
  state: 'draft' | 'open' | 'closed';
  questions_json: string;
  /** How the sample was drawn: size, strata, seed. */
  sample_json: string | null;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
  version: number;
}

export interface SurveySampleTable {
  scheme_id: string;
  survey_id: string;
  member_id: string;
  position: number;
  stratum: string;
  token: string;
  phone_key: string | null;
  state: 'pending' | 'answered' | 'refused' | 'unreachable';
  channel: 'phone' | 'web' | 'sms' | null;
  interviewer: string | null;
  sms_sent_at: string | null;
  answered_at: string | null;
}

export interface SurveyResponseTable {
  scheme_id: string;
  survey_id: string;
  member_id: string;
  question: string;
  value: string;
  score: number | null;
}

export type Breakdown = 'scheme' | 'employer' | 'group' | 'facility' | 'area';

export interface MonthlyFigureTable {
  scheme_id: string;
  /** YYYY-MM. */
  month: string;
  code: string;
  breakdown: Breakdown;
  /** The employer's, group's, facility's or area's id; '' for the scheme. */
  key: string;
  value: number;
}

export interface FigureRefreshTable {
  scheme_id: string;
  month: string;
  refreshed_at: string;
  rows: number;
}

export interface FinancialEntryTable {
  scheme_id: string;
  month: string;
  /** running_costs, assets, liabilities, current_assets, current_liabilities. */
  code: string;
  amount: number;
  entered_by: string | null;
  entered_at: string;
}

export interface IndicatorTable {
  id: string;
  scheme_id: string;
  federation_id: string;
  code: string;
  name: string;
  description: string;
  numerator: string;
  denominator: string;
  scale: number;
  unit: string;
  created_at: string;
}

export interface AreaBoundaryTable {
  scheme_id: string;
  area_id: string;
  /** A GeoJSON Polygon or MultiPolygon. */
  geometry_json: string;
  centre_lat: number;
  centre_lon: number;
  updated_at: string;
}
