import { migrateToLatest, openDatabase } from '../db/connection';
import { createApp } from './app';
import { systemClock } from './clock';
import { configFromEnv } from './config';

async function main(): Promise<void> {
  const config = configFromEnv();
  const handle = openDatabase(config.databasePath);
  await migrateToLatest(handle.db);
  const server = createApp({ db: handle.db, clock: systemClock, cookies: { secure: config.secureCookies } }).listen(config.port, () => {
    console.log(`Bulwark is running on http://localhost:${config.port} (database ${config.databasePath})`);
  });
  const stop = () => server.close(() => void handle.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
