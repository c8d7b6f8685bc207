import { CompiledQuery, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { importedBefore } from '../imports/plan.js';
import { sameBirthDateNearby } from './repo.js';

const BORN = '1992-03-14';
const person = { nameLatin: 'Chhorn Sreymom', sex: 'F', birthDate: BORN };
const likeHer = { nameLatin: 'Sreymoom Chorn', sex: 'F', birthDate: BORN };
const LIST = 'name_latin,sex,birth_date\nMeas Navy,F,1990-01-02\nKeo Dara,M,1988-11-30\n';

/**
 * People born the same day are looked for where a duplicate would be (the same employer, the same
 * village, or those with neither), through indexes keyed that way (migration 0022).
 */
describe.each(engines)('people born the same day nearby, on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let schemeId: string;
  let employerId: string;
  let groupId: string;
  const register = (body: object) => t.call('POST', '/api/v1/members', { token, body });
  const importList = (query: string) =>
    t.call('POST', `/api/v1/imports/members?wait=true${query}`, {
      token,
      body: new TextEncoder().encode(LIST),
      headers: { 'content-type': 'text/csv' },
    });

  /** The plan each engine makes for a query, as text: without a table scan if an index serves it. */
  async function planOf(query: Compilable): Promise<string> {
    const { sql, parameters } = query.compile();
    if (engine === 'sqlite') {
      const rows = t.db.sqlite!.prepare(`explain query plan ${sql}`).all(parameters as unknown[]);
      return (rows as { detail: string }[]).map((r) => r.detail).join('\n');
    }
    const { rows } = await t.db.kysely.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${sql}`, [...parameters]),
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  /** 40,000 more members, a third each of the employer, of the village and of neither, born on 15,000 days. */
  async function growScheme() {
    const run = (text: string, ...params: unknown[]) => t.db.kysely.executeQuery(CompiledQuery.raw(text, params));
    await run(
      `insert into household (id, scheme_id, created_at)
      select 'h' || i, $1, '2026-01-01' from generate_series(1, 40000) as i`,
      schemeId,
    );
    await run(
      `insert into member (id, scheme_id, member_number, household_id, relation, name_latin, name_key, sex,
        birth_date, employer_id, group_id, status, has_photo, version, created_at, updated_at)
      select 'm' || i, $1, 'G' || i, 'h' || i, 'head', 'Grown ' || i, 'grown' || i, 'F',
        to_char(date '1960-01-01' + i % 15000, 'YYYY-MM-DD'), case when i % 3 = 0 then $2 end, case when i % 3 = 1 then $3 end,
        'active', 0, 1, '2026-01-01', '2026-01-01'
      from generate_series(1, 40000) as i`,
      schemeId,
      employerId,
      groupId,
    );
    await run('analyze member');
  }

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token, schemeId } = await t.scheme('NBY'));
    employerId = (await t.call('POST', '/api/v1/employers', { token, body: { code: 'SUNTEX', name: 'Suntex' } })).body
      .id;
    groupId = (
      await t.call('POST', '/api/v1/groups', { token, body: { code: 'V-01', name: 'Angkor Chum', kind: 'village' } })
    ).body.id;
    for (const where of [{ employerId }, { groupId }, {}])
      expect((await register({ ...person, ...where })).status).toBe(201);
  });
  afterAll(() => t.close());

  it('shows as possible duplicates the people born the same day in the same employer or village only', async () => {
    const duplicatesOf = async (where: object) => {
      const res = await register({ ...likeHer, ...where });
      expect(res.status).toBe(409);
      return (res.body.possibleDuplicates as { employerId: string | null; groupId: string | null }[])
        .map((d) => `${d.employerId ? 'employer' : ''}${d.groupId ? 'village' : ''}` || 'neither')
        .sort();
    };
    expect(await duplicatesOf({ employerId })).toEqual(['employer']);
    expect(await duplicatesOf({ groupId })).toEqual(['village']);
    // A worker of the employer is compared with its workers only, wherever they live.
    expect(await duplicatesOf({ employerId, groupId })).toEqual(['employer']);
    expect(await duplicatesOf({})).toEqual(['neither']);
    const elsewhere = await register({ ...likeHer, birthDate: '1992-03-15' });
    expect(elsewhere.status).toBe(201);
  });

  it("registers a village's list, and a list of neither employer nor village, once however often they come", async () => {
    for (const query of [`&groupId=${groupId}`, '', `&employerId=${employerId}`]) {
      const first = await importList(query);
      expect(first.body).toMatchObject({ state: 'done', created: 2, alreadyRegistered: 0 });
      const again = await importList(query);
      expect(again.body).toMatchObject({ state: 'done', created: 0, alreadyRegistered: 2 });
    }
    const navies = await t.call('GET', '/api/v1/members?name=meas%20navy', { token });
    expect(navies.body.items).toHaveLength(3);
  });

  it('finds them through the indexes by employer, village or neither, never by reading every member', async () => {
    const row = (employer: string | null, group: string | null) => ({
      employerId: employer,
      groupId: group,
      fields: { birthDate: BORN } as never,
      nameKey: 'kor srem',
    });
    // PostgreSQL plans by the table's statistics: a handful of test rows costs less to read
    // whole, or through any index at all, than a large scheme; so the scheme is grown first.
    if (engine === 'postgres') await growScheme();
    const plans = {
      employer: await planOf(sameBirthDateNearby(t.db.kysely, schemeId, BORN, employerId, null)),
      village: await planOf(sameBirthDateNearby(t.db.kysely, schemeId, BORN, null, groupId)),
      both: await planOf(sameBirthDateNearby(t.db.kysely, schemeId, BORN, employerId, groupId)),
      neither: await planOf(sameBirthDateNearby(t.db.kysely, schemeId, BORN, null, null)),
      imported: await planOf(
        importedBefore(t.db.kysely, schemeId, [row(employerId, null), row(null, groupId), row(null, null)]),
      ),
    };
    expect(plans.employer).toContain('member_employer_birth');
    expect(plans.village).toContain('member_group_birth');
    expect(plans.both).toContain('member_employer_birth');
    expect(plans.both).toContain('member_group_birth');
    expect(plans.neither).toContain('member_unattached_birth');
    for (const index of ['member_employer_birth', 'member_group_birth', 'member_unattached_birth']) {
      expect(plans.imported).toContain(index);
    }
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/\bSCAN member\b|Seq Scan/);
  });
});
