import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.js';
import { systemActor } from '../../platform/audit/audit.js';
import { escalateOverdue } from './service.js';

/**
 * The server passes overdue tickets up every few minutes, for every scheme, so a deadline missed
 * at night is on the supervisor's list in the morning without anyone pressing a button.
 */
export function startEscalation(db: Db, logger: Logger, everyMs = 5 * 60_000) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const schemes = await db.kysely.selectFrom('scheme').select('id').execute();
      for (const { id } of schemes) {
        const { escalated } = await escalateOverdue(db, systemActor(id, 'escalation'), id);
        if (escalated) logger.info({ schemeId: id, escalated }, 'overdue tickets escalated');
      }
    } catch (err) {
      logger.error({ err }, 'escalating overdue tickets failed; trying again at the next turn');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
