import { serve } from '@hono/node-server';
import { readConfig } from '../platform/config.js';
import { prepareDatabase } from './boot.js';
import { createApp } from '../platform/http/app.js';
import { createLogger } from '../platform/logger.js';
import { version } from '../platform/version.js';
import { loadDemo } from '../demo/demo.js';
import { ensureWebBuilt } from './web-build.js';
import { startEscalation } from '../care/tickets/escalation.js';
import { startFigureRefresh } from '../monitoring/figures/refresh.js';

export async function serveCommand() {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
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
  const app = createApp({ db, config, logger, version });
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info(
      { port: info.port, database: db.engine },
      `riskpool ${version} listening on http://localhost:${info.port}`,
    );
  });
  const stopEscalation = startEscalation(db, logger);
  const stopFigures = startFigureRefresh(db, logger);
  const stop = () => {
    stopEscalation();
    stopFigures();
    server.close();
    void db.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
