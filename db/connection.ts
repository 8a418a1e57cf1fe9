import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import { migrations } from './migrations';
import { makeOwnerOnly } from './owner-only';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DbHandle {
  db: Db;
  /** Counts every statement Kysely runs: tests use it to prove a page runs a fixed number of queries. */
  queryCount: { value: number };
  close(): Promise<void>;
}

export function openDatabase(file: string): DbHandle {
  if (file !== ':memory:') makeOwnerOnly(file);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const queryCount = { value: 0 };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') queryCount.value++;
    },
  });
  return { db, queryCount, close: () => db.destroy() };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  // Whatever the failed migration threw; an Error, with its stack, for the log.
  if (error) throw error instanceof Error ? error : new Error(`A migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
