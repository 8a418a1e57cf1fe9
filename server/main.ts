import { migrateToLatest, openDatabase } from '../db/connection';
import { createApp } from './app';
import { cleanUpBrowserDir } from './browser/owned-chromium';
import { systemClock } from './clock';
import { configFromEnv } from './config';
import { createPlanPrinter } from './print/plan-printer';

async function main(): Promise<void> {
  const config = configFromEnv();
  const handle = openDatabase(config.databasePath);
  await migrateToLatest(handle.db);
  // A Chromium left running by a killed earlier run is killed now, not at the first print.
  await cleanUpBrowserDir(config.browserDir);
  const printer = createPlanPrinter({ browserDir: config.browserDir });
  const server = createApp({ db: handle.db, clock: systemClock, cookies: { secure: config.secureCookies }, printer }).listen(config.port, () => {
    console.log(`Bulwark is running on http://localhost:${config.port} (database ${config.databasePath})`);
  });
  const stop = () => server.close(() => void Promise.all([printer.close(), handle.close()]).then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
