/**
 * The eligibility benchmark: checks over HTTP against the real server, from a load generator on
 * loopback, at 1,000,000 members whose month is declared and paid; beside it the bare /health
 * route of the same server, the ceiling of the HTTP layer.
 *
 *   npm run bench -- --suite eligibility [--workers 1000000]
 *
 * SQLite only: the server is `riskpool serve` in a child process, on the database prepared here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/platform/db/database.js';
import { createUser } from '../src/platform/users/service.js';
import { declare } from '../src/contributions/declarations/service.js';
import { receivePayment } from '../src/contributions/payments/service.js';
import { seeded } from '../src/demo/random.js';
import { garmentScheme } from './contributions.js';

const PASSWORD = 'bench password 2026';
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
  db.sqlite!.exec('ANALYZE');
  await db.close();
  return employers * 500;
}

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

/** Requests from `concurrency` connections at once; answers the rate and the latency percentiles. */
async function load(count: number, concurrency: number, request: (i: number) => Promise<{ status: number }>) {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const res = await request(i);
        if (res.status !== 200) throw new Error(`request ${i}: HTTP ${res.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]! * 100) / 100;
  return { requests: count, perSecond: Math.round(count / seconds), p50: at(50), p99: at(99) };
}

export async function benchEligibility(workerCount: number, log: (s: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-eligibility-'));
  try {
    const members = await prepare(path.join(dir, 'riskpool.db'), workerCount, log);
    log('\n');
    const port = 18_000 + Math.floor(Math.random() * 1000);
    const server = spawn(process.execPath, ['--max-semi-space-size=64', 'bin/riskpool.js', 'serve'], {
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
      const numbers = Array.from({ length: 20_000 }, () => formatMemberNumber('HIP', random.int(1, members)));
      const check = await get(port, `/api/v1/eligibility?member=${numbers[0]}`, login);
      if (!JSON.parse(check.body).matches?.[0]?.covered) throw new Error(`not covered: ${check.body}`);
      await load(2000, 32, (i) => get(port, `/api/v1/eligibility?member=${numbers[i]}`, login)); // warm up
      const eligibility = await load(numbers.length, 32, (i) =>
        get(port, `/api/v1/eligibility?member=${numbers[i]}`, login),
      );
      const bare = await load(numbers.length, 32, () => get(port, '/health'));
      return { engine: 'sqlite', members, concurrency: 32, eligibility, bareRoute: bare };
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
