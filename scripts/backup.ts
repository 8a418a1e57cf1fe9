// npm run backup [-- FILE]: a consistent copy of the database while the server runs.
import path from 'node:path';
import { format } from 'date-fns';
import { backupDatabase } from '../db/backup';
import { configFromEnv } from '../server/config';

async function main(): Promise<void> {
  const { databasePath } = configFromEnv();
  const stamp = format(new Date(), "yyyyMMdd-HHmmss");
  const destination = process.argv[2] ?? path.join(path.dirname(databasePath), 'backups', `bulwark-${stamp}.sqlite`);
  await backupDatabase(databasePath, destination);
  console.log(`Backed up ${databasePath} to ${destination}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
