/**
 * The indicators benchmark (issue 7): a scheme of N members (default 1,000,000) with twelve
 * months of cover and C claims (default 10,000,000) spread over the year, written straight into
 * the tables (other suites measure how they get there). Measured:
 *
 * - making the monthly figures of the twelve months from the records (the server's refresh job);
 * - each indicator of the dashboard read from them, for twelve months, for the scheme, by
 *   district and by employer (2,000 employers), as the dashboard asks.
 *
 *   npm run bench -- --suite indicators [--workers 1000000] [--claims 10000000] [--engines sqlite,postgres]
 */
import { sql, type Insertable } from 'kysely';
import type { ClaimTable, CoveragePeriodTable } from '../src/platform/db/schema.js';
import type { Db, Engine } from '../src/platform/db/database.js';
import { bulkInsert } from '../src/platform/db/bulk.js';
import { newId } from '../src/platform/ids.js';
import { createArea } from '../src/registry/areas/service.js';
import { createFacility } from '../src/registry/facilities/service.js';
import { refreshFigures } from '../src/monitoring/figures/refresh.js';
import { allIndicators } from '../src/monitoring/indicators/catalogue.js';
import { indicatorValues } from '../src/monitoring/indicators/values.js';
import { monthEnd, monthsBetween } from '../src/monitoring/figures/tally.js';
import { seeded } from '../src/demo/random.js';
import { garmentScheme } from './contributions.js';

const MONTHS = monthsBetween('2026-01', '2026-12');
const CATEGORIES = ['consultation', 'surgery', 'delivery', 'hospital_stay'];
const DISTRICTS = 20;
const FACILITIES = 200;
const CHUNK = 5_000;

export async function benchIndicators(
  db: Db,
  engine: Engine,
  workerCount: number,
  claimCount: number,
  log: (s: string) => void,
) {
  const { scheme, scope, who, employerIds, workers } = await garmentScheme(db, workerCount, {
    categories: CATEGORIES.map((category) => ({ category, covered: true })),
    paymentDays: 15,
  });
  const members = workers.flat();
  log(`${engine}: ${members.length.toLocaleString()} workers registered\n`);

  // Twenty districts of one province, each employer's workers living in one of them.
  const province = await createArea(db, who, scope, {
    parentId: null,
    level: 'province',
    code: 'P',
    name: 'Province',
    nameLocal: null,
    population: members.length * 3,
  });
  const districts = [];
  for (let d = 0; d < DISTRICTS; d++) {
    districts.push(
      await createArea(db, who, scope, {
        parentId: province.id,
        level: 'district',
        code: `D${d}`,
        name: `District ${d}`,
        nameLocal: null,
        population: Math.round((members.length * 3) / DISTRICTS),
      }),
    );
  }
  for (let d = 0; d < DISTRICTS; d++) {
    const mine = employerIds.filter((_, i) => i % DISTRICTS === d);
    for (let i = 0; i < mine.length; i += 200) {
      await db.kysely
        .updateTable('member')
        .set({ area_id: districts[d]!.id })
        .where('scheme_id', '=', scheme.id)
        .where('employer_id', 'in', mine.slice(i, i + 200))
        .execute();
    }
  }
  const facilities: string[] = [];
  for (let f = 0; f < FACILITIES; f++) {
    facilities.push(
      (
        await createFacility(db, who, scope, {
          code: `HF${f}`,
          name: `Facility ${f}`,
          type: 'health_centre',
          ownership: 'public',
        })
      ).id,
    );
  }
  const product = await db.kysely
    .selectFrom('product')
    .select('id')
    .where('scheme_id', '=', scheme.id)
    .executeTakeFirstOrThrow();

  // Twelve months of cover for everyone: a declared month each, as the factories' invoices make.
  // PostgreSQL makes the rows itself (multi-row INSERTs from here would take over an hour for
  // the claims); SQLite takes them from here, as fast as it writes.
  let start = performance.now();
  if (engine === 'postgres') await coverInPostgres(db, scheme.id, product.id);
  else
    for (const month of MONTHS) {
      for (let i = 0; i < members.length; i += CHUNK) {
        const rows: Insertable<CoveragePeriodTable>[] = members.slice(i, i + CHUNK).map((memberId) => ({
          scheme_id: scheme.id,
          member_id: memberId,
          starts_on: `${month}-01`,
          ends_on: monthEnd(month),
          source: 'premium',
          source_id: newId(),
          product_id: product.id,
          paid_on: `${month}-01`,
          grace_days: 0,
        }));
        await db.kysely.transaction().execute((tx) => bulkInsert(db, tx, 'coverage_period', rows));
      }
      log(`\r${engine}: cover of ${month} written`);
    }
  const coverSeconds = (performance.now() - start) / 1000;
  log('\n');

  // The claims, random members at random facilities through the year, most approved.
  const random = seeded(2026);
  start = performance.now();
  const now = new Date().toISOString();
  if (engine === 'postgres') await claimsInPostgres(db, scheme.id, facilities, claimCount, log);
  else
    for (let i = 0; i < claimCount; i += CHUNK) {
      const rows: Insertable<ClaimTable>[] = [];
      for (let j = i; j < Math.min(claimCount, i + CHUNK); j++) {
        const month = MONTHS[random.int(0, MONTHS.length - 1)]!;
        const day = `${month}-${String(random.int(1, 28)).padStart(2, '0')}`;
        const category = CATEGORIES[random.next() < 0.85 ? 0 : random.int(1, 3)]!;
        const claimed = category === 'consultation' ? 300 : random.int(3_000, 20_000);
        const rejected = random.next() < 0.05;
        rows.push({
          id: newId(),
          scheme_id: scheme.id,
          number: `C${j}`,
          facility_id: facilities[random.int(0, FACILITIES - 1)]!,
          external_id: `X${j}`,
          fingerprint: `${j}`,
          member_id: members[random.int(0, members.length - 1)]!,
          visit_id: null,
          category,
          setting: category === 'consultation' ? 'outpatient' : 'inpatient',
          case_code: null,
          diagnosis: null,
          admitted_on: day,
          discharged_on: null,
          claimed,
          proposed: claimed,
          approved: rejected ? 0 : claimed,
          member_pays: 0,
          mechanism: 'fee_for_service',
          status: rejected ? 'rejected' : 'approved',
          reasons_json: '[]',
          risk_score: 0,
          audit_sample: 0,
          submitted_at: now,
          submitted_by: 'bench',
          decided_at: now,
          decided_by: 'rules',
          payment_run_id: null,
        });
      }
      await db.kysely.transaction().execute((tx) => bulkInsert(db, tx, 'claim', rows));
      if (i % 500_000 === 0) log(`\r${engine}: ${i.toLocaleString()} claims written`);
    }
  const claimSeconds = (performance.now() - start) / 1000;
  log('\n');

  // The refresh job over the twelve months.
  start = performance.now();
  const refreshed = await refreshFigures(db, who, scheme.id, MONTHS);
  const refreshSeconds = (performance.now() - start) / 1000;
  log(
    `${engine}: figures of ${MONTHS.length} months made in ${refreshSeconds.toFixed(1)} s (${refreshed.rows.toLocaleString()} rows)\n`,
  );

  // Every indicator, as the dashboard asks for it, three ways.
  const catalogue = await allIndicators(db, scheme.id);
  const timings: Record<string, { scheme: number; district: number; employer: number }> = {};
  for (const def of catalogue) {
    const t: Record<string, number> = {};
    for (const [name, breakdown] of [
      ['scheme', 'scheme'],
      ['district', 'area'],
      ['employer', 'employer'],
    ] as const) {
      const q = {
        codes: def.code,
        period: 'month' as const,
        from: '2026-01',
        to: '2026-12',
        breakdown,
        level: 'district' as const,
      };
      await indicatorValues(db, scope, q); // warm
      const s = performance.now();
      const v = await indicatorValues(db, scope, q);
      t[name] = Math.round((performance.now() - s) * 10) / 10;
      if (!v.indicators[0]) throw new Error(`no values for ${def.code}`);
    }
    timings[def.code] = t as (typeof timings)[string];
  }
  const all = Object.values(timings).flatMap((t) => [t.scheme, t.district, t.employer]);
  const claims = await db.kysely
    .selectFrom('claim')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scheme_id', '=', scheme.id)
    .executeTakeFirstOrThrow();
  return {
    engine,
    members: members.length,
    claims: Number(claims.n),
    coverRows: members.length * MONTHS.length,
    writeSeconds: { cover: Math.round(coverSeconds), claims: Math.round(claimSeconds) },
    refresh: { months: MONTHS.length, seconds: Math.round(refreshSeconds * 10) / 10, rows: refreshed.rows },
    indicators: catalogue.length,
    slowestMs: Math.max(...all),
    medianMs: all.sort((a, b) => a - b)[Math.floor(all.length / 2)],
    timings,
  };
}

/** The twelve months of cover, made by PostgreSQL from the members. */
async function coverInPostgres(db: Db, schemeId: string, productId: string) {
  for (const month of MONTHS)
    await sql`
      insert into coverage_period (scheme_id, member_id, starts_on, ends_on, source, source_id, product_id, paid_on, grace_days)
      select scheme_id, id, ${`${month}-01`}, ${monthEnd(month)}, 'premium', gen_random_uuid()::text, ${productId}, ${`${month}-01`}, 0
      from member where scheme_id = ${schemeId}`.execute(db.kysely);
}

/**
 * The claims, made by PostgreSQL with the same shares as the SQLite path draws (85 %
 * consultations, 5 % rejected, random members, facilities and days), from a fixed seed.
 */
async function claimsInPostgres(
  db: Db,
  schemeId: string,
  facilities: string[],
  claimCount: number,
  log: (s: string) => void,
) {
  const now = new Date().toISOString();
  await sql`select setseed(0.2026)`.execute(db.kysely);
  await sql`create temporary table bench_member as
    select id, (row_number() over (order by id)) - 1 as n from member where scheme_id = ${schemeId}`.execute(db.kysely);
  await sql`create index on bench_member (n)`.execute(db.kysely);
  const members = Number(
    (await sql<{ n: string }>`select count(*) as n from bench_member`.execute(db.kysely)).rows[0]!.n,
  );
  for (let i = 0; i < claimCount; i += 1_000_000) {
    const upto = Math.min(claimCount, i + 1_000_000);
    await sql`
      insert into claim (id, scheme_id, number, facility_id, external_id, fingerprint, member_id, visit_id, category,
        setting, case_code, diagnosis, admitted_on, discharged_on, claimed, proposed, approved, member_pays, mechanism,
        status, reasons_json, risk_score, audit_sample, submitted_at, submitted_by, decided_at, decided_by, payment_run_id)
      select gen_random_uuid()::text, ${schemeId}, 'C' || g.j, (${facilities}::text[])[1 + floor(random() * ${facilities.length}::int)::int],
        'X' || g.j, g.j::text, m.id, null, c.category,
        case when c.category = 'consultation' then 'outpatient' else 'inpatient' end, null, null,
        to_char((date '2026-01-01' + floor(random() * 12)::int * interval '1 month')::date + floor(random() * 28)::int, 'YYYY-MM-DD'),
        null, c.claimed, c.claimed, case when c.rejected then 0 else c.claimed end, 0, 'fee_for_service',
        case when c.rejected then 'rejected' else 'approved' end, '[]', 0, 0, ${now}, 'bench', ${now}, 'rules', null
      from generate_series(${i}::int, ${upto - 1}::int) as g(j)
      cross join lateral (
        select case when random() < 0.85 then 'consultation'
                    else (array['surgery', 'delivery', 'hospital_stay'])[1 + floor(random() * 3)::int] end as category,
               random() < 0.05 as rejected,
               floor(random() * ${members}::int)::int as pick,
               3000 + floor(random() * 17001)::int as cost, g.j as j2
      ) r
      cross join lateral (
        select r.category as category, r.rejected as rejected,
               case when r.category = 'consultation' then 300 else r.cost end as claimed
      ) c
      join bench_member m on m.n = r.pick`.execute(db.kysely);
    log(`\rpostgres: ${upto.toLocaleString()} claims written`);
  }
  await sql`drop table bench_member`.execute(db.kysely);
}
