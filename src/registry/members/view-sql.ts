import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/**
 * memberView (service.ts) built by the database from a member row `m`, as JSON text, with
 * `extra` fields after it. A bulk write (an import's audit entries) then needs no JSON made in
 * JavaScript and sent to the database again: for a million members that is most of the cost
 * of their audit. Keep the two in step: a test compares them field by field.
 */
export function memberViewJson(engine: Engine, extra: Record<string, string>): RawBuilder<string> {
  const fields: [string, RawBuilder<unknown>][] = [
    ['id', sql`m.id`],
    ['memberNumber', sql`m.member_number`],
    ['householdId', sql`m.household_id`],
    ['relation', sql`m.relation`],
    ['nameLocal', sql`m.name_local`],
    ['nameLatin', sql`m.name_latin`],
    ['sex', sql`m.sex`],
    ['birthDate', sql`m.birth_date`],
    ['nationalId', sql`m.national_id`],
    ['phone', sql`m.phone`],
    ['employerId', sql`m.employer_id`],
    ['factoryCardNumber', sql`m.factory_card_number`],
    ['wage', sql`m.wage`],
    ['groupId', sql`m.group_id`],
    ['areaId', sql`m.area_id`],
    ['assignedFacilityId', sql`m.assigned_facility_id`],
    ['status', sql`m.status`],
    // SQLite has no boolean: json('true') is JSON's true rather than the text "true".
    [
      'hasPhoto',
      engine === 'postgres' ? sql`m.has_photo = 1` : sql`json(case when m.has_photo = 1 then 'true' else 'false' end)`,
    ],
    ['version', sql`m.version`],
    ['createdAt', sql`m.created_at`],
    ['updatedAt', sql`m.updated_at`],
    // PostgreSQL cannot tell a bare parameter's type inside json_build_object.
    ...Object.entries(extra).map(([k, v]): [string, RawBuilder<unknown>] => [
      k,
      engine === 'postgres' ? sql`${v}::text` : sql`${v}`,
    ]),
  ];
  const args = sql.join(fields.map(([k, v]) => sql`${sql.lit(k)}, ${v}`));
  return engine === 'postgres' ? sql<string>`json_build_object(${args})::text` : sql<string>`json_object(${args})`;
}
