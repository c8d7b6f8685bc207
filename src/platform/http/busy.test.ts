import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';

/**
 * SQLite only: PostgreSQL locks rows, not the database, and waits for them. A write that finds
 * the SQLite file's write lock held past the busy timeout (another process's long transaction)
 * is answered 503 with Retry-After, not as a fault of ours, and writes nothing.
 */
describe('a write while another connection holds the SQLite write lock', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await testApp('sqlite');
    ({ token } = await t.scheme('BSY'));
  });
  afterAll(() => t.close());

  it('is answered 503 with Retry-After, and changes nothing', async () => {
    const other = new SQLite(t.db.sqlite!.name);
    other.exec('begin immediate');
    try {
      const res = await t.call('POST', '/api/v1/employers', { token, body: { code: 'LATE', name: 'Late Garments' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.title).toBe('Busy');
    } finally {
      other.exec('rollback');
      other.close();
    }
    const list = await t.call('GET', '/api/v1/employers', { token });
    expect(list.body.items.map((e: { code: string }) => e.code)).not.toContain('LATE');
    const again = await t.call('POST', '/api/v1/employers', { token, body: { code: 'LATE', name: 'Late Garments' } });
    expect(again.status).toBe(201);
  });
});
