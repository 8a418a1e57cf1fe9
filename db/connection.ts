import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase, type Transaction } from 'kysely';
import { registerDomainFunctions } from './functions';
import { RecentlyUsed } from './recently-used';
import { migrations } from './migrations';
import { attachReferenceCache, isReferenceReload } from './reference-cache';
import { makeOwnerOnly } from './owner-only';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DbHandle {
  db: Db;
  /** The better-sqlite3 connection under Kysely: bulk loaders and the benchmark's data floor use it directly. */
  sqlite: SqliteDatabase.Database;
  /**
   * Counts every statement Kysely runs for a request's own data: tests use it to prove a page
   * runs a fixed number of queries. Reloads of the reference data kept in memory (which happen
   * only after that data changed) are counted apart, in referenceLoads.
   */
  queryCount: { value: number };
  referenceLoads: { value: number };
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
  registerDomainFunctions(sqlite);
  const queryCount = { value: 0 };
  const referenceLoads = { value: 0 };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: (event) => {
      if (event.level !== 'query') return;
      if (isReferenceReload()) referenceLoads.value++;
      else queryCount.value++;
      options.onQuery?.(event.query.sql, event.query.parameters);
    },
  });
  attachReferenceCache(db, sqlite);
  return { db, sqlite, queryCount, referenceLoads, close: () => db.destroy() };
}

/** Statements kept prepared, by their SQL; a page's queries are the same text every time, only their parameters change. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's SQLite driver sees it, but preparing each distinct SQL text once:
 * the driver prepares every statement on every call, which was an eighth of a risk page.
 * Kysely runs one statement at a time on the connection, so a cached statement is never busy.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new RecentlyUsed<string, SqliteDatabase.Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  // Whatever the failed migration threw; an Error, with its stack, for the log.
  if (error) throw error instanceof Error ? error : new Error(`A migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
