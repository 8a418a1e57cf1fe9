// Runs the frozen migrations against the configured database (the server also does on start).
import { migrateToLatest, openDatabase } from '../db/connection';
import { configFromEnv } from '../server/config';

async function main(): Promise<void> {
  const { databasePath } = configFromEnv();
  const handle = openDatabase(databasePath);
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length > 0 ? `Applied ${applied.join(', ')} to ${databasePath}` : `${databasePath} is up to date`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
