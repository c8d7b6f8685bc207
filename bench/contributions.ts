/**
 * The contributions benchmarks: a month of 1,000,000 declared workers (declarations priced,
 * invoiced and their months of cover written; then the monthly run that rebuilds the month's
 * cover from the money), and signed payment notifications through the HTTP app.
 *
 *   npm run bench -- --suite contributions [--workers 1000000] [--engines sqlite,postgres]
 *
 * The registry is written straight into the tables beforehand (it is not what is measured here;
 * the registry suite measures the import).
 */
import type { Insertable } from 'kysely';
import pino from 'pino';
import type { HouseholdTable, MemberTable } from '../src/platform/db/schema.js';
import type { Db, Engine } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { bulkInsert } from '../src/platform/db/bulk.js';
import { newId, nowIso } from '../src/platform/ids.js';
import { readConfig } from '../src/platform/config.js';
import { createApp } from '../src/platform/http/app.js';
import { insertScheme } from '../src/schemes/service.js';
import { createRule } from '../src/schemes/contribution-rules/service.js';
import { NewRule } from '../src/schemes/contribution-rules/schemas.js';
import { createProduct } from '../src/schemes/products/service.js';
import { NewProduct } from '../src/schemes/products/schemas.js';
import { createEmployer } from '../src/registry/employers/service.js';
import { formatMemberNumber } from '../src/registry/members/member-number.js';
import { declare } from '../src/contributions/declarations/service.js';
import { createChannel, signature } from '../src/contributions/payments/channels.js';
import { rebuildMonth } from '../src/coverage/rebuild.js';

const PER_EMPLOYER = 500;
const PERIOD = '2026-10';

/** Workers straight into the registry's tables, a household each. */
export async function register(db: Db, schemeId: string, employerIds: string[]) {
  const now = nowIso();
  let sequence = 0;
  const workers: string[][] = [];
  for (const employerId of employerIds) {
    const households: Insertable<HouseholdTable>[] = [];
    const members: Insertable<MemberTable>[] = [];
    const ids: string[] = [];
    for (let i = 0; i < PER_EMPLOYER; i++) {
      const id = newId();
      const householdId = newId();
      ids.push(id);
      households.push({
        id: householdId,
        scheme_id: schemeId,
        head_member_id: id,
        address: null,
        area_id: null,
        created_at: now,
      });
      members.push({
        id,
        scheme_id: schemeId,
        member_number: formatMemberNumber('HIP', ++sequence),
        household_id: householdId,
        relation: 'head' as const,
        name_local: null,
        name_latin: `Worker ${sequence}`,
        name_key: `${sequence} worker`,
        sex: 'F' as const,
        birth_date: '1990-01-01',
        national_id: null,
        phone: null,
        employer_id: employerId,
        factory_card_number: null,
        wage: null,
        group_id: null,
        area_id: null,
        status: 'active' as const,
        has_photo: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    }
    await db.kysely.transaction().execute(async (tx) => {
      await bulkInsert(db, tx, 'household', households);
      await bulkInsert(db, tx, 'member', members);
    });
    workers.push(ids);
  }
  return workers;
}

/**
 * A scheme of garment factories of 500 workers each under seed 000's rule and a product with the
 * given categories and payment grace; the workers written straight into the registry.
 */
export async function garmentScheme(
  db: Db,
  workerCount: number,
  product: { categories: { category: string; covered: boolean; waitingDays?: number }[]; paymentDays: number },
) {
  await migrateToLatest(db);
  const actor = systemActor(null, 'bench');
  const scheme = await db.kysely.transaction().execute((tx) =>
    insertScheme(tx, actor, {
      name: 'Benchmark',
      country: 'KH',
      currency: 'USD',
      currencyMinorUnits: 2,
      languages: ['en'],
      memberPrefix: 'HIP',
    }),
  );
  const scope = { schemeId: scheme.id, areaPaths: [] };
  const who = { ...actor, schemeId: scheme.id };
  const rule = await createRule(
    db,
    who,
    scope,
    NewRule.parse({
      code: 'HIP',
      name: 'HIP',
      version: {
        effectiveFrom: '2020-01-01',
        definition: { kind: 'flat', period: 'month', amount: 160, employerShareBp: 5000 },
      },
    }),
  );
  const hip = await createProduct(
    db,
    who,
    scope,
    NewProduct.parse({
      code: 'HIP',
      name: 'HIP',
      version: {
        effectiveFrom: '2020-01-01',
        definition: {
          covers: 'member',
          term: { kind: 'monthly' },
          grace: { paymentDays: product.paymentDays },
          contributionRuleId: rule.id,
          categories: product.categories,
        },
      },
    }),
  );
  const employers = Math.ceil(workerCount / PER_EMPLOYER);
  const employerIds: string[] = [];
  for (let i = 0; i < employers; i++)
    employerIds.push(
      (
        await createEmployer(db, who, scope, {
          code: `F${String(i + 1).padStart(5, '0')}`,
          name: `Factory ${i + 1}`,
          productId: hip.id,
        } as never)
      ).id,
    );
  const workers = await register(db, scheme.id, employerIds);
  return { scheme, scope, who, employers, employerIds, workers };
}

export async function benchContributions(db: Db, engine: Engine, workerCount: number, log: (s: string) => void) {
  const { scheme, scope, who, employers, employerIds, workers } = await garmentScheme(db, workerCount, {
    categories: [],
    paymentDays: 15,
  });
  log(`${engine}: ${(employers * PER_EMPLOYER).toLocaleString()} workers registered`);

  // The month: every factory declares its payroll; each is priced, invoiced and its workers' months of cover written.
  let start = performance.now();
  for (let i = 0; i < employers; i++) {
    await declare(db, who, scope, {
      employerId: employerIds[i]!,
      period: PERIOD,
      lines: workers[i]!.map((memberId) => ({ memberId })),
    });
    if (i % 100 === 99) log(`\r${engine}: ${((i + 1) * PER_EMPLOYER).toLocaleString()} workers declared`);
  }
  const declareMs = performance.now() - start;
  log('\n');

  // Payment notifications, signed, through the HTTP app: ten part-payments a factory, the tenth settling the month.
  const app = createApp({ db, config: readConfig({}), logger: pino({ level: 'silent' }), version: 'bench' });
  const channel = await createChannel(db, who, scope, { name: 'Bank', method: 'bank_transfer' });
  const due = PER_EMPLOYER * 160;
  const notifications: string[] = [];
  for (let k = 0; k < 10; k++)
    for (let i = 0; i < employers; i++)
      notifications.push(
        JSON.stringify({
          transactionId: `T${k}-${i}`,
          amount: due / 10,
          currency: 'USD',
          paidOn: '2026-10-20',
          reference: `F${String(i + 1).padStart(5, '0')}`,
        }),
      );
  let sent = 0;
  start = performance.now();
  const sender = async () => {
    while (sent < notifications.length) {
      const body = notifications[sent++]!;
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await app.request(`/api/v1/payment-notifications/${channel.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-riskpool-timestamp': ts,
          'x-riskpool-signature': signature(channel.secret!, ts, body),
        },
        body,
      });
      if (res.status !== 201) throw new Error(`notification: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, sender));
  const paymentMs = performance.now() - start;

  // The monthly run: the month's cover rebuilt from the invoices and what was paid.
  start = performance.now();
  const run = await rebuildMonth(db, scope, PERIOD);
  const runMs = performance.now() - start;
  if (run.paidMembers !== employers * PER_EMPLOYER) throw new Error(`the run found ${run.paidMembers} workers paid`);

  // The same run with the month's cover gone (a new database restored from the money alone, say): everything written afresh.
  await db.kysely.deleteFrom('coverage_period').where('scheme_id', '=', scheme.id).execute();
  await db.kysely.updateTable('invoice').set({ settled_on: null }).where('scheme_id', '=', scheme.id).execute();
  start = performance.now();
  const rebuilt = await rebuildMonth(db, scope, PERIOD);
  const rebuildMs = performance.now() - start;
  if (rebuilt.paidMembers !== run.paidMembers) throw new Error(`the rebuild found ${rebuilt.paidMembers} workers paid`);

  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  return {
    engine,
    workers: employers * PER_EMPLOYER,
    employers,
    declareSeconds: seconds(declareMs),
    declaredPerSecond: Math.round((employers * PER_EMPLOYER) / (declareMs / 1000)),
    notifications: notifications.length,
    notificationSeconds: seconds(paymentMs),
    notificationsPerSecond: Math.round(notifications.length / (paymentMs / 1000)),
    monthlyRunSeconds: seconds(runMs),
    monthlyRunFromNothingSeconds: seconds(rebuildMs),
  };
}
