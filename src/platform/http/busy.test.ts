import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';

/**
 * SQLite only: PostgreSQL locks rows, not the database. Another connection (another server
 * process, a payment run) holds the SQLite file's write lock: a write waits for it without
 * holding the server's thread, and is answered 503 with Retry-After, writing nothing, when it
 * has waited too long.
 */
describe("a write while another connection holds SQLite's write lock", () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    // A second rather than the half-minute a server waits, so the test need not wait that long.
    t = await testApp('sqlite', {}, { lockWaitMs: 1000 });
    ({ token } = await t.scheme('BSY'));
  });
  afterAll(() => t.close());

  const holdLock = () => {
    const other = new SQLite(t.db.sqlite!.name);
    other.exec('begin immediate');
    return () => {
      other.exec('rollback');
      other.close();
    };
  };
  const employer = (code: string) =>
    t.call('POST', '/api/v1/employers', { token, body: { code, name: `${code} Garments` } });

  it('waits for the lock while the server goes on answering, and then writes', async () => {
    const release = holdLock();
    const writing = employer('WAIT');
    // The server answers meanwhile: the waiting write does not hold its thread.
    const health = await t.call('GET', '/health');
    expect(health.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    release();
    expect((await writing).status).toBe(201);
  });

  it('is answered 503 with Retry-After when the lock stays taken, and changes nothing', async () => {
    const release = holdLock();
    try {
      const res = await employer('LATE');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.title).toBe('Busy');
    } finally {
      release();
    }
    const list = await t.call('GET', '/api/v1/employers', { token });
    expect(list.body.items.map((e: { code: string }) => e.code)).not.toContain('LATE');
    expect((await employer('LATE')).status).toBe(201);
  });
});
