import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.js';
import type { Scope } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/openapi.js';
import { withinScope } from '../../registry/areas/limits.js';
import { addDays, today } from '../../platform/dates.js';
import type { Renewal, RenewalQuery } from './schemas.js';

/**
 * Households whose yearly cover ends within the days asked and who have not renewed, soonest
 * first, each with the collector who took their last premium: the list a collector works from
 * (and, with the eligibility part, the list the scheme sends reminders to).
 */
export async function renewalsDue(db: Db, scope: Scope, q: z.infer<typeof RenewalQuery>) {
  const from = q.date ?? today();
  const to = addDays(from, q.withinDays);
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  let query = db.kysely
    .selectFrom('premium as p')
    .leftJoin('collector as c', (j) => j.onRef('c.scheme_id', '=', 'p.scheme_id').onRef('c.id', '=', 'p.collector_id'))
    .leftJoin('household as h', (j) => j.onRef('h.scheme_id', '=', 'p.scheme_id').onRef('h.id', '=', 'p.household_id'))
    .leftJoin('member as m', (j) => j.onRef('m.scheme_id', '=', 'h.scheme_id').onRef('m.id', '=', 'h.head_member_id'))
    .select([
      'p.id',
      'p.household_id',
      'p.product_id',
      'p.cover_to',
      'p.collector_id',
      'c.name as collector_name',
      'm.name_latin',
      'm.member_number',
      'm.phone',
    ])
    .where('p.scheme_id', '=', scope.schemeId)
    .where('p.cover_to', '>=', from)
    .where('p.cover_to', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('premium as later')
            .select('later.id')
            .whereRef('later.scheme_id', '=', 'p.scheme_id')
            .whereRef('later.household_id', '=', 'p.household_id')
            .whereRef('later.product_id', '=', 'p.product_id')
            .whereRef('later.cover_from', '>', 'p.cover_from'),
        ),
      ),
    );
  if (q.collectorId) query = query.where('p.collector_id', '=', q.collectorId);
  if (scope.areaPaths.length) {
    query = query.where('p.household_id', 'in', (eb) =>
      eb
        .selectFrom('household')
        .select('household.id')
        .where('household.scheme_id', '=', scope.schemeId)
        .where(withinScope(scope, 'household')),
    );
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('p.cover_to', '>', after[0]), eb.and([eb('p.cover_to', '=', after[0]), eb('p.id', '>', after[1])])]),
    );
  }
  const rows = await query
    .orderBy('p.cover_to')
    .orderBy('p.id')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => [r.cover_to, r.id]);
  return {
    items: result.items.map((r): z.infer<typeof Renewal> => ({
      householdId: r.household_id,
      headName: r.name_latin ?? null,
      memberNumber: r.member_number ?? null,
      phone: r.phone ?? null,
      productId: r.product_id,
      coverTo: r.cover_to,
      collectorId: r.collector_id,
      collectorName: r.collector_name ?? null,
    })),
    nextCursor: result.nextCursor,
  };
}
