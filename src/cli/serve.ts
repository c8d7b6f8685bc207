import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { readConfig, type Config } from '../platform/config.js';
import { openConfigured, prepareDatabase } from './boot.js';
import { createApp } from '../platform/http/app.js';
import { createLogger } from '../platform/logger.js';
import { version } from '../platform/version.js';
import type { Db } from '../platform/db/database.js';
import { Broker } from '../platform/processes/broker.js';
import { peersThrough, type PeerMessage } from '../platform/processes/peers.js';
import { PhoneLimit } from '../interop/sms/phone-limit.js';
import { loadDemo } from '../demo/demo.js';
import { ensureWebBuilt } from './web-build.js';
import { startEscalation } from '../care/tickets/escalation.js';
import { startFigureRefresh } from '../monitoring/figures/refresh.js';

/**
 * `riskpool serve`: the web app and the API. With `RISKPOOL_WORKERS` above one (by default, one
 * per core) the first process prepares the database, runs the background jobs and forks that
 * many workers, which share the port and answer the requests: one Node process answers on one
 * core, and a desk check spends most of its time there (docs/benchmarks.md).
 */
export async function serveCommand() {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (cluster.isWorker) return answerRequests(config, logger);

  await ensureWebBuilt((msg) => logger.info(msg));
  const { db, applied, first } = await prepareDatabase(config, async (d) => {
    logger.info('first start: loading the demo scheme (RISKPOOL_DEMO=0 to skip)…');
    return loadDemo(d);
  });
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  if (first.adminCreated) {
    const password = first.generatedPassword
      ? `password ${first.generatedPassword} (shown this once; change it after logging in)`
      : 'the password in RISKPOOL_ADMIN_PASSWORD';
    console.log(`\n  An administrator was created: log in as admin with ${password}\n`);
  }
  const stopEscalation = startEscalation(db, logger);
  const stopFigures = startFigureRefresh(db, logger);
  const stopJobs = () => {
    stopEscalation();
    stopFigures();
  };
  if (config.workers === 1) answer(db, config, logger, stopJobs);
  else superviseWorkers(db, config, logger, stopJobs);
}

/**
 * The app on the port until the process is told to stop; then the server and the database close.
 * A server of one process does everything here; a worker answers requests only.
 */
function answer(db: Db, config: Config, logger: Logger, stopJobs: () => void = () => undefined) {
  const app = createApp({ db, config, logger, version });
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    // Several processes are announced once, by the first (superviseWorkers).
    if (cluster.isWorker) return;
    logger.info(
      { port: info.port, database: db.engine },
      `riskpool ${version} listening on http://localhost:${info.port}`,
    );
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopJobs();
    server.close();
    void db.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return stop;
}

/**
 * The first process of several: forks the workers, carries their messages (broker.ts), forks a
 * new one when one dies, and stops them all when it is stopped.
 */
function superviseWorkers(db: Db, config: Config, logger: Logger, stopJobs: () => void) {
  const broker = new Broker(new PhoneLimit(), (prefix) => db.memo.drop(prefix));
  // What the background jobs here forget, the workers forget too.
  db.memo.share((prefix) => broker.forgotten(prefix));
  let stopping = false;
  let exitCode = 0;
  let listening = 0;
  const fork = () => {
    const worker = cluster.fork();
    // A worker on its way out can no longer be written to; what it would have heard is moot.
    const handle = { id: worker.id, send: (m: PeerMessage) => worker.isConnected() && worker.send(m) };
    broker.joined(handle);
    worker.on('message', (message) => broker.receive(handle, message));
  };
  cluster.on('listening', (_worker, address) => {
    if (++listening === config.workers) {
      logger.info(
        { port: address.port, database: db.engine, workers: config.workers },
        `riskpool ${version} listening on http://localhost:${address.port} with ${config.workers} processes`,
      );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    broker.left(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void db.close().then(() => process.exit(exitCode));
      return;
    }
    // A worker that fails before it ever listened (the port taken, say) would fail again.
    if (listening < config.workers) {
      logger.error({ code, signal }, 'a server process failed while starting; stopping');
      stop(1);
      return;
    }
    logger.error({ code, signal }, 'a server process stopped; starting another');
    fork();
  });
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    stopJobs();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) void db.close().then(() => process.exit(exitCode));
    for (const worker of workers) worker?.process.kill('SIGTERM');
    // A worker that does not finish its requests in time is not waited for; the exit code says so.
    setTimeout(() => {
      logger.error('server processes still running 10 s after being told to stop; stopping anyway');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  for (let i = 0; i < config.workers; i++) fork();
}

/** A worker: the app on its own connections, its memo and locks kept with the others'. */
function answerRequests(config: Config, logger: Logger) {
  const channel = {
    send: (m: PeerMessage) => process.connected && process.send!(m),
    on: (event: 'message', listener: (m: unknown) => void) => process.on(event, listener),
  };
  const stop = answer(openConfigured(config, peersThrough(channel)), config, logger);
  // The first process is gone (killed outright): nobody carries messages or restarts; stop too.
  process.on('disconnect', stop);
}
