/**
 * The benchmarks, on SQLite and on PostgreSQL. The registry suite: import speed, member-number
 * lookup and name search, at the size given (default 1,000,000 members). The contributions
 * suite (bench/contributions.ts): a month of 1,000,000 declared workers and payment notifications.
 *
 * The eligibility suite (bench/eligibility.ts): checks and SMS over HTTP against the real server.
 * The claims suite (bench/claims.ts): the rules in bulk, claims through the batch API, the
 * month's payment run.
 *
 *   npm run bench -- [--suite registry,contributions,eligibility,claims,indicators] [--members 1000000] [--workers 1000000] [--claims 1000000] [--engines sqlite,postgres]
 *
 * PostgreSQL is the one in BENCH_DATABASE_URL (default the local test database), in a schema
 * of its own that is dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type Engine } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { insertScheme } from '../src/schemes/service.js';
import { createEmployer } from '../src/registry/employers/service.js';
import { runImport, startImport, type ImportOptions } from '../src/registry/imports/service.js';
import type { Job } from '../src/platform/jobs/jobs.js';
import { formatMemberNumber } from '../src/registry/members/member-number.js';
import { searchByName, searchMembers } from '../src/registry/members/service.js';
import { seeded } from '../src/demo/random.js';
import { workerLists } from './generate.js';
import { benchContributions } from './contributions.js';
import { benchEligibility } from './eligibility.js';
import { benchClaims } from './claims.js';
import { benchIndicators } from './indicators.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const MEMBERS = Number(arg('members', '1000000'));
const WORKERS = Number(arg('workers', '1000000'));
const CLAIMS = Number(arg('claims', '1000000'));
const SUITES = arg('suite', 'registry,contributions,eligibility,claims').split(',');
const ENGINES = arg('engines', 'sqlite,postgres').split(',') as Engine[];
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function open(engine: Engine): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-bench-'));
    const db = openDatabase({ sqliteFile: path.join(dir, 'bench.db') });
    return { db, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase({ databaseUrl: PG_URL, pgSchema: schema });
  return {
    db,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timed(samples: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    samples,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
  };
}

/** Misspells a name the ways romanised names vary: an h dropped or added, a vowel doubled, words swapped. */
function misspell(name: string, random: ReturnType<typeof seeded>) {
  const words = name.split(' ');
  const i = random.int(0, words.length - 1);
  const w = words[i]!;
  const variant = random.int(0, 2);
  if (variant === 0) words[i] = w.includes('h') ? w.replace('h', '') : w.replace(/^(\w)/, '$1h');
  else if (variant === 1) words[i] = w.replace(/([aeiou])/, '$1$1');
  else words.reverse();
  return words.join(' ');
}

async function bench(engine: Engine) {
  const { db, cleanup } = await open(engine);
  try {
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
    const schemeActor = { ...actor, schemeId: scheme.id };

    // The factories and their import jobs first (the uploads), then the imports themselves, two
    // at a time as a registration office's queue of uploaded lists runs: one list is read and
    // checked while the one before it is written.
    const imports: { bytes: Uint8Array; options: ImportOptions; job: Job }[] = [];
    for (const list of workerLists(MEMBERS)) {
      const employer = await createEmployer(db, schemeActor, scope, { code: list.code, name: `Factory ${list.code}` });
      const options = { fileName: `${list.code}.csv`, employerId: employer.id, keepValid: false };
      const job = await startImport(db, schemeActor, scope, options);
      imports.push({ bytes: new TextEncoder().encode(list.csv), options, job });
    }
    let created = 0;
    let next = 0;
    const start = performance.now();
    const lane = async () => {
      while (next < imports.length) {
        const { bytes, options, job } = imports[next++]!;
        const result = await runImport(db, schemeActor, scope, job, bytes, options);
        created += result.created;
        process.stderr.write(`\r${engine}: ${created.toLocaleString()} members imported`);
      }
    };
    await Promise.all([lane(), lane()]);
    const importMs = performance.now() - start;
    process.stderr.write('\n');
    if (engine === 'sqlite') db.sqlite!.exec('ANALYZE');
    else await db.kysely.executeQuery({ sql: 'ANALYZE', parameters: [], query: { kind: 'RawNode' } as never } as never);

    const random = seeded(7);
    const numberLookup = await timed(5000, () =>
      searchMembers(db, scope, { number: formatMemberNumber('HIP', random.int(1, created)), limit: 50 }),
    );
    const names = await db.kysely
      .selectFrom('member')
      .select('name_latin')
      .where(
        'member_number',
        'in',
        Array.from({ length: 2000 }, () => formatMemberNumber('HIP', random.int(1, created))),
      )
      .execute();
    const queries = names.map((n) => misspell(n.name_latin, random));
    const nameSearch = await timed(queries.length, (i) => searchByName(db.kysely, scope, queries[i]!, 20));
    return {
      engine,
      members: created,
      importSeconds: Math.round(importMs / 100) / 10,
      importPerSecond: Math.round(created / (importMs / 1000)),
      numberLookupMs: numberLookup,
      nameSearchMs: nameSearch,
    };
  } finally {
    await db.close();
    await cleanup();
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
fs.mkdirSync('bench/results', { recursive: true });
if (SUITES.includes('registry')) {
  const results = [];
  for (const engine of ENGINES) results.push(await bench(engine));
  const out = { date, machine, results };
  fs.writeFileSync(`bench/results/registry-${MEMBERS}.json`, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
}
if (SUITES.includes('contributions')) {
  const results = [];
  for (const engine of ENGINES) {
    const { db, cleanup } = await open(engine);
    try {
      results.push(await benchContributions(db, engine, WORKERS, (s) => process.stderr.write(s)));
    } finally {
      await db.close();
      await cleanup();
    }
  }
  const out = { date, machine, results };
  fs.writeFileSync(`bench/results/contributions-${WORKERS}.json`, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
}
if (SUITES.includes('claims')) {
  const results = [];
  for (const engine of ENGINES) {
    if (engine === 'sqlite') {
      // The file `riskpool serve` opens: the claims go to it over loopback.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-claims-'));
      try {
        const db = openDatabase({ sqliteFile: path.join(dir, 'riskpool.db') });
        results.push(await benchClaims(db, engine, WORKERS, CLAIMS, (s) => process.stderr.write(s), dir));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      continue;
    }
    const { db, cleanup } = await open(engine);
    try {
      results.push(await benchClaims(db, engine, WORKERS, CLAIMS, (s) => process.stderr.write(s)));
    } finally {
      await cleanup();
    }
  }
  const out = { date, machine, results };
  fs.writeFileSync(`bench/results/claims-${CLAIMS}.json`, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
}

if (SUITES.includes('indicators')) {
  const results = [];
  const claims = Number(arg('claims', '10000000'));
  for (const engine of ENGINES) {
    const { db, cleanup } = await open(engine);
    try {
      results.push(await benchIndicators(db, engine, WORKERS, claims, (s) => process.stderr.write(s)));
    } finally {
      await db.close();
      await cleanup();
    }
  }
  const out = { date, machine, results };
  fs.writeFileSync(`bench/results/indicators-${WORKERS}.json`, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
}

if (SUITES.includes('eligibility')) {
  const out = { date, machine, results: [await benchEligibility(WORKERS, (s) => process.stderr.write(s))] };
  fs.writeFileSync(`bench/results/eligibility-${WORKERS}.json`, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
}
