/**
 * The eligibility benchmark: checks over HTTP against the real server, from a load generator on
 * loopback (wrk where the machine has it, else autocannon: see load), at 1,000,000 members whose month is declared and paid; beside it the
 * bare /health route of the same server, the ceiling of the HTTP layer; then the SMS webhook,
 * texts from the phones of 200 facilities.
 *
 *   npm run bench -- --suite eligibility [--workers 1000000]
 *
 * SQLite only: the server is `riskpool serve` in a child process, on the database prepared here,
 * with its default number of processes (one per core; RISKPOOL_WORKERS=1 measures one alone).
 * BENCH_DATA_DIR=/some/dir keeps that database there and uses it again on the next run of the same
 * size (preparing a million members takes minutes; comparing two builds of the server should not).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import autocannon from 'autocannon';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/platform/db/database.js';
import { readConfig } from '../src/platform/config.js';
import { createToken, createUser } from '../src/platform/users/service.js';
import { createFacility } from '../src/registry/facilities/service.js';
import { declare } from '../src/contributions/declarations/service.js';
import { receivePayment } from '../src/contributions/payments/service.js';
import { seeded } from '../src/demo/random.js';
import { garmentScheme } from './contributions.js';
import { hasWrk, wrkLoad, type LoadResult } from './wrk.js';

const PASSWORD = 'bench password 2026';
const CHECKS = 50_000;
/** Under ten per phone: 4,000 phones may send 40,000 in the minute. */
const SMS = 30_000;
const CONNECTIONS = 32;
const PERIOD = new Date().toISOString().slice(0, 7);

async function prepare(file: string, workerCount: number, log: (s: string) => void) {
  const db = openDatabase({ sqliteFile: file });
  const { scheme, scope, who, employers, employerIds, workers } = await garmentScheme(db, workerCount, {
    categories: [
      { category: 'consultation', covered: true },
      { category: 'delivery', covered: true, waitingDays: 270 },
    ],
    paymentDays: 0,
  });
  for (let i = 0; i < employers; i++) {
    const { declaration } = await declare(db, who, scope, {
      employerId: employerIds[i]!,
      period: PERIOD,
      lines: workers[i]!.map((memberId) => ({ memberId })),
    });
    await receivePayment(db, who, scope, {
      method: 'bank_transfer',
      externalId: `B${i}`,
      amount: declaration.invoice.memberPart + declaration.invoice.employerPart,
      currency: 'USD',
      paidOn: `${PERIOD}-01`,
      employerId: employerIds[i]!,
    });
    if (i % 200 === 199) log(`\religibility: ${((i + 1) * 500).toLocaleString()} members declared and paid`);
  }
  await createUser(db, who, scheme.id, {
    username: 'desk',
    displayName: 'Desk',
    password: PASSWORD,
    roles: ['facility_agent'],
    areaIds: [],
    language: null,
    isMachine: false,
  });
  // The SMS desks: 200 facilities with 20 phones each, so that the load, spread over their
  // 4,000 phones, stays under the ten texts a minute each phone may send.
  for (let f = 0; f < FACILITIES; f++) {
    await createFacility(db, who, scope, {
      code: `F${f}`,
      name: `Health centre ${f}`,
      type: 'health_centre',
      ownership: 'public',
      phoneNumbers: Array.from({ length: PHONES_PER_FACILITY }, (_, p) => phoneOf(f, p)),
    });
  }
  const machine = await createUser(db, who, scheme.id, {
    username: 'sms-gateway',
    displayName: 'SMS gateway',
    roles: ['gateway'],
    areaIds: [],
    language: null,
    isMachine: true,
  });
  const { token: gatewayToken } = await createToken(db, who, scheme.id, 'bench', machine.user.id);
  db.sqlite!.exec('ANALYZE');
  await db.close();
  return { members: employers * 500, gatewayToken };
}

const FACILITIES = 200;
const PHONES_PER_FACILITY = 20;
const phoneOf = (facility: number, phone: number) =>
  `+8551${String(facility).padStart(3, '0')}${String(phone).padStart(4, '0')}`;

const LOADER = hasWrk() ? 'wrk' : 'autocannon';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(port: number, urlPath: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, agent, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Requests from `connections` keep-alive connections at once, sent by wrk where the machine has it
 * (bench/wrk.ts), else by autocannon in this process (far lighter than Node's own HTTP client, but
 * it still takes a third of a core from the server it shares the machine with); answers the rate
 * and the latency percentiles in milliseconds. Any answer but 2xx fails the benchmark.
 */
async function load(
  port: number,
  { amount, seconds }: { amount: number; seconds: number },
  connections: number,
  path: (i: number) => string,
  token?: string,
  body?: (i: number) => string,
): Promise<LoadResult> {
  if (LOADER === 'wrk') {
    return wrkLoad(
      port,
      seconds,
      amount,
      connections,
      (n) => (body ? { method: 'POST', path: path(n), body: body(n) } : { method: 'GET', path: path(n) }),
      token,
    );
  }
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const n = i++;
          return body ? { ...req, method: 'POST', path: path(n), body: body(n) } : { ...req, path: path(n) };
        },
      },
    ],
  });
  if (result.non2xx || result.errors) {
    throw new Error(`${result.non2xx} answers other than 2xx, ${result.errors} errors`);
  }
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

function readThrough(file: string) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  try {
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    fs.closeSync(fd);
  }
}

/** The database prepared before, when BENCH_DATA_DIR names one of this size; else a new one. */
async function prepared(workerCount: number, log: (s: string) => void) {
  const kept = process.env.BENCH_DATA_DIR;
  const dir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-eligibility-'));
  const facts = path.join(dir, 'bench.json');
  if (kept && fs.existsSync(facts)) {
    const before = JSON.parse(fs.readFileSync(facts, 'utf8')) as {
      workerCount: number;
      members: number;
      gatewayToken: string;
    };
    if (before.workerCount === workerCount) return { dir, kept: true, ...before };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  const made = await prepare(path.join(dir, 'riskpool.db'), workerCount, log);
  if (kept) fs.writeFileSync(facts, JSON.stringify({ workerCount, ...made }));
  return { dir, kept: Boolean(kept), ...made };
}

export async function benchEligibility(workerCount: number, log: (s: string) => void) {
  const { dir, kept, members, gatewayToken } = await prepared(workerCount, log);
  try {
    log('\n');
    // A desk's server has been up for days, its database in the machine's file cache; a database
    // prepared on an earlier run may have been pushed out of it since. Read it in once.
    readThrough(path.join(dir, 'riskpool.db'));
    const port = 18_000 + Math.floor(Math.random() * 1000);
    // To see where the server's time goes: BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'
    const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
    const server = spawn(process.execPath, ['--max-semi-space-size=64', ...flags, 'bin/riskpool.js', 'serve'], {
      env: {
        ...process.env,
        RISKPOOL_DATA_DIR: dir,
        PORT: String(port),
        RISKPOOL_DEMO: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      for (let i = 0; ; i++) {
        const up = await get(port, '/health').catch(() => null);
        if (up?.status === 200) break;
        if (i > 300) throw new Error('the server did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
      const login = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/v1/auth/login',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve(JSON.parse(body).token));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ username: 'desk', password: PASSWORD }));
      });
      const random = seeded(11);
      const { formatMemberNumber } = await import('../src/registry/members/member-number.js');
      const numbers = Array.from({ length: CHECKS }, () => formatMemberNumber('HIP', random.int(1, members)));
      const first = await get(port, `/api/v1/eligibility?member=${numbers[0]}`, login);
      if (!JSON.parse(first.body).matches?.[0]?.covered) throw new Error(`not covered: ${first.body}`);
      const check = (i: number) => `/api/v1/eligibility?member=${numbers[i % numbers.length]}`;
      await load(port, { amount: 5000, seconds: 3 }, CONNECTIONS, check, login); // warm up
      const eligibility = await load(port, { amount: CHECKS, seconds: 15 }, CONNECTIONS, check, login);
      const bare = await load(port, { amount: CHECKS, seconds: 5 }, CONNECTIONS, () => '/health');
      // Texts from the facilities' phones, each asking for a member: answered, logged, audited.
      const phones = FACILITIES * PHONES_PER_FACILITY;
      const run = Date.now().toString(36); // message ids stay new when the database is used again
      const text = (n: number) =>
        JSON.stringify({
          from: phoneOf(n % FACILITIES, Math.floor(n / FACILITIES) % PHONES_PER_FACILITY),
          text: numbers[n % numbers.length],
          id: `ATX${run}-${n}`,
        });
      // wrk runs 8 seconds: at up to 3,500 texts a second that stays within the 30,000 made (a
      // faster server would send some again, answered as already received).
      const sms = await load(
        port,
        { amount: SMS, seconds: 8 },
        CONNECTIONS,
        () => '/api/v1/sms/inbound',
        gatewayToken,
        text,
      );
      const smsPerPhone = Math.ceil(SMS / phones);
      return {
        engine: 'sqlite',
        members,
        loader: LOADER,
        connections: CONNECTIONS,
        serverProcesses: readConfig().workers,
        eligibility,
        bareRoute: bare,
        sms,
        smsPerPhone,
      };
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  }
}
