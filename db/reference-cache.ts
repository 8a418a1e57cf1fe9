import type SqliteDatabase from 'better-sqlite3';

// Reference data (the tree, the matrix, the settings, the lists, the people) read on almost
// every page and changed rarely, held in memory per database. Triggers (migration
// 008_stored_facts) bump a counter per kind in `reference_versions` on any change to its
// tables, whoever makes it; each read compares the counter (one indexed row, read
// synchronously) and reloads only when it moved. Values are frozen: they are shared.

export type ReferenceKind = 'tree' | 'matrix' | 'settings' | 'lists' | 'people';

interface Entry {
  version: number;
  value: unknown;
}

interface Cache {
  version(kind: ReferenceKind): number | undefined;
  entries: Map<string, Entry>;
}

const caches = new WeakMap<object, Cache>();

/**
 * Reloads under way: the connection counts their statements apart from a page's own (a test
 * instrument only). Not AsyncLocalStorage: its promise hooks cost every request. A request
 * running beside a reload may have a statement counted as the reload's; tests make one request
 * at a time.
 */
let reloads = 0;
export const isReferenceReload = () => reloads > 0;

/**
 * A handle and its transactions share one cache: they share Kysely's adapter. A transaction's
 * own writes bump the versions it reads (one connection), so it reloads and sees them; should it
 * roll back, the versions fall back and the next read reloads again.
 */
export function keyOf(db: object): object {
  const executor = (db as { getExecutor?: () => { adapter: object } }).getExecutor?.();
  return executor?.adapter ?? db;
}

/** Keeps reference data of this database handle in memory from now on. */
export function attachReferenceCache(db: object, sqlite: SqliteDatabase.Database): void {
  let statement: SqliteDatabase.Statement | undefined;
  caches.set(keyOf(db), {
    version(kind) {
      try {
        statement ??= sqlite.prepare('SELECT version FROM reference_versions WHERE name = ?').pluck();
        return statement.get(kind) as number | undefined;
      } catch {
        // Before migration 008 there is nothing to compare with: never cache.
        statement = undefined;
        return undefined;
      }
    },
    entries: new Map(),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const item of value.values()) deepFreeze(item);
    else for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The value `load` gives, from memory while the kind's version has not moved. */
export async function cachedReference<T>(db: object, kind: ReferenceKind, key: string, load: () => Promise<T>): Promise<T> {
  const cache = caches.get(keyOf(db));
  const version = cache?.version(kind);
  if (!cache || version === undefined) return load();
  const name = `${kind}:${key}`;
  const hit = cache.entries.get(name);
  if (hit && hit.version === version) return hit.value as T;
  reloads += 1;
  let value: T;
  try {
    value = deepFreeze(await load());
  } finally {
    reloads -= 1;
  }
  cache.entries.set(name, { version, value });
  return value;
}
