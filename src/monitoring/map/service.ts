import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/ids.js';
import { invalid, invalidFields, type FieldError } from '../../platform/http/problem.js';
import { pathInScope } from '../../registry/areas/limits.js';
import { centre, distanceKm, geometryProblem, type Geometry } from './geometry.js';
import { AREA_LEVELS } from '../../registry/areas/schemas.js';

/** Farther than this from the nearest facility, an area's members are "far from care". */
export const FAR_KM = 10;

/**
 * A scheme's boundaries, as a GeoJSON FeatureCollection whose features carry the area's code in
 * their properties (`code`, or the property named). All or nothing: a feature without a known
 * code or with a bad geometry is named by its index, and nothing is kept.
 */
export async function uploadBoundaries(
  db: Db,
  actor: Actor,
  scope: Scope,
  collection: { type?: unknown; features?: unknown },
  codeProperty = 'code',
) {
  if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw invalid('body', 'must be a GeoJSON FeatureCollection');
  }
  if (!collection.features.length) throw invalid('features', 'must hold at least one feature');
  const areas = await db.kysely
    .selectFrom('area')
    .select(['id', 'code', 'path'])
    .where('scheme_id', '=', scope.schemeId)
    .execute();
  const byCode = new Map(areas.map((a) => [a.code.toUpperCase(), a]));
  const errors: FieldError[] = [];
  const rows: { area_id: string; geometry: Geometry }[] = [];
  (collection.features as { properties?: Record<string, unknown>; geometry?: unknown }[]).forEach((f, i) => {
    const code = f?.properties?.[codeProperty];
    const area =
      typeof code === 'string' || typeof code === 'number' ? byCode.get(String(code).toUpperCase()) : undefined;
    if (!area) {
      errors.push({
        field: `features.${i}.properties.${codeProperty}`,
        reason: code === undefined ? 'is missing' : `${String(code)} is not an area of the scheme`,
      });
      return;
    }
    if (!pathInScope(scope, area.path)) {
      errors.push({
        field: `features.${i}.properties.${codeProperty}`,
        reason: `${String(code)} is outside the areas you are limited to`,
      });
      return;
    }
    const problem = geometryProblem(f.geometry);
    if (problem) errors.push({ field: `features.${i}.geometry`, reason: problem });
    else rows.push({ area_id: area.id, geometry: f.geometry as Geometry });
  });
  if (errors.length) throw invalidFields(errors.slice(0, 50));
  const at = nowIso();
  await db.kysely.transaction().execute(async (tx) => {
    for (const r of rows) {
      const c = centre(r.geometry);
      const values = {
        geometry_json: JSON.stringify(r.geometry),
        centre_lat: c.lat,
        centre_lon: c.lon,
        updated_at: at,
      };
      await tx
        .insertInto('area_boundary')
        .values({ scheme_id: scope.schemeId, area_id: r.area_id, ...values })
        .onConflict((oc) => oc.columns(['scheme_id', 'area_id']).doUpdateSet(values))
        .execute();
    }
    await audit(tx, actor, {
      action: 'upload',
      entity: 'area_boundary',
      entityId: scope.schemeId,
      after: { areas: rows.map((r) => r.area_id) },
    });
  });
  return { areas: rows.length };
}

/**
 * The map at a level: each area with a boundary, its members covered in the latest month with
 * figures, its population, and the distance from its centre to the nearest facility; the
 * facilities and employers where their position is known.
 */
export async function mapOf(db: Db, scope: Scope, level: (typeof AREA_LEVELS)[number]) {
  const k = db.kysely;
  const sid = scope.schemeId;
  const [areas, boundaries, facilities, employers] = await Promise.all([
    k
      .selectFrom('area')
      .select(['id', 'code', 'name', 'level', 'path', 'population'])
      .where('scheme_id', '=', sid)
      .execute(),
    k.selectFrom('area_boundary').selectAll().where('scheme_id', '=', sid).execute(),
    k
      .selectFrom('facility')
      .select(['id', 'code', 'name', 'type', 'latitude', 'longitude'])
      .where('scheme_id', '=', sid)
      .execute(),
    k
      .selectFrom('employer')
      .select(['id', 'code', 'name', 'latitude', 'longitude', 'area_id'])
      .where('scheme_id', '=', sid)
      .execute(),
  ]);
  const latest = await k
    .selectFrom('monthly_figure')
    .select((eb) => eb.fn.max('month').as('month'))
    .where('scheme_id', '=', sid)
    .where('breakdown', '=', 'area')
    .where('code', '=', 'members_covered')
    .executeTakeFirst();
  const month = (latest?.month as string | null | undefined) ?? null;
  const covered = month
    ? await k
        .selectFrom('monthly_figure')
        .select(['key', 'value'])
        .where('scheme_id', '=', sid)
        .where('breakdown', '=', 'area')
        .where('code', '=', 'members_covered')
        .where('month', '=', month)
        .execute()
    : [];
  const depth = AREA_LEVELS.indexOf(level);
  const byId = new Map(areas.map((a) => [a.id, a]));
  const members = new Map<string, number>();
  for (const c of covered) {
    const ancestor = byId.get(c.key)?.path.split('/').filter(Boolean)[depth];
    if (ancestor) members.set(ancestor, (members.get(ancestor) ?? 0) + Number(c.value));
  }
  const placed = facilities.filter((f) => f.latitude !== null && f.longitude !== null);
  const features = boundaries
    .map((b) => ({ b, area: byId.get(b.area_id)! }))
    .filter(({ area }) => area && area.level === level && pathInScope(scope, area.path))
    .map(({ b, area }) => {
      const here = { lat: b.centre_lat, lon: b.centre_lon };
      const nearest = placed
        .map((f) => ({ f, km: distanceKm(here, { lat: f.latitude!, lon: f.longitude! }) }))
        .sort((x, y) => x.km - y.km)[0];
      const n = members.get(area.id) ?? 0;
      return {
        type: 'Feature' as const,
        geometry: JSON.parse(b.geometry_json) as Geometry,
        properties: {
          id: area.id,
          code: area.code,
          name: area.name,
          members: n,
          population: area.population,
          penetration: area.population ? Math.round((n / area.population) * 1000) / 10 : null,
          nearestFacility: nearest ? nearest.f.name : null,
          nearestFacilityKm: nearest ? Math.round(nearest.km * 10) / 10 : null,
          farFromCare: nearest ? nearest.km > FAR_KM : null,
          centre: here,
        },
      };
    });
  const employerMembers = month
    ? await k
        .selectFrom('monthly_figure')
        .select(['key', 'value'])
        .where('scheme_id', '=', sid)
        .where('breakdown', '=', 'employer')
        .where('code', '=', 'members_covered')
        .where('month', '=', month)
        .execute()
    : [];
  const areaOk = (areaId: string | null) => pathInScope(scope, areaId ? byId.get(areaId)?.path : null);
  return {
    level,
    month,
    farKm: FAR_KM,
    areas: { type: 'FeatureCollection' as const, features },
    facilities: placed.map((f) => ({
      id: f.id,
      code: f.code,
      name: f.name,
      type: f.type,
      lat: f.latitude!,
      lon: f.longitude!,
    })),
    employers: employers
      .filter((e) => e.latitude !== null && e.longitude !== null && (scope.areaPaths.length === 0 || areaOk(e.area_id)))
      .map((e) => ({
        id: e.id,
        code: e.code,
        name: e.name,
        lat: e.latitude!,
        lon: e.longitude!,
        members: Number(employerMembers.find((m) => m.key === e.id)?.value ?? 0),
      })),
    farFromCare: features.filter((f) => f.properties.farFromCare).reduce((n, f) => n + f.properties.members, 0),
  };
}
