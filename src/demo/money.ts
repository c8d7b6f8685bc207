import type { Db } from '../platform/db/database.js';
import type { Actor } from '../platform/audit/audit.js';
import type { Scope } from '../platform/http/context.js';
import { declare } from '../contributions/declarations/service.js';
import { receivePayment } from '../contributions/payments/service.js';
import { createChannel } from '../contributions/payments/channels.js';
import { today } from '../platform/dates.js';

const monthsBefore = (day: string, n: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/**
 * The factories' last three months: each declares its workers, and pays by bank transfer early
 * the next month. Lotus Fashion has not paid last month yet; Tonle Textile paid only part of it;
 * one transfer came with a reference nobody can match, and waits in the suspense list.
 */
export async function loadFactoryMonths(db: Db, actor: Actor, scope: Scope, employerIds: Map<string, string>) {
  const day = today();
  const months = [3, 2, 1].map((n) => monthsBefore(day, n));
  await createChannel(db, actor, scope, { name: 'ABA Bank', method: 'bank_transfer' });
  for (const [code, employerId] of employerIds) {
    const workers = await db.kysely
      .selectFrom('member')
      .select('id')
      .where('scheme_id', '=', scope.schemeId)
      .where('employer_id', '=', employerId)
      .where('relation', '=', 'head')
      .orderBy('member_number')
      .execute();
    for (const [i, period] of months.entries()) {
      const { declaration } = await declare(db, actor, scope, {
        employerId,
        period,
        lines: workers.map((w) => ({ memberId: w.id })),
      });
      const due = declaration.invoice.memberPart + declaration.invoice.employerPart;
      const last = i === months.length - 1;
      if (last && code === 'LOTUS') continue;
      await receivePayment(db, actor, scope, {
        method: 'bank_transfer',
        externalId: `ABA-${code}-${period}`,
        amount: last && code === 'TONLE' ? Math.floor(due / 2) : due,
        currency: 'USD',
        paidOn: `${monthsBefore(`${period}-01`, -1)}-05`,
        employerId,
      });
    }
  }
  await receivePayment(db, actor, scope, {
    method: 'bank_transfer',
    externalId: 'ABA-UNKNOWN-1',
    amount: 16_000,
    currency: 'USD',
    paidOn: `${monthsBefore(day, 0)}-02`,
    reference: 'HEALTH INS PAYMENT',
    payerName: 'GARMENT CO LTD',
  });
}
