import { migrateToLatest, openDatabase } from '../db/connection';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, configFromEnv } from './config';
import { createPlanPrinter } from './print/plan-printer';

async function main(): Promise<void> {
  const config = configFromEnv();
  const handle = openDatabase(config.databasePath);
  await migrateToLatest(handle.db);
  const printer = createPlanPrinter();
  const app = createApp({ db: handle.db, clock: systemClock, cookies: { secure: config.secureCookies }, printer, publicBaseUrl: config.publicBaseUrl });
  app.set('trust proxy', config.trustProxy);
  const server = app.listen(config.port, config.host, () => {
    console.log(`Bulwark is running on http://${config.host}:${config.port}, reached as ${config.publicBaseUrl} (database ${config.databasePath})`);
  });
  const stop = () => server.close(() => void Promise.all([printer.close(), handle.close()]).then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
