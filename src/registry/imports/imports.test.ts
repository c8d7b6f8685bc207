import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMemberNumber } from '../members/member-number.js';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { InFlight } from './in-flight.js';
import { planImport } from './plan.js';
import type { SourceRow } from './files.js';
import { checkRow } from './rows.js';

const HEADER = 'name_latin,name_local,sex,birth_date,national_id,phone,factory_card_number,wage,relation,household_ref';
const GOOD = [
  'Sok Dara,សុខ ដារា,F,1994-05-01,111111111,012111111,C-1,150,head,H1',
  'Sok Vibol,,M,2012-02-02,,,,,child,H1',
  'Keo Sophea,កែវ សុភា,f,1996-07-21,222222222,,C-2,162.50,,',
];
const BAD = 'Meas Navy,,F,21/07/1996,,,C-3,abc,,';
/** A distinct name word for each number: names are written in Latin letters only. */
const letters = (i: number) =>
  [i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((d) => String.fromCharCode(97 + d)).join('');

describe.each(engines)('importing worker lists on %s', (engine) => {
  let t: TestApp;
  let token: string;
  let schemeId: string;
  let employerId: string;
  const upload = (csv: string, query = '') =>
    t.call('POST', `/api/v1/imports/members?employerId=${employerId}&wait=true${query}`, {
      token,
      body: new TextEncoder().encode(csv),
      headers: { 'content-type': 'text/csv' },
    });
  const count = async () =>
    (await t.call('GET', `/api/v1/members?employerId=${employerId}&limit=500`, { token })).body.items.length;

  beforeAll(async () => {
    t = await testApp(engine);
    ({ token, schemeId } = await t.scheme('IMP'));
    employerId = (await t.call('POST', '/api/v1/employers', { token, body: { code: 'SUNTEX', name: 'Suntex' } })).body
      .id;
  });
  afterAll(() => t.close());

  it('registers nobody when a row is wrong, and names its line, field and reason', async () => {
    const res = await upload([HEADER, ...GOOD, BAD].join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'failed', rows: 4, created: 0, invalid: 1 });
    expect(res.body.errors).toEqual([
      { line: 5, field: 'birth_date', reason: 'must be a date as YYYY-MM-DD' },
      { line: 5, field: 'wage', reason: 'must be an amount such as 150 or 150.50' },
    ]);
    expect(await count()).toBe(0);
  });

  it('keeps the valid rows when asked, with dependants in their household', async () => {
    const res = await upload([HEADER, ...GOOD, BAD].join('\n'), '&keepValid=true');
    expect(res.body).toMatchObject({ state: 'done', created: 3, invalid: 1, done: 3, total: 3 });
    const members = (await t.call('GET', `/api/v1/members?name=sok`, { token })).body.items;
    const head = members.find((m: { nameLatin: string }) => m.nameLatin === 'Sok Dara');
    const child = members.find((m: { nameLatin: string }) => m.nameLatin === 'Sok Vibol');
    expect(child).toMatchObject({ relation: 'child', householdId: head.householdId });
    const sophea = (await t.call('GET', '/api/v1/members?fid=C-2', { token })).body.items[0];
    expect(sophea).toMatchObject({ sex: 'F', wage: 16250, employerId });
  });

  it('creates nobody twice when the same file comes again', async () => {
    const res = await upload([HEADER, ...GOOD, BAD].join('\n'), '&keepValid=true');
    expect(res.body).toMatchObject({ created: 0, alreadyRegistered: 3, invalid: 1 });
    expect(await count()).toBe(3);
  });

  it("keeps each imported member's whole record and the job in the member's history", async () => {
    const dara = (await t.call('GET', '/api/v1/members?fid=C-1', { token })).body.items[0];
    const history = (await t.call('GET', `/api/v1/members/${dara.id}/history`, { token })).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'import', before: null });
    // The database builds this JSON (view-sql.ts): field for field what the API shows.
    const { importJobId, ...after } = history[0].after;
    expect(after).toEqual(dara);
    expect(JSON.stringify(Object.keys(after))).toBe(JSON.stringify(Object.keys(dara)));
    const job = (await t.call('GET', `/api/v1/imports/${importJobId}`, { token })).body;
    expect(job).toMatchObject({ state: 'done', created: 3 });
  });

  it('registers nobody twice when the same list is imported twice at the same moment', async () => {
    const list = [
      HEADER,
      'Nuon Sreymom,,F,1991-03-03,444444444,,,,head,H7',
      'Nuon Rithy,,M,2015-06-06,,,,,child,H7',
      'Hem Chantha,,F,1993-04-04,,,C-30,,,',
      'Roth Sokha,,M,1992-05-05,,,,,,',
    ].join('\n');
    const [a, b] = await Promise.all([upload(list), upload(list)]);
    expect([a.body.state, b.body.state]).toEqual(['done', 'done']);
    expect(a.body.created + b.body.created).toBe(4);
    expect(a.body.alreadyRegistered + b.body.alreadyRegistered).toBe(4);
    const found = (await t.call('GET', '/api/v1/members?name=nuon', { token })).body.items;
    expect(found).toHaveLength(2);
    expect(found[0].householdId).toBe(found[1].householdId);
    expect((await t.call('GET', '/api/v1/members?name=roth sokha', { token })).body.items).toHaveLength(1);
  });

  it('puts a dependant from a list imported alongside another into the household of either', async () => {
    const heads = Array.from({ length: 6_000 }, (_, i) => `Head ${letters(i)},,F,1980-01-01,,,D-${i},,head,G${i}`);
    const last = `Head ${letters(5_999)},,F,1980-01-01,,,D-5999,,head,G1`;
    // The long list is written in two chunks; whichever list goes second is planned while the
    // first one's rows may still be being committed.
    const [long, short] = await Promise.all([
      upload([HEADER, ...heads].join('\n')),
      upload([HEADER, last, 'Kid Last,,M,2016-01-01,,,,,child,G1'].join('\n')),
    ]);
    expect([long.body.state, short.body.state]).toEqual(['done', 'done']);
    expect(long.body.created + short.body.created).toBe(6_001);
    expect(long.body.alreadyRegistered + short.body.alreadyRegistered).toBe(1);
    const kid = (await t.call('GET', '/api/v1/members?name=kid last', { token })).body.items[0];
    const head = (await t.call('GET', '/api/v1/members?fid=D-5999', { token })).body.items[0];
    expect(kid.householdId).toBe(head.householdId);
  });

  it('plans against the people of an import still being written', async () => {
    const pending = new InFlight();
    const known = { id: 'member-in-flight', household_id: 'household-in-flight' };
    pending.byCard.set(`${employerId}:E-1`, known);
    pending.byNationalId.set('555555555', known);
    const source: SourceRow[] = [
      {
        line: 2,
        values: {
          name_latin: 'Yim Sothea',
          sex: 'F',
          birth_date: '1985-01-01',
          factory_card_number: 'E-1',
          relation: 'head',
          household_ref: 'K1',
        },
      },
      {
        line: 3,
        values: { name_latin: 'Yim Dara', sex: 'M', birth_date: '2014-01-01', relation: 'child', household_ref: 'K1' },
      },
      { line: 4, values: { name_latin: 'Ouk Malis', sex: 'F', birth_date: '1987-01-01', national_id: '555555555' } },
      { line: 5, values: { name_latin: 'Ouk Vanna', sex: 'F', birth_date: '1988-01-01', factory_card_number: 'E-2' } },
    ];
    const rows = source.map((s) => checkRow(s, 2).row!);
    const scope = { schemeId, areaPaths: [] };
    const defaults = { employerId, groupId: null };
    const without = await planImport(t.db.kysely, scope, rows, defaults);
    expect(without.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    const plan = await planImport(t.db.kysely, scope, rows, defaults, [pending]);
    expect(plan.alreadyRegistered).toBe(2);
    expect(plan.rows.map((r) => r.line)).toEqual([3, 5]);
    expect(plan.existingHouseholds.get('K1')).toBe('household-in-flight');
  });

  it('reads XLSX workbooks, dates as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Workers');
    sheet.addRow(['Name Latin', 'Sex', 'Birth date', 'Factory card number']);
    sheet.addRow(['Chea Bopha', 'F', new Date(Date.UTC(1998, 0, 9)), 'C-10']);
    sheet.addRow(['Ly Rotha', 'M', '1999-12-31', 'C-11']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await t.call('POST', `/api/v1/imports/members?employerId=${employerId}&wait=true&fileName=list.xlsx`, {
      token,
      body: bytes,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(res.body).toMatchObject({ state: 'done', created: 2, fileName: 'list.xlsx' });
    const bopha = (await t.call('GET', '/api/v1/members?fid=C-10', { token })).body.items[0];
    expect(bopha.birthDate).toBe('1998-01-09');
  });

  it('reports problems with the whole file or its households', async () => {
    const noName = await upload('sex,birth_date\nF,1990-01-01');
    expect(noName.body.state).toBe('failed');
    expect(noName.body.error).toMatch(/name_latin/);
    const orphan = await upload([HEADER, 'Pich Kanha,,F,2010-01-01,,,,,child,H9'].join('\n'));
    expect(orphan.body.errors).toEqual([
      { line: 2, field: 'household_ref', reason: 'no row of this file is the head of household H9' },
    ]);
    const twice = await upload(
      [HEADER, 'Tep Malis,,F,1990-01-01,333,,C-20,,,', 'Tep Malis,,F,1990-01-01,333,,C-21,,,'].join('\n'),
    );
    expect(twice.body.errors).toEqual([{ line: 3, field: 'national_id', reason: 'is the same as on line 2' }]);
    const empty = await t.call('POST', `/api/v1/imports/members?employerId=${employerId}`, {
      token,
      body: '',
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.status).toBe(400);
    const unknownEmployer = await t.call('POST', '/api/v1/imports/members?employerId=nope', {
      token,
      body: HEADER,
      headers: { 'content-type': 'text/csv' },
    });
    expect(unknownEmployer.status).toBe(400);
    expect(unknownEmployer.body.errors[0].field).toBe('employerId');
  });

  it('runs in the background and shows its progress', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `Worker ${letters(i)},,F,1990-01-01,,,B-${i},,,`);
    const started = await t.call('POST', `/api/v1/imports/members?employerId=${employerId}`, {
      token,
      body: new TextEncoder().encode([HEADER, ...rows].join('\n')),
      headers: { 'content-type': 'text/csv' },
    });
    expect(started.status).toBe(202);
    let job = started.body;
    for (let i = 0; i < 200 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.call('GET', `/api/v1/imports/${job.id}`, { token })).body;
    }
    expect(job).toMatchObject({ state: 'done', created: 2500, done: 2500, total: 2500 });
  });

  it('numbers the members of every import one after another, none twice, none skipped', async () => {
    const rows = await t.db.kysely
      .selectFrom('member')
      .select('member_number')
      .where('scheme_id', '=', schemeId)
      .execute();
    // The sequence between the prefix and the check digit.
    const sequences = rows.map((r) => Number(r.member_number.slice('IMP'.length, -1)));
    expect(rows.map((r) => r.member_number)).toEqual(sequences.map((n) => formatMemberNumber('IMP', n)));
    sequences.sort((a, b) => a - b);
    expect(sequences.length).toBeGreaterThan(8_000);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });
});
