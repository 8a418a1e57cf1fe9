import type { Db, Tx } from './connection';
import { preparedQuery } from './prepared-query';
import { keyOf } from './reference-cache';

// Values computed from many rows, kept in memory per database until a change counter moves
// (table change_counters, kept by triggers of migrations 011 and 016 in the same transaction as
// any change). A transaction shares the memory of its database: it reads the counter through itself,
// so its own uncommitted writes move it and it recomputes; should it roll back, the counter falls
// back and the next reader recomputes too. What a transaction computes is never kept: should it
// roll back, a later commit could bring the counter to the same number over different rows.

export type CounterName = 'findings' | 'duplicates' | 'plans';

const memory = new WeakMap<object, Map<CounterName, { version: number; entries: Map<string, unknown> }>>();

/** Read before every kept answer is used: prepared (prepared-query.ts). */
const counterVersion = preparedQuery<{ counter: CounterName }>()((db, value) => db.selectFrom('change_counters').select('version').where('name', '=', value('counter')));

export async function rememberedUntilChanged<T>(db: Db | Tx, counter: CounterName, key: string, compute: () => Promise<T>): Promise<T> {
  const [row] = await counterVersion(db, { counter });
  if (!row) return compute();
  const owner = keyOf(db);
  let counters = memory.get(owner);
  if (!counters) memory.set(owner, (counters = new Map()));
  let held = counters.get(counter);
  if (!held || held.version !== row.version) counters.set(counter, (held = { version: row.version, entries: new Map() }));
  if (held.entries.has(key)) return held.entries.get(key) as T;
  const value = await compute();
  // Kept only outside a transaction, and only if nothing moved the counter while it was computed.
  if (!db.isTransaction && counters.get(counter) === held) held.entries.set(key, value);
  return value;
}
