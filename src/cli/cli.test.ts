import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { commandEnvironment, RISKPOOL_BIN } from '../../test/commands.js';

const run = promisify(execFile);
const bin = RISKPOOL_BIN;

/** The `riskpool` command as an operator runs it: a process of its own, configured by its environment. */
describe.each(engines)('the riskpool command on %s', (engine) => {
  const { dir, env, open, close } = commandEnvironment(engine, 'cli');
  const riskpool = (...args: string[]) => run(process.execPath, [bin, ...args], { env, timeout: 60_000 });

  beforeAll(open);
  afterAll(close);

  it('migrates an empty database, and says so the second time', async () => {
    expect((await riskpool('migrate')).stdout).toMatch(/Applied: 0001_platform, 0002_registry, 0003_facilities/);
    expect((await riskpool('migrate')).stdout).toMatch(/up to date/);
  });

  // The demo loads a whole scheme first: minutes on a busy machine, not seconds.
  it('creates users and resets passwords, printing a generated password once', async () => {
    const demo = await run(process.execPath, [bin, 'demo', '--seed', '3'], { env, timeout: 240_000 });
    expect(demo.stdout).toMatch(/Demo scheme loaded: \S+/);
    const schemes = await riskpool('user', 'create', 'registrar1', '--role', 'registrar').catch((e) => e);
    // With the demo scheme loaded there is one scheme, and the user goes into it.
    expect(schemes.stdout ?? schemes.stderr).toMatch(/Created registrar1 \(registrar\)\.\nPassword: \S{16}/);
    const again = await riskpool('user', 'create', 'registrar1', '--role', 'registrar').catch((e) => e);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/username: is already taken/);
    const badRole = await riskpool('user', 'create', 'x1y', '--role', 'wizard').catch((e) => e);
    expect(badRole.stderr).toMatch(/there is no role "wizard"/);
    const reset = await riskpool('user', 'reset-password', 'registrar1');
    expect(reset.stdout).toMatch(/Password: \S{16}/);
  }, 300_000);

  it('imports a worker list with a progress bar, and reports the bad rows by line', async () => {
    const file = path.join(dir, 'workers.csv');
    fs.writeFileSync(
      file,
      'name_latin,sex,birth_date,factory_card_number\nSok Dara,F,1990-01-01,Z-1\nKeo Pov,X,1990-01-01,Z-2\n',
    );
    const failed = await riskpool('import', file, '--employer', 'QUANTUM').catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain('line 3: sex: "X" is not F or M');
    expect(failed.stdout).toContain('2 rows: 0 registered, 0 already registered, 1 with errors.');
    expect(failed.stdout).toContain('Nothing was registered');
    const kept = await riskpool('import', file, '--employer', 'QUANTUM', '--keep-valid');
    expect(kept.stdout).toContain('1 registered, 0 already registered, 1 with errors');
    expect(kept.stderr).toMatch(/importing \[.*\] 100% \| 1\/1 members/);
    const unknown = await riskpool('import', file, '--employer', 'NOPE').catch((e) => e);
    expect(unknown.stderr).toContain('There is no employer with the code NOPE');
  });

  it('backs up SQLite to a file that opens, and tells PostgreSQL users about pg_dump', async () => {
    const target = path.join(dir, 'copy.db');
    const out = await riskpool('backup', target);
    if (engine === 'postgres') {
      expect(out.stdout).toContain('pg_dump');
    } else {
      expect(out.stdout).toContain('Backed up to');
      const Database = (await import('better-sqlite3')).default;
      const copy = new Database(target, { readonly: true });
      expect((copy.prepare('select count(*) n from member').get() as { n: number }).n).toBeGreaterThan(1000);
      copy.close();
    }
  });
  it('costs premium collection from a JSON file, and names what is wrong in a bad one', async () => {
    const out = await riskpool('costing', 'collection', 'docs/examples/angkor-chum-collection.json');
    expect(JSON.parse(out.stdout)).toMatchObject({ averagePremium: 284, costPerPremium: 104, deficitPerPremium: 135 });
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ currency: 'usd', fixedCosts: [], periods: [] }));
    const failed = await riskpool('costing', 'collection', bad).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('currency: must be an ISO 4217 code such as USD');
    expect(failed.stderr).toMatch(/fixedCosts: /);
  });
});
