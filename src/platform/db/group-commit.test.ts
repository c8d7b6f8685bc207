import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/engines.js';
import type { Db } from './database.js';
import { groupCommit } from './group-commit.js';

describe.each(engines)('group commit on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(() => db.close());

  const write = (name: string, fail = false) =>
    groupCommit(db).run(async (tx) => {
      await tx.insertInto('federation').values({ id: name, name, created_at: '2026-01-01' }).execute();
      if (fail) throw new Error(`${name} refused`);
      return name;
    });

  it('commits the writes that arrive together, and rolls back only the one that fails', async () => {
    const results = await Promise.allSettled([write('a'), write('b'), write('c', true), write('d'), write('e')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('c refused');
    const rows = await db.kysely.selectFrom('federation').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'd', 'e']);
  });

  it('answers a write only once it is committed', async () => {
    const name = await write('f');
    const row = await db.kysely.selectFrom('federation').select('id').where('id', '=', name).executeTakeFirst();
    expect(row?.id).toBe('f');
  });
});
