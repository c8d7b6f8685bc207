import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/engines.js';
import type { Db } from './database.js';
import { writeAtomically } from './bulk.js';
import { WriteFailed } from './writer.js';

describe.each(engines)('writing a batch at once on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    // Counters belong to a scheme.
    const scheme = { name: 'S', country: 'KH', currency: 'USD', currency_minor_units: 2, languages: '["en"]' };
    const at = '2026-01-01T00:00:00.000Z';
    await db.kysely
      .insertInto('scheme')
      .values(
        ['a', 'c', 'e'].map((id) => ({
          ...scheme,
          id,
          member_prefix: id.toUpperCase(),
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  });
  afterAll(() => db.close());

  const tokens = async (schemeId: string) =>
    (
      await db.kysely
        .selectFrom('name_token')
        .select('token')
        .where('scheme_id', '=', schemeId)
        .orderBy('token')
        .execute()
    ).map((r) => r.token);

  it('writes every row of every table and every statement', async () => {
    await writeAtomically(db, [
      {
        table: 'name_token',
        rows: [
          { scheme_id: 'a', token: 'sok' },
          { scheme_id: 'a', token: 'dara' },
        ],
      },
      { table: 'name_token', rows: [] },
      { query: db.kysely.insertInto('counter').values({ scheme_id: 'a', name: 'n', value: 7 }).compile() },
    ]);
    expect(await tokens('a')).toEqual(['dara', 'sok']);
    const counter = await db.kysely.selectFrom('counter').select('value').where('scheme_id', '=', 'a').execute();
    expect(counter.map((c) => Number(c.value))).toEqual([7]);
  });

  it('writes nothing of a batch that fails, and names what failed', async () => {
    const failing = writeAtomically(db, [
      { table: 'name_token', rows: [{ scheme_id: 'b', token: 'keo' }] },
      {
        table: 'name_token',
        rows: [
          { scheme_id: 'b', token: 'meas' },
          { scheme_id: 'b', token: 'meas' },
        ],
      },
    ]);
    await expect(failing).rejects.toThrow(/unique|duplicate/i);
    if (engine === 'sqlite') await expect(failing).rejects.toBeInstanceOf(WriteFailed);
    expect(await tokens('b')).toEqual([]);
    // The writer goes on with the next batch.
    await writeAtomically(db, [{ table: 'name_token', rows: [{ scheme_id: 'b', token: 'keo' }] }]);
    expect(await tokens('b')).toEqual(['keo']);
  });

  it('commits batches in the order they were sent', async () => {
    const counter = (name: string) => db.kysely.insertInto('counter').values({ scheme_id: 'c', name, value: 1 });
    const times10 = db.kysely
      .updateTable('counter')
      .set({ value: sql`value * 10` })
      .where('scheme_id', '=', 'c');
    // Sent without waiting: 1, then ×10, then +1 gives 11; any other order gives something else.
    await Promise.all([
      writeAtomically(db, [{ query: counter('x').compile() }]),
      writeAtomically(db, [{ query: times10.compile() }]),
      writeAtomically(db, [
        {
          query: db.kysely
            .updateTable('counter')
            .set({ value: sql`value + 1` })
            .where('scheme_id', '=', 'c')
            .compile(),
        },
      ]),
    ]);
    const row = await db.kysely.selectFrom('counter').select('value').where('scheme_id', '=', 'c').executeTakeFirst();
    expect(Number(row!.value)).toBe(11);
  });

  it.runIf(engine === 'sqlite')('runs an urgent batch before the batches waiting, and answers its rows', async () => {
    const writer = db.writer!;
    const slow = (n: number) => [
      {
        sql: 'insert into name_token (scheme_id, token) values (?, ?)',
        runs: Array.from({ length: 20_000 }, (_, i) => ['e', `w${n}-${i}`]),
      },
    ];
    const order: string[] = [];
    const queued = [1, 2, 3].map((n) => writer.run(slow(n)).then(() => order.push(`batch ${n}`)));
    const urgent = writer
      .run([{ sql: "insert into counter (scheme_id, name, value) values ('e', 'u', 5) returning value", runs: [[]] }], {
        urgent: true,
      })
      .then((rows) => {
        order.push('urgent');
        return rows;
      });
    expect(await urgent).toEqual([{ value: 5 }]);
    await Promise.all(queued);
    // Batch 1 may have started before the urgent one arrived; the others had not.
    expect(order.indexOf('urgent')).toBeLessThan(order.indexOf('batch 2'));
    expect(order.filter((o) => o !== 'urgent')).toEqual(['batch 1', 'batch 2', 'batch 3']);
    expect((await tokens('e')).length).toBe(60_000);
  });

  // A desk's transaction reads, then writes; an import's chunk (or another server process)
  // commits in between. On SQLite a transaction begun deferred would be refused its write then.
  it("lets a transaction that read first write after another connection's commit", async () => {
    let other: Promise<unknown> = Promise.resolve();
    await db.kysely.transaction().execute(async (tx) => {
      await tx.selectFrom('scheme').select('id').execute();
      other = writeAtomically(db, [
        { query: db.kysely.updateTable('scheme').set({ name: 'by the other' }).where('id', '=', 'a').compile() },
      ]);
      await new Promise((r) => setTimeout(r, 100));
      await tx.updateTable('scheme').set({ name: 'by the first' }).where('id', '=', 'c').execute();
    });
    await other;
    const names = await db.kysely.selectFrom('scheme').select(['id', 'name']).orderBy('id').execute();
    expect(names.filter((s) => s.id !== 'e')).toEqual([
      { id: 'a', name: 'by the other' },
      { id: 'c', name: 'by the first' },
    ]);
  });

  it('ignores rows already there when asked to', async () => {
    await writeAtomically(db, [{ table: 'name_token', rows: [{ scheme_id: 'd', token: 'chan' }] }]);
    await writeAtomically(db, [
      {
        table: 'name_token',
        rows: [
          { scheme_id: 'd', token: 'chan' },
          { scheme_id: 'd', token: 'pich' },
        ],
        ignoreConflicts: true,
      },
    ]);
    expect(await tokens('d')).toEqual(['chan', 'pich']);
  });
});
