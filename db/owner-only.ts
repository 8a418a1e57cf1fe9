import fs from 'node:fs';
import path from 'node:path';

// The database and its backups hold OFFICIAL-SENSITIVE records and password hashes: only the
// account that runs Bulwark may read them, whatever the umask. SQLite gives the -wal and -shm
// files the database file's own permissions, so making the database 0600 before SQLite first
// opens it covers them too.

export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** Makes the folder a database lives in, readable by its owner only when we create it. */
export function ensureDatabaseFolder(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
}

/** Creates the file empty if it is missing (an empty file is an empty SQLite database), and makes it and its WAL and shared-memory files 0600. */
export function makeOwnerOnly(file: string): void {
  ensureDatabaseFolder(file);
  fs.closeSync(fs.openSync(file, 'a', OWNER_ONLY_FILE));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, OWNER_ONLY_FILE);
  }
}
