import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import { migrations } from './migrations';
import { makeOwnerOnly } from './owner-only';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DbHandle {
  db: Db;
  /** The better-sqlite3 connection under Kysely: bulk loaders and the benchmark's data floor use it directly. */
  sqlite: SqliteDatabase.Database;
  /** Counts every statement Kysely runs: tests use it to prove a page runs a fixed number of queries. */
  queryCount: { value: number };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Sees every statement Kysely runs, with its parameters: the benchmark records a page's SQL with it. */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): DbHandle {
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
      if (event.level !== 'query') return;
      queryCount.value++;
      options.onQuery?.(event.query.sql, event.query.parameters);
    },
  });
  return { db, sqlite, queryCount, close: () => db.destroy() };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
