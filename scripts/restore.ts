// npm run restore -- FILE: puts a backup back. Stop the server first.
import { format } from 'date-fns';
import { restoreDatabase } from '../db/backup';
import { configFromEnv } from '../server/config';

async function main(): Promise<void> {
  const backupFile = process.argv[2];
  if (!backupFile) throw new Error('Name the backup to restore: npm run restore -- data/backups/bulwark-20261123-120000.sqlite');
  const { databasePath } = configFromEnv();
  const keptAs = `${databasePath}.before-restore-${format(new Date(), 'yyyyMMdd-HHmmss')}`;
  const { kept } = await restoreDatabase(backupFile, databasePath, keptAs);
  console.log(`Restored ${backupFile} into ${databasePath}${kept ? `; the database it replaced is kept as ${keptAs}` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
