import type { Server } from 'node:http';
import { migrateToLatest, openDatabase } from '../db/connection';
import { createApp } from './app';
import { cleanUpBrowserDir } from './browser/owned-chromium';
import { systemClock } from './clock';
import { ConfigError, configFromEnv, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { createPlanPrinter } from './print/plan-printer';

/** The last lines reach the log before the process ends: a log written to a pipe may be buffered. */
function exitAfterFlush(logger: Logger, code: number): void {
  logger.flush(() => process.exit(code));
}

/**
 * On SIGTERM (or SIGINT): stop accepting connections, let requests in flight finish, then close
 * the printer and the database and exit 0. Requests still running at the deadline are cut and
 * the exit is 1; a second signal exits at once.
 */
function stopGracefully(server: Server, closeResources: () => Promise<void>, logger: Logger, config: Config): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping: finishing requests in flight');
    const deadline = setTimeout(() => {
      logger.error('requests still running at the shutdown deadline: exiting anyway');
      server.closeAllConnections();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    server.close(() => {
      void closeResources().then(
        () => {
          logger.info('stopped');
          exitAfterFlush(logger, 0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'stopping failed');
          exitAfterFlush(logger, 1);
        },
      );
    });
    // A keep-alive connection would hold the close open until its timeout: close each one as
    // soon as it has no request running, including those whose request finishes meanwhile.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const config = configFromEnv();
  const logger = createLogger(config.logLevel);
  const handle = openDatabase(config.databasePath);
  await migrateToLatest(handle.db);
  // A Chromium left running by a killed earlier run is killed now, not at the first print.
  await cleanUpBrowserDir(config.browserDir);
  const printer = createPlanPrinter({ browserDir: config.browserDir });
  const app = createApp({ db: handle.db, clock: systemClock, cookies: { secure: config.secureCookies }, printer, publicBaseUrl: config.publicBaseUrl, logger });
  app.set('trust proxy', config.trustProxy);
  const server = app.listen(config.port, config.host, () => {
    logger.info({ host: config.host, port: config.port, publicBaseUrl: config.publicBaseUrl, database: config.databasePath }, `Bulwark is running on http://${config.host}:${config.port}`);
  });
  stopGracefully(server, async () => {
    await printer.close();
    await handle.close();
  }, logger, config);
}

main().catch((error: unknown) => {
  // Before the logger exists (a wrong setting) the message alone is what the operator needs.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
