import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { IndicatorTable } from '../../platform/db/schema.js';
import { BUILT_IN, perCategory, type IndicatorDefinition, type Unit } from './definitions.js';

/**
 * Every indicator a scheme can ask for: the built-in ones, one per care category and satisfaction
 * dimension found among its figures, and those it defined itself.
 */
export async function allIndicators(db: Db, schemeId: string): Promise<IndicatorDefinition[]> {
  const [codes, own] = await Promise.all([
    db.kysely
      .selectFrom('monthly_figure')
      .select('code')
      .distinct()
      .where('scheme_id', '=', schemeId)
      .where('breakdown', '=', 'scheme')
      .where((eb) => eb.or([eb('code', 'like', 'uses.%'), eb('code', 'like', 'satisfaction_respondents.%')]))
      .execute(),
    db.kysely.selectFrom('indicator').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute(),
  ]);
  return [...BUILT_IN, ...perCategory(codes.map((c) => c.code).sort()), ...own.map(definitionOf)];
}

/** A federation's own indicators (a supporting organisation's list), made from its schemes' figures. */
export async function federationIndicators(db: Db, federationId: string): Promise<IndicatorDefinition[]> {
  const rows = await db.kysely
    .selectFrom('indicator')
    .selectAll()
    .where('federation_id', '=', federationId)
    .where('scheme_id', '=', '')
    .orderBy('code')
    .execute();
  return rows.map(definitionOf);
}

const definitionOf = (i: Selectable<IndicatorTable>): IndicatorDefinition => ({
  code: i.code,
  name: i.name,
  description: i.description,
  numerator: i.numerator,
  denominator: i.denominator,
  scale: Number(i.scale),
  unit: i.unit as Unit,
  builtIn: false,
});
