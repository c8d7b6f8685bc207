import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/engines.js';
import type { Db } from './database.js';
import { hotRead } from './hot.js';

const federationsNamed = hotRead((k, from: string, to: string) =>
  k
    .selectFrom('federation')
    .select(['id', 'name'])
    .where('name', '>=', from)
    .where('name', '<', to)
    // A constant of the query stays where it is among the arguments' values.
    .where('id', '!=', 'never')
    .orderBy('name'),
);

describe.each(engines)('hot reads on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    await db.kysely
      .insertInto('federation')
      .values(['alpha', 'beta', 'gamma', 'never'].map((n) => ({ id: n, name: n, created_at: '2026-01-01' })))
      .execute();
  });
  afterAll(() => db.close());

  it('runs the query built once with each call’s own values', async () => {
    expect((await federationsNamed(db, 'a', 'c')).map((r) => r.name)).toEqual(['alpha', 'beta']);
    expect((await federationsNamed(db, 'b', 'h')).map((r) => r.name)).toEqual(['beta', 'gamma']);
    expect(await federationsNamed(db, 'x', 'z')).toEqual([]);
  });

  it('sees only what is committed, never a transaction still open', async () => {
    let inside: string[] = [];
    await db.kysely
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('federation').values({ id: 'delta', name: 'delta', created_at: '2026-01-01' }).execute();
        inside = (await federationsNamed(db, 'd', 'e')).map((r) => r.name);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(inside).toEqual([]);
    expect(await federationsNamed(db, 'd', 'e')).toEqual([]);
    await db.kysely.insertInto('federation').values({ id: 'delta', name: 'delta', created_at: '2026-01-01' }).execute();
    expect((await federationsNamed(db, 'd', 'e')).map((r) => r.name)).toEqual(['delta']);
  });

  it('refuses a query that drops an argument, rather than run it with a wrong value', async () => {
    const careless = hotRead((k, name: string) =>
      k.selectFrom('federation').select('id').where('name', '=', `${name}x`),
    );
    await expect(careless(db, 'alpha')).rejects.toThrow(/argument 0 is not a parameter/);
  });
});
