import type { Db } from '../../platform/db/database.js';
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
  return [
    ...BUILT_IN,
    ...perCategory(codes.map((c) => c.code).sort()),
    ...own.map((i) => ({
      code: i.code,
      name: i.name,
      description: i.description,
      numerator: i.numerator,
      denominator: i.denominator,
      scale: Number(i.scale),
      unit: i.unit as Unit,
      builtIn: false,
    })),
  ];
}
