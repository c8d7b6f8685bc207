import type { Location } from '@medplum/fhirtypes';
import { forbidden, notFound } from '../../platform/http/problem.js';
import { areaWithinScope, withinScope } from '../../registry/areas/limits.js';
import { ref, type FhirContext } from './context.js';
import { contains, mergedPage } from './merged.js';
import { idsOf, referenceId, single, token, type Search, type SearchParam } from './search.js';
import { coding, system } from './systems.js';

export const LOCATION_PARAMS: SearchParam[] = [
  { name: 'identifier', type: 'token', documentation: "A facility's or an area's code" },
  { name: 'name', type: 'string', documentation: 'Part of the name, in any case' },
  { name: 'partof', type: 'reference', documentation: 'The area a facility or smaller area lies in' },
  { name: 'organization', type: 'reference', documentation: 'The facility (Organization) a Location is the site of' },
];

type WithId = Location & { id: string };

interface Filters {
  ids?: string[];
  identifier?: { system: string | undefined; value: string };
  name?: string;
  partOf?: string;
  organization?: string;
}

/** A facility's site, its id the facility's, managed by the facility's Organization. */
const facilitySites = (ctx: FhirContext, f: Filters) => async (after: string | undefined, limit: number) => {
  let q = ctx.db.kysely.selectFrom('facility').selectAll().where('scheme_id', '=', ctx.scope.schemeId);
  if (ctx.scope.areaPaths.length) q = q.where(withinScope(ctx.scope, 'facility'));
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.organization) q = q.where('id', '=', f.organization);
  if (f.name) q = q.where(contains('name', f.name));
  if (f.partOf) q = q.where('area_id', '=', f.partOf);
  if (f.identifier) {
    if (f.identifier.system && f.identifier.system !== system.facilityCode(ctx.scheme.id)) return [];
    q = q.where('code', '=', f.identifier.value);
  }
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((h): WithId => ({
    resourceType: 'Location',
    id: h.id,
    meta: { lastUpdated: h.updated_at },
    identifier: [{ system: system.facilityCode(ctx.scheme.id), value: h.code }],
    status: 'active',
    name: h.name,
    ...(h.name_local ? { alias: [h.name_local] } : {}),
    mode: 'instance',
    type: [{ text: h.type.replace(/_/g, ' ') }],
    physicalType: coding(system.locationPhysicalType, 'bu', 'Building'),
    ...(h.latitude !== null && h.longitude !== null
      ? { position: { latitude: h.latitude, longitude: h.longitude } }
      : {}),
    managingOrganization: ref('Organization', h.id, h.name),
    ...(h.area_id ? { partOf: ref('Location', h.area_id) } : {}),
  }));
};

/** An area of the scheme (province, district, commune, village) as a jurisdiction. */
const areas = (ctx: FhirContext, f: Filters) => async (after: string | undefined, limit: number) => {
  if (f.organization) return [];
  let q = ctx.db.kysely.selectFrom('area').selectAll().where('scheme_id', '=', ctx.scope.schemeId);
  if (ctx.scope.areaPaths.length) q = q.where(areaWithinScope(ctx.scope));
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.name) q = q.where(contains('name', f.name));
  if (f.partOf) q = q.where('parent_id', '=', f.partOf);
  if (f.identifier) {
    if (f.identifier.system && f.identifier.system !== system.areaCode(ctx.scheme.id)) return [];
    q = q.where('code', '=', f.identifier.value);
  }
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((a): WithId => ({
    resourceType: 'Location',
    id: a.id,
    meta: { lastUpdated: a.updated_at },
    identifier: [{ system: system.areaCode(ctx.scheme.id), value: a.code }],
    status: 'active',
    name: a.name,
    ...(a.name_local ? { alias: [a.name_local] } : {}),
    mode: 'instance',
    type: [{ text: a.level }],
    physicalType: coding(system.locationPhysicalType, 'jdn', 'Jurisdiction'),
    ...(a.parent_id ? { partOf: ref('Location', a.parent_id) } : {}),
  }));
};

function sourcesFor(ctx: FhirContext, f: Filters) {
  const sources = [];
  if (ctx.principal.rights.has('facility.read')) sources.push(facilitySites(ctx, f));
  if (ctx.principal.rights.has('area.read')) sources.push(areas(ctx, f));
  if (!sources.length) throw forbidden('This needs the right facility.read or area.read');
  return sources;
}

export async function searchLocations(ctx: FhirContext, s: Search) {
  const identifier = single(s, 'identifier');
  const partOf = single(s, 'partof');
  const organization = single(s, 'organization');
  const filters: Filters = {
    ids: idsOf(s),
    identifier: identifier === undefined ? undefined : token(identifier),
    name: single(s, 'name'),
    partOf: partOf === undefined ? undefined : referenceId('partof', partOf, 'Location'),
    organization: organization === undefined ? undefined : referenceId('organization', organization, 'Organization'),
  };
  const result = await mergedPage(sourcesFor(ctx, filters), s.count, s.cursor);
  return { resources: result.items, nextCursor: result.nextCursor };
}

export async function readLocation(ctx: FhirContext, id: string) {
  const found = (await Promise.all(sourcesFor(ctx, { ids: [id] }).map((load) => load(undefined, 1)))).flat();
  if (!found[0]) throw notFound(`Location/${id}`);
  return found[0];
}
