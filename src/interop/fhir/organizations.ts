import type { Organization } from '@medplum/fhirtypes';
import { forbidden, invalid, notFound } from '../../platform/http/problem.js';
import { withinScope } from '../../registry/areas/limits.js';
import { ref, type FhirContext } from './context.js';
import { contains, mergedPage } from './merged.js';
import { idsOf, single, token, type Search, type SearchParam } from './search.js';
import { coding, system } from './systems.js';

export const ORGANIZATION_PARAMS: SearchParam[] = [
  {
    name: 'identifier',
    type: 'token',
    documentation: "An employer's or facility's code, or an employer's registration number",
  },
  { name: 'name', type: 'string', documentation: 'Part of the name, in any case' },
  { name: 'type', type: 'token', documentation: 'ins (the scheme), bus (employers) or prov (facilities)' },
];

type Kind = 'ins' | 'bus' | 'prov';

interface Filters {
  ids?: string[];
  identifier?: { system: string | undefined; value: string };
  name?: string;
}

function schemeOrganization(ctx: FhirContext): Organization & { id: string } {
  return {
    resourceType: 'Organization',
    id: ctx.scheme.id,
    active: true,
    type: [coding(system.organizationType, 'ins', 'Insurance Company')],
    name: ctx.scheme.name,
    address: [{ country: ctx.scheme.country }],
  };
}

const employers = (ctx: FhirContext, f: Filters) => async (after: string | undefined, limit: number) => {
  let q = ctx.db.kysely.selectFrom('employer').selectAll().where('scheme_id', '=', ctx.scope.schemeId);
  if (ctx.scope.areaPaths.length) q = q.where(withinScope(ctx.scope, 'employer'));
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.name) q = q.where(contains('name', f.name));
  if (f.identifier) {
    const { system: sys, value } = f.identifier;
    if (sys === system.employerCode(ctx.scheme.id)) q = q.where('code', '=', value);
    else if (!sys) q = q.where((eb) => eb.or([eb('code', '=', value), eb('registration_number', '=', value)]));
    else return [];
  }
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((e): Organization & { id: string } => ({
    resourceType: 'Organization',
    id: e.id,
    meta: { lastUpdated: e.updated_at },
    identifier: [
      { system: system.employerCode(ctx.scheme.id), value: e.code },
      ...(e.registration_number ? [{ type: coding(system.identifierType, 'TAX'), value: e.registration_number }] : []),
    ],
    active: true,
    type: [coding(system.organizationType, 'bus', 'Non-Healthcare Business or Corporation')],
    name: e.name,
    ...(e.contact_phone ? { telecom: [{ system: 'phone' as const, value: e.contact_phone }] } : {}),
    ...(e.address ? { address: [{ text: e.address, country: ctx.scheme.country }] } : {}),
    partOf: ref('Organization', ctx.scheme.id),
    ...(e.contact_name
      ? {
          contact: [
            {
              name: { text: e.contact_name },
              ...(e.contact_phone ? { telecom: [{ system: 'phone' as const, value: e.contact_phone }] } : {}),
            },
          ],
        }
      : {}),
  }));
};

const facilities = (ctx: FhirContext, f: Filters) => async (after: string | undefined, limit: number) => {
  let q = ctx.db.kysely.selectFrom('facility').selectAll().where('scheme_id', '=', ctx.scope.schemeId);
  if (ctx.scope.areaPaths.length) q = q.where(withinScope(ctx.scope, 'facility'));
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.name) q = q.where(contains('name', f.name));
  if (f.identifier) {
    const { system: sys, value } = f.identifier;
    if (sys === system.facilityCode(ctx.scheme.id) || !sys) q = q.where('code', '=', value);
    else return [];
  }
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((h): Organization & { id: string } => ({
    resourceType: 'Organization',
    id: h.id,
    meta: { lastUpdated: h.updated_at },
    identifier: [{ system: system.facilityCode(ctx.scheme.id), value: h.code }],
    active: true,
    type: [coding(system.organizationType, 'prov', 'Healthcare Provider')],
    name: h.name,
    ...(h.name_local ? { alias: [h.name_local] } : {}),
  }));
};

/** The kinds of Organization the caller may read, of those a search asks for. */
function kindsFor(ctx: FhirContext, asked: Kind[] | undefined): Kind[] {
  const rights = ctx.principal.rights;
  const allowed = (['ins', 'bus', 'prov'] as Kind[]).filter((k) =>
    rights.has(k === 'ins' ? 'scheme.read' : k === 'bus' ? 'employer.read' : 'facility.read'),
  );
  if (!allowed.length) throw forbidden('This needs the right scheme.read, employer.read or facility.read');
  return asked ? allowed.filter((k) => asked.includes(k)) : allowed;
}

export async function searchOrganizations(ctx: FhirContext, s: Search) {
  const typeText = single(s, 'type');
  let asked: Kind[] | undefined;
  if (typeText !== undefined) {
    asked = typeText.split(',').map((t) => token(t).value) as Kind[];
    if (asked.some((k) => !['ins', 'bus', 'prov'].includes(k))) throw invalid('type', 'must be ins, bus or prov');
  }
  const identifier = single(s, 'identifier');
  const filters: Filters = {
    ids: idsOf(s),
    identifier: identifier === undefined ? undefined : token(identifier),
    name: single(s, 'name'),
  };
  const kinds = kindsFor(ctx, asked);
  const sources = [];
  if (kinds.includes('ins')) {
    const scheme = schemeOrganization(ctx);
    const matches =
      (!filters.ids || filters.ids.includes(scheme.id)) &&
      !filters.identifier &&
      (!filters.name || scheme.name!.toLowerCase().includes(filters.name.toLowerCase()));
    sources.push(async (after: string | undefined) => (matches && (!after || scheme.id > after) ? [scheme] : []));
  }
  if (kinds.includes('bus')) sources.push(employers(ctx, filters));
  if (kinds.includes('prov')) sources.push(facilities(ctx, filters));
  const result = await mergedPage(sources, s.count, s.cursor);
  return { resources: result.items, nextCursor: result.nextCursor };
}

export async function readOrganization(ctx: FhirContext, id: string) {
  const kinds = kindsFor(ctx, undefined);
  if (kinds.includes('ins') && id === ctx.scheme.id) return schemeOrganization(ctx);
  const filters = { ids: [id] };
  const found = [
    ...(kinds.includes('bus') ? await employers(ctx, filters)(undefined, 1) : []),
    ...(kinds.includes('prov') ? await facilities(ctx, filters)(undefined, 1) : []),
  ];
  if (!found[0]) throw notFound(`Organization/${id}`);
  return found[0];
}
