import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { invalid } from '../../platform/http/problem.js';
import { contributionDue } from '../../schemes/contribution-rules/calculate.js';
import type { Preview, PreviewRequest } from '../../schemes/contribution-rules/schemas.js';
import { versionInForce } from '../../schemes/contribution-rules/service.js';
import { findEmployer } from '../../registry/employers/service.js';
import { enrolmentRateBp, findGroup } from '../../registry/groups/service.js';

/**
 * What a member would pay, and who else pays what, under a rule on a day: "a worker earning 150
 * at factory X pays 0.80 and the factory 0.80 this month". Nothing is written.
 */
export async function previewContribution(
  db: Db,
  scope: Scope,
  ruleId: string,
  req: z.infer<typeof PreviewRequest>,
): Promise<z.infer<typeof Preview>> {
  const date = req.date ?? new Date().toISOString().slice(0, 10);
  const version = await versionInForce(db.kysely, scope, ruleId, date);
  if (req.employerId && !(await findEmployer(db.kysely, scope, req.employerId))) {
    throw invalid('employerId', `there is no employer "${req.employerId}" you can reach`);
  }
  let rate = req.enrolmentRateBp;
  if (req.groupId) {
    if (!(await findGroup(db.kysely, scope, req.groupId))) {
      throw invalid('groupId', `there is no group "${req.groupId}" you can reach`);
    }
    if (rate === undefined) {
      const measured = await enrolmentRateBp(db.kysely, scope, req.groupId);
      if (measured === null) {
        throw invalid('groupId', 'has no population recorded, so its enrolment rate is unknown: give enrolmentRateBp');
      }
      rate = measured;
    }
  }
  const { currency } = await db.kysely
    .selectFrom('scheme')
    .select('currency')
    .where('id', '=', scope.schemeId)
    .executeTakeFirstOrThrow();
  const due = contributionDue(version.definition, {
    wage: req.wage,
    employerId: req.employerId,
    enrolmentRateBp: rate,
    income: req.income,
  });
  return {
    ruleId,
    versionId: version.id,
    effectiveFrom: version.effectiveFrom,
    currency,
    ...(rate !== undefined ? { enrolmentRateBp: rate } : {}),
    ...due,
  };
}
