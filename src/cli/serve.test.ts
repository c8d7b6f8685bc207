import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/engines.js';
import { commandEnvironment, RISKPOOL_BIN } from '../../test/commands.js';

const PASSWORD = 'a-long-admin-password';
/** A name for the i-th worker: names are written in letters. */
const letters = (i: number) => [i % 26, Math.floor(i / 26) % 26].map((d) => String.fromCharCode(97 + d)).join('');

/**
 * One request on a connection of its own: node:cluster hands each new connection to the next
 * worker in turn, so requests in a row reach both processes of the server.
 */
function call(
  port: number,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; csv?: string } = {},
) {
  const body = options.csv ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': options.csv ? 'text/csv' : 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The server processes the first one forked (from /proc): its children running `riskpool.js`,
 * not the esbuild service tsx may start beside them.
 */
function workersOf(pid: number): number[] {
  const read = (path: string) => {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return ''; // gone meanwhile
    }
  };
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      // The parent is the fourth field of stat, after the command name in parentheses.
      const parent = Number(read(`/proc/${name}/stat`).split(') ')[1]?.split(' ')[1]);
      return parent === pid && read(`/proc/${name}/cmdline`).includes('riskpool.js');
    })
    .map(Number);
}

/** `riskpool serve` as an operator runs it on a busy machine: several processes on one port. */
describe.each(engines)('a server of two processes on %s', (engine) => {
  const { env, open, close } = commandEnvironment(engine, 'serve');
  const port = 19_000 + Math.floor(Math.random() * 1000);
  let server: ChildProcess;
  let admin: string;
  const ok = async (method: string, path: string, body?: unknown, token = admin) => {
    const res = await call(port, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const login = async () => (await ok('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD })).token;

  beforeAll(async () => {
    await open();
    server = spawn(process.execPath, [RISKPOOL_BIN, 'serve'], {
      env: { ...env, PORT: String(port), RISKPOOL_WORKERS: '2', RISKPOOL_ADMIN_PASSWORD: PASSWORD },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; ; i++) {
      const up = await call(port, 'GET', '/health').catch(() => null);
      if (up?.status === 200) break;
      if (i > 600) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    admin = await login();
  }, 180_000);
  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await close();
  });

  it('refuses a session on every process as soon as it is logged out on one', async () => {
    const token = await login();
    // Each process has now kept the session in its memo.
    for (let i = 0; i < 4; i++) expect((await call(port, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
    expect((await call(port, 'POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const after = await Promise.all(Array.from({ length: 6 }, () => call(port, 'GET', '/api/v1/auth/me', { token })));
    expect(after.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it("counts a phone's texts across the processes: the eleventh in a minute is asked to wait", async () => {
    await ok('POST', '/api/v1/facilities', {
      code: 'TKHC',
      name: 'Toul Kork Health Center',
      type: 'health_centre',
      ownership: 'public',
      phoneNumbers: ['012345678'],
    });
    const machine = await ok('POST', '/api/v1/users', {
      username: 'gateway',
      displayName: 'Gateway',
      roles: ['gateway'],
      isMachine: true,
    });
    const gateway = (await ok('POST', '/api/v1/api-tokens', { name: 'gateway', userId: machine.user.id })).token;
    const replies: string[] = [];
    for (let i = 0; i < 11; i++) {
      const body = { from: '+85512345678', to: '1234', text: 'RP0000000', id: `ATX-${i}` };
      replies.push((await ok('POST', '/api/v1/sms/inbound', body, gateway)).message);
    }
    expect(replies.slice(0, 10).filter((r) => r.startsWith('Too many'))).toEqual([]);
    expect(replies[10]).toBe('Too many messages: wait a minute and send again.');
  });

  it('registers nobody twice when the same list is imported on both processes at once', async () => {
    const employer = await ok('POST', '/api/v1/employers', { code: 'SUNTEX', name: 'Suntex' });
    const rows = Array.from(
      { length: 400 },
      (_, i) =>
        `Worker ${letters(i)},,F,1990-01-${String((i % 28) + 1).padStart(2, '0')},NID${i},,C-${i},,head,H${i},,,`,
    );
    const csv = [
      'name_latin,name_local,sex,birth_date,national_id,phone,factory_card_number,wage,relation,household_ref,employer_code,group_code,area_code',
      ...rows,
    ].join('\n');
    const path = `/api/v1/imports/members?employerId=${employer.id}&wait=true`;
    const [a, b] = await Promise.all([
      call(port, 'POST', path, { token: admin, csv }),
      call(port, 'POST', path, { token: admin, csv }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.state, b.body.state]).toEqual(['done', 'done']);
    expect(a.body.created + b.body.created).toBe(400);
    expect(a.body.alreadyRegistered + b.body.alreadyRegistered).toBe(400);
  });

  it('starts another process when one dies, and goes on answering', async () => {
    const before = workersOf(server.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0]!, 'SIGKILL');
    for (let i = 0; ; i++) {
      const now = workersOf(server.pid!);
      if (now.length === 2 && !now.includes(before[0]!)) break;
      if (i > 150) throw new Error(`no process replaced the one killed: ${now.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const token = await login();
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(port, 'GET', '/api/v1/auth/me', { token })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('stops with all its processes when the first one is told to stop', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const workers = workersOf(server.pid!);
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter((pid) => fs.existsSync(`/proc/${pid}`))).toEqual([]);
    await expect(call(port, 'GET', '/health')).rejects.toThrow(/ECONNREFUSED/);
  });
});
