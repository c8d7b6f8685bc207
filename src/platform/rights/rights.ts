/**
 * What a user may do. A right names a part of the flow and a verb; roles are sets of rights.
 * Reading and changing are apart so that managers and auditors can see without touching.
 */
export const RIGHTS = [
  'scheme.read',
  'scheme.manage',
  'schemes.create',
  'area.read',
  'area.manage',
  'employer.read',
  'employer.manage',
  'group.read',
  'group.manage',
  'facility.read',
  'facility.manage',
  'member.read',
  'member.manage',
  'member.import',
  // Benefit packages, contribution rules and the payers that subsidise them.
  'product.read',
  'product.manage',
  // Declarations, invoices, payments, collection: reading all of it, and declaring.
  'contribution.read',
  'contribution.manage',
  // Recording payments, settling the suspense list, payment channels, collectors' remittances.
  'payment.manage',
  // Collecting premiums in the field: intentions, premiums, receipts.
  'collection.manage',
  // Collectors and their commissions, campaigns and their thresholds.
  'collection.organise',
  // Checking a member in at a facility's desk (the visit a claim refers to), and reading visits.
  'visit.record',
  'visit.read',
  // Providers' terms: the case catalogue, price lists, facilities' contracts and quality scores.
  'contract.read',
  'contract.manage',
  // Claims: facilities submit them, claims officers read, review and audit them, and set the policy.
  'claim.submit',
  'claim.read',
  'claim.review',
  'claim.manage',
  // Members' own requests: emergency care outside the network paid back, sick-leave and maternity cash benefits.
  'benefit.manage',
  // The monthly payment run to facilities: reading statements, computing drafts, approving and paying.
  'payrun.read',
  'payrun.manage',
  'payrun.approve',
  // Customer care. Opening a ticket (any desk that hears a complaint); reading tickets, which hold
  // personal data (care operators and their managers); working them (assign, note, resolve).
  'ticket.open',
  'ticket.read',
  'ticket.manage',
  // Setting up care: ticket categories and deadlines, surveys (questions, sample, opening, closing).
  'care.manage',
  // Phone interviews: the sampled members' names and phones, and entering their answers.
  'survey.interview',
  // Figures without personal data: tickets per 1,000 members, time to resolve, survey results.
  'care.figures',
  // Indicators, reports, costing and planning: figures, never personal data.
  'report.read',
  // Defining a scheme's own indicators, entering its balances, making its figures again.
  'report.manage',
  // SMS and USSD gateways: passing on the messages facilities send.
  'message.receive',
  'user.read',
  'user.manage',
  'token.manage',
  'audit.read',
] as const;

export type Right = (typeof RIGHTS)[number];

export const isRight = (value: string): value is Right => (RIGHTS as readonly string[]).includes(value);

const READ_REGISTRY: Right[] = [
  'scheme.read',
  'product.read',
  'area.read',
  'employer.read',
  'group.read',
  'facility.read',
  'member.read',
];

/** The roles every scheme has. A scheme adds its own from the same rights. */
export const BUILT_IN_ROLES: Record<string, { name: string; rights: Right[] }> = {
  // Everything within the scheme; creating other tenants is the platform operator's alone.
  administrator: { name: 'Administrator', rights: RIGHTS.filter((r) => r !== 'schemes.create') },
  platform_operator: { name: 'Platform operator', rights: ['schemes.create'] },
  // A federation's users read its schemes' figures, never their records.
  federation_reader: { name: 'Federation reader', rights: ['report.read'] },
  // …and its managers define the federation's own indicators over them.
  federation_manager: { name: 'Federation manager', rights: ['report.read', 'report.manage'] },
  registrar: {
    name: 'Registrar',
    rights: [...READ_REGISTRY, 'employer.manage', 'group.manage', 'member.manage', 'member.import', 'ticket.open'],
  },
  collector: {
    name: 'Collector',
    // Collectors visit the factories and villages: they take complaints there too.
    rights: [...READ_REGISTRY, 'contribution.read', 'contribution.manage', 'collection.manage', 'ticket.open'],
  },
  finance_officer: {
    name: 'Finance officer',
    rights: [
      ...READ_REGISTRY,
      'contribution.read',
      'payment.manage',
      'claim.read',
      'payrun.read',
      'payrun.manage',
      'report.read',
    ],
  },
  gateway: { name: 'SMS and USSD gateway', rights: ['message.receive'] },
  facility_agent: {
    name: 'Facility agent',
    rights: [
      'scheme.read',
      'member.read',
      'facility.read',
      'visit.record',
      'visit.read',
      'claim.submit',
      'claim.read',
      'ticket.open',
    ],
  },
  claims_officer: {
    name: 'Claims officer',
    rights: [
      'scheme.read',
      'product.read',
      'member.read',
      'employer.read',
      'facility.read',
      'visit.read',
      'contract.read',
      'claim.submit',
      'claim.read',
      'claim.review',
      'benefit.manage',
    ],
  },
  // Claims too: the members' answers after their claims are customer care's to follow up.
  care_operator: {
    name: 'Care operator',
    rights: [
      ...READ_REGISTRY,
      'claim.read',
      'ticket.open',
      'ticket.read',
      'ticket.manage',
      'survey.interview',
      'care.figures',
    ],
  },
  manager: {
    name: 'Manager',
    rights: [
      ...READ_REGISTRY,
      'user.read',
      'product.manage',
      'contribution.read',
      'collection.organise',
      'visit.read',
      'contract.read',
      'contract.manage',
      'claim.read',
      'claim.manage',
      'payrun.read',
      'payrun.approve',
      'ticket.open',
      'ticket.read',
      'ticket.manage',
      'care.manage',
      'survey.interview',
      'care.figures',
      'report.read',
      'report.manage',
    ],
  },
  auditor: {
    name: 'Auditor',
    rights: [
      ...READ_REGISTRY,
      'user.read',
      'audit.read',
      'contribution.read',
      'visit.read',
      'contract.read',
      'claim.read',
      'care.figures',
      'report.read',
    ],
  },
};

export const isBuiltInRole = (code: string) => Object.hasOwn(BUILT_IN_ROLES, code);
