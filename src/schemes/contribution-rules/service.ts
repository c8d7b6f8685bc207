import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { ContributionRuleTable, ContributionRuleVersionTable } from '../../platform/db/schema.js';
import type { Scope } from '../../platform/http/context.js';
import { audit, type Actor } from '../../platform/audit/audit.js';
import { newId, nowIso } from '../../platform/ids.js';
import { conflict, invalid, notFound } from '../../platform/http/problem.js';
import { pageByName, refuseTakenCode } from '../../platform/db/records.js';
import type { ContributionRule } from './calculate.js';
import type { NewRule, NewVersion, Rule, RuleQuery, RuleVersion } from './schemas.js';

type RuleView = z.infer<typeof Rule>;
type VersionView = z.infer<typeof RuleVersion>;

const versionView = (v: Selectable<ContributionRuleVersionTable>): VersionView => ({
  id: v.id,
  effectiveFrom: v.effective_from,
  definition: JSON.parse(v.definition_json),
  createdAt: v.created_at,
  createdBy: v.created_by,
});

const ruleView = (r: Selectable<ContributionRuleTable>, versions: Selectable<ContributionRuleVersionTable>[]) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  versions: versions.map(versionView),
});

const versionsOf = (db: Executor, schemeId: string, ruleIds: string[]) =>
  ruleIds.length
    ? db
        .selectFrom('contribution_rule_version')
        .selectAll()
        .where('scheme_id', '=', schemeId)
        .where('rule_id', 'in', ruleIds)
        .orderBy('effective_from')
        .execute()
    : Promise.resolve([]);

export async function listRules(db: Db, scope: Scope, q: z.infer<typeof RuleQuery>) {
  const query = db.kysely.selectFrom('contribution_rule').selectAll().where('scheme_id', '=', scope.schemeId);
  const result = await pageByName(query, q);
  const versions = await versionsOf(
    db.kysely,
    scope.schemeId,
    result.items.map((r) => r.id),
  );
  return {
    items: result.items.map((r) =>
      ruleView(
        r,
        versions.filter((v) => v.rule_id === r.id),
      ),
    ),
    nextCursor: result.nextCursor,
  };
}

async function findRule(db: Executor, scope: Scope, id: string) {
  const rule = await db
    .selectFrom('contribution_rule')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!rule) throw notFound(`Contribution rule ${id}`);
  return rule;
}

export async function getRule(db: Db, scope: Scope, id: string): Promise<RuleView> {
  const rule = await findRule(db.kysely, scope, id);
  return ruleView(rule, await versionsOf(db.kysely, scope.schemeId, [id]));
}

/** The version of a rule in force on a day: the latest that took effect on or before it. */
export async function versionInForce(db: Executor, scope: Scope, ruleId: string, date: string) {
  await findRule(db, scope, ruleId);
  const version = await db
    .selectFrom('contribution_rule_version')
    .selectAll()
    .where('scheme_id', '=', scope.schemeId)
    .where('rule_id', '=', ruleId)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!version) throw invalid('date', `is before the rule's first version took effect`);
  return { ...versionView(version), definition: JSON.parse(version.definition_json) as ContributionRule };
}

/** What a definition points at must be the scheme's own: its employers and its payers. */
async function checkReferences(db: Executor, scope: Scope, d: z.infer<typeof NewVersion>['definition']) {
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

async function insertVersion(
  tx: Executor,
  actor: Actor,
  scope: Scope,
  ruleId: string,
  input: z.infer<typeof NewVersion>,
): Promise<VersionView> {
  await checkReferences(tx, scope, input.definition);
  const taken = await tx
    .selectFrom('contribution_rule_version')
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .where('rule_id', '=', ruleId)
    .where('effective_from', '=', input.effectiveFrom)
    .executeTakeFirst();
  if (taken) {
    throw conflict('effectiveFrom', 'already has a version of this rule: a correction is a version from another day');
  }
  const row = {
    id: newId(),
    scheme_id: scope.schemeId,
    rule_id: ruleId,
    effective_from: input.effectiveFrom,
    definition_json: JSON.stringify(input.definition),
    created_at: nowIso(),
    created_by: actor.username,
  };
  await tx.insertInto('contribution_rule_version').values(row).execute();
  const view = versionView(row);
  await audit(tx, actor, {
    action: 'create',
    entity: 'contribution_rule_version',
    entityId: row.id,
    after: { ruleId, ...view },
  });
  return view;
}

export async function createRule(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: z.infer<typeof NewRule>,
): Promise<RuleView> {
  return db.kysely.transaction().execute(async (tx) => {
    await refuseTakenCode(tx, 'contribution_rule', scope.schemeId, input.code, 'contribution rule');
    const now = nowIso();
    const row = {
      id: newId(),
      scheme_id: scope.schemeId,
      code: input.code,
      name: input.name,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('contribution_rule').values(row).execute();
    await audit(tx, actor, {
      action: 'create',
      entity: 'contribution_rule',
      entityId: row.id,
      after: { code: row.code, name: row.name },
    });
    const version = await insertVersion(tx, actor, scope, row.id, input.version);
    return { id: row.id, code: row.code, name: row.name, versions: [version] };
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
    await findRule(tx, scope, ruleId);
    await insertVersion(tx, actor, scope, ruleId, input);
    await tx
      .updateTable('contribution_rule')
      .set({ updated_at: nowIso() })
      .where('scheme_id', '=', scope.schemeId)
      .where('id', '=', ruleId)
      .execute();
  });
  return getRule(db, scope, ruleId);
}
