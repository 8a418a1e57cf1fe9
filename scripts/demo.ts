// Loads the demo organisation into the configured database if it holds none yet.
import { migrateToLatest, openDatabase } from '../db/connection';
import { loadDemo } from './demo/load';
import { demoOrganisation } from './demo/demo-data';
import { systemClock } from '../server/clock';
import { configFromEnv } from '../server/config';

async function main(): Promise<void> {
  const { databasePath } = configFromEnv();
  const handle = openDatabase(databasePath);
  try {
    await migrateToLatest(handle.db);
    const summary = await loadDemo(handle.db, systemClock, demoOrganisation);
    console.log(summary.loaded
      ? `Demo organisation loaded into ${databasePath}: ${summary.nodes} nodes, ${summary.risks} risks, ${summary.reviews} reviews, ${summary.actions} actions, ${summary.plans} continuity plans.`
      : `${databasePath} already holds an organisation (${summary.nodes} nodes): demo data not loaded.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
