import type { Money } from '@medplum/fhirtypes';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Right } from '../../platform/rights/rights.js';
import { forbidden, notFound } from '../../platform/http/problem.js';

/** What every FHIR handler works with: the caller's reach, the scheme's money, and the server's base URL. */
export interface FhirContext {
  db: Db;
  scope: Scope;
  principal: Principal;
  /** The base of this FHIR server, as the caller reached it: `https://host/fhir`. */
  base: string;
  origin: string;
  scheme: { id: string; name: string; country: string; currency: string; minorUnits: number };
}

export async function schemeFacts(db: Db, schemeId: string): Promise<FhirContext['scheme']> {
  const s = await db.memo.get(`fhir:scheme:${schemeId}`, () =>
    db.kysely.selectFrom('scheme').selectAll().where('id', '=', schemeId).executeTakeFirst(),
  );
  if (!s) throw notFound(`Scheme ${schemeId}`);
  return { id: s.id, name: s.name, country: s.country, currency: s.currency, minorUnits: s.currency_minor_units };
}

export function need(ctx: FhirContext, right: Right) {
  if (!ctx.principal.rights.has(right)) throw forbidden(`This needs the right ${right}`);
}

/** An amount in minor units as FHIR Money, which counts in the currency's major unit. */
export const money = (ctx: FhirContext, minor: number): Money => ({
  value: minor / 10 ** ctx.scheme.minorUnits,
  currency: ctx.scheme.currency as Money['currency'],
});

export const ref = (type: string, id: string, display?: string) => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});
