import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Db } from './database.js';

const placeholder = (i: number) => `\u0000hot-parameter-${i}\u0000`;

/**
 * A read that a hot path (the desk check, an SMS) makes thousands of times a second. Building
 * and compiling a query with Kysely costs more than SQLite takes to answer an indexed lookup, so
 * the query is built once per engine with placeholders and then run with each call's values.
 *
 * On SQLite it runs on the read-only connection, synchronously: it never waits behind the
 * transaction the main connection is in, and it never sees that transaction's uncommitted rows.
 * On PostgreSQL it goes through the pool like any other query.
 */
export function hotRead<A extends unknown[], O>(build: (k: Kysely<Database>, ...args: A) => Compilable<O>) {
  const compiled = new WeakMap<Kysely<Database>, { query: CompiledQuery<O>; slots: number[] }>();

  function compile(k: Kysely<Database>, arity: number) {
    let c = compiled.get(k);
    if (!c) {
      const args = Array.from({ length: arity }, (_, i) => placeholder(i)) as unknown as A;
      const query = build(k, ...args).compile();
      // Where each parameter comes from: an argument (its index) or a constant of the query (-1).
      const slots = query.parameters.map((p) => args.indexOf(p as A[number]));
      for (let i = 0; i < arity; i++) {
        if (!slots.includes(i)) throw new Error(`hotRead: argument ${i} is not a parameter of the query as given`);
      }
      c = { query, slots };
      compiled.set(k, c);
    }
    return c;
  }

  return async (db: Db, ...args: A): Promise<O[]> => {
    const { query, slots } = compile(db.kysely, args.length);
    const parameters = slots.map((s, i) => (s >= 0 ? args[s] : query.parameters[i]));
    if (db.reader) return db.reader.prepare(query.sql).all(parameters) as O[];
    return (await db.kysely.executeQuery<O>({ ...query, parameters })).rows;
  };
}
