import type { EngineMigration } from '../migrate.js';
import { platform } from './0001_platform.js';
import { registry } from './0002_registry.js';
import { facilities } from './0003_facilities.js';
import { contributionRules } from './0004_contribution_rules.js';
import { products } from './0005_products.js';
import { declarations } from './0006_declarations.js';
import { payments } from './0007_payments.js';
import { messages } from './0008_messages.js';
import { cards } from './0009_cards.js';
import { visits } from './0010_visits.js';
import { claims } from './0011_claims.js';
import { paymentRuns } from './0012_payment_runs.js';
import { benefits } from './0013_benefits.js';
import { followUps } from './0014_follow_ups.js';
import { claimTally } from './0015_claim_tally.js';
import { assignedFacility } from './0016_assigned_facility.js';
import { care } from './0017_care.js';
import { figures } from './0018_figures.js';
import { areaBoundaries } from './0019_area_boundaries.js';
import { headsCovered } from './0020_heads_covered.js';
import { assignedFacilityPartial } from './0021_assigned_facility_partial.js';
import { birthDateNearby } from './0022_birth_date_nearby.js';

/** In order; a name, once released, never changes. */
export const migrations: Record<string, EngineMigration> = {
  '0001_platform': platform,
  '0002_registry': registry,
  '0003_facilities': facilities,
  '0004_contribution_rules': contributionRules,
  '0005_products': products,
  '0006_declarations': declarations,
  '0007_payments': payments,
  '0008_messages': messages,
  '0009_cards': cards,
  '0010_visits': visits,
  '0011_claims': claims,
  '0012_payment_runs': paymentRuns,
  '0013_benefits': benefits,
  '0014_follow_ups': followUps,
  '0015_claim_tally': claimTally,
  '0016_assigned_facility': assignedFacility,
  '0017_care': care,
  '0018_figures': figures,
  '0019_area_boundaries': areaBoundaries,
  '0020_heads_covered': headsCovered,
  '0021_assigned_facility_partial': assignedFacilityPartial,
  '0022_birth_date_nearby': birthDateNearby,
};
