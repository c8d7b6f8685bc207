/**
 * A load from wrk (Debian's package `wrk`), when the machine has it: a C program that takes a
 * few percent of a core where autocannon, in the benchmark's own Node process, takes a third of
 * one. The server shares the machine's two cores with its load generator, so the lighter one
 * leaves the server more of the machine, as a desk's real clients (other machines) would.
 *
 * wrk runs for a time, not a count (its threads can stop sending, but the run lasts its time
 * all the same): its script takes the requests in turn from a file and reports the latencies and
 * the non-2xx answers as JSON.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export function hasWrk(): boolean {
  if (process.env.BENCH_LOADER === 'autocannon') return false;
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk --version exits 1 after printing its version; only a missing program throws ENOENT.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

// Requests are read from a file of lines "METHOD<TAB>path<TAB>body" (the body may be empty).
const SCRIPT = `
local lines = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do lines[#lines + 1] = line end
local token = os.getenv("WRK_TOKEN")
local sent = 0
local headers = { ["content-type"] = "application/json" }
if token ~= "" then headers["authorization"] = "Bearer " .. token end
request = function()
  sent = sent + 1
  local method, p, body = lines[((sent - 1) % #lines) + 1]:match("^(%u+)\\t([^\\t]*)\\t?(.*)$")
  if body == "" then body = nil end
  return wrk.format(method, p, headers, body)
end
done = function(summary, latency)
  io.write(string.format('\\nRESULT {"requests":%d,"micros":%d,"p50":%d,"p99":%d,"non2xx":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`;

/**
 * Requests for `seconds` over `connections` connections from one wrk thread, taken in turn from
 * the `amount` that `request(i)` gives (again from the first if the server answers more). Any
 * answer but 2xx fails the benchmark, as with autocannon.
 */
export async function wrkLoad(
  port: number,
  seconds: number,
  amount: number,
  connections: number,
  request: (i: number) => { method: string; path: string; body?: string },
  token?: string,
): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskpool-wrk-'));
  try {
    const lines = Array.from({ length: amount }, (_, i) => {
      const r = request(i);
      return `${r.method}\t${r.path}\t${r.body ?? ''}`;
    });
    fs.writeFileSync(path.join(dir, 'requests.txt'), lines.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'load.lua'), SCRIPT);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        [
          '-t1',
          `-c${connections}`,
          `-d${seconds}s`,
          '--timeout',
          '30s',
          '-s',
          path.join(dir, 'load.lua'),
          `http://127.0.0.1:${port}`,
        ],
        {
          env: {
            ...process.env,
            WRK_REQUESTS: path.join(dir, 'requests.txt'),
            WRK_TOKEN: token ?? '',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`wrk printed no result: ${out}`);
    const r = JSON.parse(line.slice(7)) as {
      requests: number;
      micros: number;
      p50: number;
      p99: number;
      non2xx: number;
      errors: number;
    };
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} answers other than 2xx, ${r.errors} errors`);
    return {
      requests: r.requests,
      perSecond: Math.round(r.requests / (r.micros / 1e6)),
      p50: Math.round(r.p50 / 10) / 100,
      p99: Math.round(r.p99 / 10) / 100,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
