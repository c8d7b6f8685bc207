/**
 * The claims benchmarks (issue 5): the rules alone over claims in bulk; claims ingested through
 * the batch API (POST /api/v1/claims/batch, 500 of one facility's claims a request, through the
 * HTTP app in process), each decided and written; and the month's payment run over all of them.
 *
 *   npm run bench -- --suite claims [--workers 1000000] [--claims 1000000] [--engines sqlite,postgres]
 *
 * The registry and the month's cover are written straight into the tables beforehand (the
 * registry and contributions suites measure those); facilities, contracts, the case catalogue and
 * the price list go through their services.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import pino from 'pino';
import type { CoveragePeriodTable } from '../src/platform/db/schema.js';
import { openDatabase, type Db, type Engine } from '../src/platform/db/database.js';
import { bulkInsert } from '../src/platform/db/bulk.js';
import { newId } from '../src/platform/ids.js';
import { readConfig } from '../src/platform/config.js';
import { createApp } from '../src/platform/http/app.js';
import { createToken, createUser } from '../src/platform/users/service.js';
import { createFacility } from '../src/registry/facilities/service.js';
import { createCase } from '../src/schemes/cases/service.js';
import { createPriceList } from '../src/schemes/price-lists/service.js';
import { createContract } from '../src/claims/contracts/service.js';
import { adjudicate, type ClaimFacts } from '../src/claims/adjudicate.js';
import { DEFAULT_POLICY } from '../src/claims/policy.js';
import { createRun } from '../src/payments/service.js';
import { seeded } from '../src/demo/random.js';
import { formatMemberNumber } from '../src/registry/members/member-number.js';
import { garmentScheme } from './contributions.js';

const PERIOD = '2026-10';
const BATCH = 500;
const FACILITIES = 200;
const CASES = [
  ['APPENDIX', 'surgery', 12_000],
  ['HERNIA', 'surgery', 9_000],
  ['DELIV-N', 'delivery', 3_500],
  ['PNEUMONIA', 'hospital_stay', 7_500],
] as const;

/** The rules alone: claims of every kind judged from prepared facts, as a bulk re-adjudication would. */
function rulesAlone(count: number) {
  const random = seeded(7);
  const policy = { ...DEFAULT_POLICY, review: { ...DEFAULT_POLICY.review, amountAbove: 50_000 } };
  const items = new Map(
    ['CONSULT', 'AMOX', 'XRAY'].map((code, i) => [
      code,
      {
        code,
        name: code,
        price: [150, 60, 800][i]!,
        sex: null,
        minAge: null,
        maxAge: null,
        minIntervalDays: i === 2 ? 30 : null,
      },
    ]),
  );
  const facts: ClaimFacts[] = [];
  for (let i = 0; i < 1000; i++) {
    const byCase = random.chance(0.3);
    const [code, category, cost] = CASES[random.int(0, CASES.length - 1)]!;
    facts.push({
      claim: {
        category: byCase ? category : 'consultation',
        setting: byCase ? 'inpatient' : 'outpatient',
        caseCode: byCase ? code : null,
        admittedOn: `${PERIOD}-${String(random.int(1, 28)).padStart(2, '0')}`,
        claimed: byCase ? cost : 270,
        lines: byCase
          ? []
          : [
              { code: 'CONSULT', quantity: 1, unitPrice: 150 },
              { code: 'AMOX', quantity: 2, unitPrice: 60 },
            ],
      },
      member: { sex: random.chance(0.8) ? 'F' : 'M', birthDate: '1990-01-01' },
      cover: { covered: random.chance(0.95), state: 'active', category: { covered: true, waitingUntil: null } },
      terms: { copayment: { shareBp: 0, fixed: 0 }, ceilingPerMember: 200_000, maxUses: null },
      productCeilings: { perMember: null, inpatientPerMember: null, outpatientPerMember: null },
      contract: {
        found: true,
        payment: byCase
          ? { category, mechanism: 'case' }
          : { category: 'consultation', mechanism: 'fee_for_service', priceListId: 'L' },
      },
      careCase: byCase ? { category, averageCost: cost } : null,
      priceItems: items,
      coefficientBp: 11_000,
      usage: {
        year: { category: random.int(0, 100_000), setting: 0, total: 0 },
        uses: { month: 0, year: 1 },
        lastUse: new Map(),
        duplicateOf: null,
        memberClaims30Days: random.int(0, 2),
        averageClaimed: byCase ? cost : 270,
        facilityToday: 3,
        facilityDailyAverage: 4,
      },
      policy,
      minorUnits: 2,
      draws: { review: random.next(), audit: random.next() },
    });
  }
  let approved = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) approved += adjudicate(facts[i % facts.length]!).approved;
  const ms = performance.now() - start;
  return { claims: count, seconds: Math.round(ms) / 1000, perSecond: Math.round(count / (ms / 1000)), approved };
}

/**
 * On SQLite the claims go to `riskpool serve` in a child process over loopback, the server on a
 * core of its own as in a deployment; `db` is then the prepared file, closed while the server has
 * it. On PostgreSQL they go through the HTTP app in this process.
 */
export async function benchClaims(
  db: Db,
  engine: Engine,
  workerCount: number,
  claimCount: number,
  log: (s: string) => void,
  sqliteDir?: string,
) {
  const rules = rulesAlone(2_000_000);
  log(`${engine}: the rules alone, ${rules.perSecond.toLocaleString()} claims a second\n`);

  const { scope, who, workers } = await garmentScheme(db, workerCount, {
    categories: ['consultation', 'surgery', 'delivery', 'hospital_stay'].map((category) => ({
      category,
      covered: true,
    })),
    paymentDays: 15,
  });
  const members = workers.flat();
  log(`${engine}: ${members.length.toLocaleString()} workers registered\n`);
  // The month paid for every worker, straight into the cover table.
  const product = await db.kysely
    .selectFrom('product')
    .select('id')
    .where('scheme_id', '=', scope.schemeId)
    .executeTakeFirstOrThrow();
  for (let i = 0; i < members.length; i += 10_000) {
    const rows: Insertable<CoveragePeriodTable>[] = members.slice(i, i + 10_000).map((memberId) => ({
      scheme_id: scope.schemeId,
      member_id: memberId,
      starts_on: `${PERIOD}-01`,
      ends_on: `${PERIOD}-31`,
      source: 'premium',
      source_id: newId(),
      product_id: product.id,
      paid_on: '2026-09-25',
      grace_days: 0,
    }));
    await db.kysely.transaction().execute((tx) => bulkInsert(db, tx, 'coverage_period', rows));
  }

  // The providers: half hospitals (cases and services), half health centres (capitation, services).
  for (const [code, category, averageCost] of CASES) {
    await createCase(db, who, scope, { code, name: code, category, procedures: [], averageCost });
  }
  const list = await createPriceList(db, who, scope, {
    code: 'OPD',
    name: 'OPD',
    items: [
      ['CONSULT', 150],
      ['AMOX', 60],
      ['XRAY', 800],
    ].map(([code, price]) => ({
      code: code as string,
      name: code as string,
      kind: 'service' as const,
      price: price as number,
      sex: null,
      minAge: null,
      maxAge: null,
      minIntervalDays: null,
    })),
  });
  const facilities: string[] = [];
  for (let i = 0; i < FACILITIES; i++) {
    const hospital = i % 2 === 0;
    const f = await createFacility(db, who, scope, {
      code: `HF${i}`,
      name: `Facility ${i}`,
      type: hospital ? 'referral_hospital' : 'health_centre',
      ownership: 'public',
    });
    facilities.push(f.id);
    await createContract(db, who, scope, {
      facilityId: f.id,
      startsOn: '2020-01-01',
      categories: hospital
        ? [
            { category: 'consultation', mechanism: 'fee_for_service', priceListId: list.id },
            ...['surgery', 'delivery', 'hospital_stay'].map((category) => ({ category, mechanism: 'case' as const })),
          ]
        : [
            {
              category: 'consultation',
              mechanism: 'capitation',
              basis: { kind: 'per_member', amountPerMember: 25, members: 'catchment' },
            },
          ],
    });
  }

  // Claims through the batch API, as facilities' systems send them.
  const machine = await createUser(db, who, scope.schemeId, {
    username: 'hospital-system',
    displayName: 'Hospital system',
    roles: ['claims_officer'],
    areaIds: [],
    language: null,
    isMachine: true,
  });
  const { token } = await createToken(db, who, scope.schemeId, 'bench', machine.user.id);
  const random = seeded(11);
  const batchOf = (b: number) => {
    const claims = [];
    for (let k = 0; k < BATCH; k++) {
      const n = b * BATCH + k;
      // A facility's system sends its own claims: each batch is one facility's.
      const facility = b % FACILITIES;
      const byCase = facility % 2 === 0 && random.chance(0.25);
      const [code, category, cost] = CASES[random.int(0, CASES.length - 1)]!;
      claims.push({
        facilityId: facilities[facility],
        externalId: `C${n}`,
        memberNumber: formatMemberNumber('HIP', random.int(1, members.length)),
        category: byCase ? category : 'consultation',
        caseCode: byCase ? code : undefined,
        admittedOn: `${PERIOD}-${String(random.int(1, 28)).padStart(2, '0')}`,
        claimed: byCase ? cost : 270,
        lines: byCase
          ? []
          : [
              { code: 'CONSULT', quantity: 1, unitPrice: 150 },
              { code: 'AMOX', quantity: 2, unitPrice: 60 },
            ],
      });
    }
    return JSON.stringify({ claims });
  };
  const batches = Math.ceil(claimCount / BATCH);
  let made = 0;
  let sent = 0;
  const count = (status: number, text: string) => {
    if (status !== 200) throw new Error(`batch: ${status} ${text}`);
    made += (JSON.parse(text) as { results: { status: number }[] }).results.filter((r) => r.status === 201).length;
  };
  let start = performance.now();
  if (engine === 'sqlite' && sqliteDir) {
    await db.close();
    const server = await startServer(sqliteDir);
    try {
      start = performance.now();
      // Two facilities' systems at once: one batch is written while the next arrives.
      const sender = async () => {
        while (sent < batches) {
          const b = sent++;
          const res = await post(server.port, '/api/v1/claims/batch', token, batchOf(b));
          count(res.status, res.body);
          if (b % 20 === 19) log(`\r${engine}: ${made.toLocaleString()} claims ingested`);
        }
      };
      await Promise.all([sender(), sender()]);
    } finally {
      await server.stop();
    }
    db = openDatabase({ sqliteFile: path.join(sqliteDir, 'riskpool.db') });
  } else {
    const app = createApp({ db, config: readConfig({}), logger: pino({ level: 'silent' }), version: 'bench' });
    for (let b = 0; b < batches; b++) {
      const res = await app.request('/api/v1/claims/batch', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: batchOf(b),
      });
      count(res.status, await res.text());
      if (b % 20 === 19) {
        log(`\r${engine}: ${made.toLocaleString()} claims ingested`);
        // The server here runs with autovacuum off: analyze as it would, or PostgreSQL keeps the
        // plans it made for empty tables (a foreign-key check walking every claim).
        if (engine === 'postgres') await sql`analyze claim, claim_line, claim_tally, reimbursement`.execute(db.kysely);
      }
    }
  }
  const ingestMs = performance.now() - start;
  log('\n');
  if (made !== batches * BATCH) throw new Error(`only ${made} of ${batches * BATCH} claims were made`);
  const statuses = await db.kysely
    .selectFrom('claim')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scheme_id', '=', scope.schemeId)
    .groupBy('status')
    .execute();

  // The month's payment run over all of them.
  start = performance.now();
  const run = await createRun(db, who, scope, PERIOD);
  const runMs = performance.now() - start;
  const paid = run.statements.reduce((s, x) => s + x.claims, 0);

  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  await db.close();
  return {
    engine,
    rules,
    workers: members.length,
    claims: made,
    via: engine === 'sqlite' && sqliteDir ? 'riskpool serve, loopback, 2 senders' : 'HTTP app in process',
    ingestSeconds: seconds(ingestMs),
    ingestedPerSecond: Math.round(made / (ingestMs / 1000)),
    decided: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    runSeconds: seconds(runMs),
    runFacilities: run.statements.length,
    runClaimsPaid: paid,
    runTotal: run.total,
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function post(port: number, urlPath: string, token: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `riskpool serve` on the prepared file, once it answers. */
async function startServer(dir: string) {
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, ['--max-semi-space-size=64', ...flags, 'bin/riskpool.js', 'serve'], {
    env: { ...process.env, RISKPOOL_DATA_DIR: dir, PORT: String(port), RISKPOOL_DEMO: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  for (let i = 0; ; i++) {
    const up = await new Promise<number>((resolve) =>
      http
        .get({ host: '127.0.0.1', port, path: '/health' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', () => resolve(0)),
    );
    if (up === 200) break;
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    stop: async () => {
      server.kill('SIGTERM');
      await exited;
    },
  };
}
