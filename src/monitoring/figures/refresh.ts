import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import { audit, systemActor, type Actor } from '../../platform/audit/audit.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { nowIso } from '../../platform/ids.js';
import { monthFigures } from './month.js';
import { monthsBetween, previousMonth } from './tally.js';

/**
 * Recomputes the figures of some months of a scheme from its records, each month in one
 * transaction that replaces what was there: running it again gives the same rows.
 */
export async function refreshFigures(db: Db, actor: Actor, schemeId: string, months: string[]) {
  let rows = 0;
  for (const month of months) {
    const figures = await monthFigures(db.kysely, schemeId, month);
    await db.kysely.transaction().execute(async (tx) => {
      await tx.deleteFrom('monthly_figure').where('scheme_id', '=', schemeId).where('month', '=', month).execute();
      await bulkInsert(
        db,
        tx,
        'monthly_figure',
        figures.map((f) => ({ scheme_id: schemeId, ...f })),
      );
      const at = nowIso();
      await tx
        .insertInto('figure_refresh')
        .values({ scheme_id: schemeId, month, refreshed_at: at, rows: figures.length })
        .onConflict((oc) => oc.columns(['scheme_id', 'month']).doUpdateSet({ refreshed_at: at, rows: figures.length }))
        .execute();
      await audit(tx, actor, {
        action: 'refresh',
        entity: 'monthly_figure',
        entityId: `${schemeId}/${month}`,
        after: { rows: figures.length },
      });
    });
    rows += figures.length;
  }
  return { months: months.length, rows };
}

/** At most this many months back when a scheme's figures are first made. */
const BACKFILL_MONTHS = 60;

/**
 * The months whose figures are due: all since the scheme's first cover, claim or ticket the first
 * time; then the current month and the one before (late claims, late payments).
 */
export async function dueMonths(db: Db, schemeId: string, today = nowIso().slice(0, 10)) {
  const current = today.slice(0, 7);
  const done = await db.kysely
    .selectFrom('figure_refresh')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scheme_id', '=', schemeId)
    .executeTakeFirstOrThrow();
  if (Number(done.n) > 0) return [previousMonth(current), current];
  const starts = await Promise.all([
    db.kysely
      .selectFrom('coverage_period')
      .select((eb) => eb.fn.min('starts_on').as('d'))
      .where('scheme_id', '=', schemeId)
      .executeTakeFirst(),
    db.kysely
      .selectFrom('claim')
      .select((eb) => eb.fn.min('admitted_on').as('d'))
      .where('scheme_id', '=', schemeId)
      .executeTakeFirst(),
  ]);
  const earliest = starts
    .map((s) => (s?.d as string | null | undefined) ?? null)
    .filter((d): d is string => d !== null && d.slice(0, 7) <= current)
    .sort()[0];
  let from = earliest ? earliest.slice(0, 7) : current;
  const floor = monthsBetween('2000-01', current).slice(-BACKFILL_MONTHS)[0]!;
  if (from < floor) from = floor;
  return monthsBetween(from, current);
}

/**
 * The server keeps every scheme's figures current: the recent months every few minutes, and all
 * months back to the first record the first time.
 */
export function startFigureRefresh(db: Db, logger: Logger, everyMs = 10 * 60_000) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      for (const { id } of await db.kysely.selectFrom('scheme').select('id').execute()) {
        const months = await dueMonths(db, id);
        const { rows } = await refreshFigures(db, systemActor(id, 'figures'), id, months);
        logger.debug({ schemeId: id, months: months.length, rows }, 'figures refreshed');
      }
    } catch (err) {
      logger.error({ err }, 'refreshing the figures failed; trying again at the next turn');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
