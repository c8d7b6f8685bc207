import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import type { Actor } from '../../platform/audit/audit.js';
import { invalid } from '../../platform/http/problem.js';
import { pageByName } from '../../platform/db/records.js';
import * as versions from '../../platform/db/versions.js';
import type { ContributionRule } from './calculate.js';
import type { NewRule, NewVersion, Rule, RuleQuery } from './schemas.js';

type Definition = z.infer<typeof NewVersion>['definition'];

const RULES: versions.Versioned = {
  record: 'contribution_rule',
  version: 'contribution_rule_version',
  parent: 'rule_id',
  what: 'contribution rule',
};

export async function listRules(db: Db, scope: Scope, q: z.infer<typeof RuleQuery>) {
  const query = db.kysely.selectFrom('contribution_rule').selectAll().where('scheme_id', '=', scope.schemeId);
  const result = await pageByName(query, q);
  return {
    items: await versions.withVersions<Definition>(db.kysely, RULES, scope.schemeId, result.items),
    nextCursor: result.nextCursor,
  };
}

export async function getRule(db: Db, scope: Scope, id: string): Promise<z.infer<typeof Rule>> {
  const rule = await versions.findRecord(db.kysely, RULES, scope, id);
  return (await versions.withVersions<Definition>(db.kysely, RULES, scope.schemeId, [rule]))[0]!;
}

/** The version of a rule in force on a day: the latest that took effect on or before it. */
export const versionInForce = (db: Executor, scope: Scope, ruleId: string, date: string) =>
  versions.versionInForce<ContributionRule>(db, RULES, scope, ruleId, date);

/** What a definition points at must be the scheme's own: its employers and its payers. */
async function checkReferences(db: Executor, scope: Scope, d: Definition) {
  const missing = async (table: 'employer' | 'payer', ids: string[]) => {
    if (!ids.length) return [];
    const found = await db
      .selectFrom(table)
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    const known = new Set(found.map((f) => f.id));
    return ids.filter((id) => !known.has(id));
  };
  const employers = await missing('employer', d.employersPayingAll);
  if (employers.length) {
    throw invalid('definition.employersPayingAll', `names employers the scheme does not have: ${employers.join(', ')}`);
  }
  const payers = await missing(
    'payer',
    d.subsidies.map((s) => s.payerId),
  );
  if (payers.length)
    throw invalid('definition.subsidies', `names payers the scheme does not have: ${payers.join(', ')}`);
}

export async function createRule(db: Db, actor: Actor, scope: Scope, input: z.infer<typeof NewRule>) {
  return db.kysely.transaction().execute(async (tx) => {
    await checkReferences(tx, scope, input.version.definition);
    return versions.insertRecord(tx, actor, RULES, scope, input);
  });
}

/** A change of the rule from a day on; what was due before that day stays as it was. */
export async function addVersion(
  db: Db,
  actor: Actor,
  scope: Scope,
  ruleId: string,
  input: z.infer<typeof NewVersion>,
) {
  await db.kysely.transaction().execute(async (tx) => {
    await versions.findRecord(tx, RULES, scope, ruleId);
    await checkReferences(tx, scope, input.definition);
    await versions.insertVersion(tx, actor, RULES, scope, ruleId, input);
  });
  return getRule(db, scope, ruleId);
}
