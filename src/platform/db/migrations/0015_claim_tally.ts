import { sql, type Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Running counts of claims by day, for what the rules compare a claim with: the average claimed
 * for the same case or diagnosis over the year before, and a facility's claims a day over the 90
 * days before. Read from the claims themselves, each question scanned every claim of the case for
 * a year (a quarter of a million rows at a million claims); a day's row a key, it reads a year of
 * rows at most. Kept in the transaction that writes the claims.
 */
export const claimTally: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('claim_tally')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      // case, diagnosis or facility
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('claims', 'bigint', (c) => c.notNull())
      .addColumn('claimed', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('claim_tally_pk', ['scheme_id', 'kind', 'code', 'day'])
      .execute();
    // Claims made before the tally: counted as they stand (those rejected at once left out).
    for (const [kind, column] of [
      ['case', 'case_code'],
      ['diagnosis', 'diagnosis'],
      ['facility', 'facility_id'],
    ] as const) {
      const rejectedOut = kind === 'facility' ? sql`` : sql` and status <> 'rejected'`;
      await sql`insert into claim_tally (scheme_id, kind, code, day, claims, claimed)
        select scheme_id, ${sql.lit(kind)}, ${sql.ref(column)}, admitted_on, count(*), sum(claimed)
        from claim where ${sql.ref(column)} is not null${rejectedOut}
        group by scheme_id, ${sql.ref(column)}, admitted_on`.execute(db);
    }
  },
});
