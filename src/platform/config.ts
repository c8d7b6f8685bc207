import os from 'node:os';
import path from 'node:path';

/** Everything the process reads from its environment, read once at start-up and passed down. */
export interface Config {
  port: number;
  /** How many processes `riskpool serve` answers requests with (see cli/serve.ts). */
  workers: number;
  dataDir: string;
  /** postgres://… when PostgreSQL is used; undefined for the embedded SQLite file. */
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  loadDemo: boolean;
  logLevel: string;
  /** Failed logins in a row before an account is locked, and for how long. */
  lockoutAttempts: number;
  lockoutMinutes: number;
  sessionHours: number;
  /** Set behind HTTPS so session cookies are sent only over TLS. */
  secureCookies: boolean;
  /** Where SMS answers are also sent, when a gateway is configured (see interop/sms/outbound.ts). */
  smsGateway: SmsGatewayConfig | null;
}

export type SmsGatewayConfig =
  | { kind: 'africastalking'; url: string; username: string; apiKey: string; sender: string | null }
  | { kind: 'http'; url: string; token: string | null };

const AFRICAS_TALKING = 'https://api.africastalking.com/version1/messaging';

function smsGatewayFrom(env: NodeJS.ProcessEnv): SmsGatewayConfig | null {
  const kind = env.RISKPOOL_SMS_GATEWAY;
  if (!kind) return null;
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is needed with RISKPOOL_SMS_GATEWAY=${kind}`);
    return v;
  };
  if (kind === 'africastalking') {
    return {
      kind,
      url: env.RISKPOOL_SMS_URL || AFRICAS_TALKING,
      username: need('RISKPOOL_SMS_USERNAME'),
      apiKey: need('RISKPOOL_SMS_API_KEY'),
      sender: env.RISKPOOL_SMS_SENDER || null,
    };
  }
  if (kind === 'http') return { kind, url: need('RISKPOOL_SMS_URL'), token: env.RISKPOOL_SMS_TOKEN || null };
  throw new Error(`RISKPOOL_SMS_GATEWAY must be africastalking or http, got "${kind}"`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 8080, 'PORT'),
    workers: workersFrom(env.RISKPOOL_WORKERS),
    dataDir: path.resolve(env.RISKPOOL_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.RISKPOOL_ADMIN_PASSWORD || undefined,
    loadDemo: env.RISKPOOL_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    lockoutAttempts: intFrom(env.RISKPOOL_LOCKOUT_ATTEMPTS, 5, 'RISKPOOL_LOCKOUT_ATTEMPTS'),
    lockoutMinutes: intFrom(env.RISKPOOL_LOCKOUT_MINUTES, 15, 'RISKPOOL_LOCKOUT_MINUTES'),
    sessionHours: intFrom(env.RISKPOOL_SESSION_HOURS, 12, 'RISKPOOL_SESSION_HOURS'),
    secureCookies: env.RISKPOOL_SECURE_COOKIES === '1',
    smsGateway: smsGatewayFrom(env),
  };
}

/**
 * One process per core by default ("auto"), at most eight: past that the one SQLite writer, or
 * PostgreSQL's hundred connections (ten a process), are what limits a server, not its cores.
 */
function workersFrom(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'auto') return Math.min(os.availableParallelism(), 8);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new Error(`RISKPOOL_WORKERS must be auto or a whole number from 1 to 64, got "${value}"`);
  }
  return n;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}
