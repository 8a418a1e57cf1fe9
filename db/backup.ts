import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { makeOwnerOnly } from './owner-only';

/** Checks a file is an intact Bulwark database: SQLite's integrity check plus our migrations table. */
export function verifyDatabaseFile(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} failed SQLite's integrity check: ${String(integrity)}`);
    const migrations = db.prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'").get() as { n: number };
    if (migrations.n !== 1) throw new Error(`${file} is not a Bulwark database (it has no migrations table)`);
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of a live database through SQLite's online backup API: the server may go
 * on reading and writing meanwhile; the copy is the database as of one committed moment.
 */
export async function backupDatabase(sourceFile: string, destinationFile: string): Promise<void> {
  if (fs.existsSync(destinationFile)) throw new Error(`${destinationFile} already exists: choose another name`);
  makeOwnerOnly(destinationFile);
  const source = new SqliteDatabase(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(destinationFile);
  } finally {
    source.close();
  }
  // The copy inherits WAL mode; a backup is better as one self-contained file.
  const copy = new SqliteDatabase(destinationFile, { fileMustExist: true });
  copy.pragma('journal_mode = DELETE');
  copy.close();
  makeOwnerOnly(destinationFile);
  verifyDatabaseFile(destinationFile);
}

/**
 * Puts a backup back in place of the database. The server must be stopped first. The database
 * being replaced is itself kept beside it, so a restore can be undone.
 */
export async function restoreDatabase(backupFile: string, targetFile: string, keptAs: string): Promise<{ kept: boolean }> {
  verifyDatabaseFile(backupFile);
  const kept = fs.existsSync(targetFile);
  if (kept) await backupDatabase(targetFile, keptAs);
  makeOwnerOnly(targetFile);
  const backup = new SqliteDatabase(backupFile, { readonly: true, fileMustExist: true });
  try {
    // Copying through the backup API (not the file system) also clears the target's WAL.
    await backup.backup(targetFile);
  } finally {
    backup.close();
  }
  makeOwnerOnly(targetFile);
  verifyDatabaseFile(targetFile);
  return { kept };
}
