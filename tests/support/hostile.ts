import { sql } from 'kysely';
import type { Db } from '../../db/connection';

export const SCRIPT = '<script>alert("owned")</script><img src=x onerror=alert(1)>';
export const SQL = "1'; DROP TABLE risks; --";
export const HUGE = 'x'.repeat(1024 * 1024);

/** Replacement values for one field: each is sent in place of a valid value. */
export const HOSTILE_VALUES: [name: string, value: string | string[] | undefined][] = [
  ['missing', undefined],
  ['empty', ''],
  ['a list instead of one value', ['1', '2']],
  ['a word where a number belongs', 'three'],
  ['a negative number', '-5'],
  ['a huge number', '99999999999999999999'],
  ['a script tag', SCRIPT],
  ['an SQL fragment', SQL],
  ['a 1 MB string', HUGE],
];

/** A valid body with one field replaced by a hostile value, or left out. */
export function withField(body: Record<string, string>, field: string, value: string | string[] | undefined): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = { ...body };
  if (value === undefined) delete copy[field];
  else copy[field] = value;
  return copy;
}

/**
 * Rows changed so far by every INSERT, UPDATE and DELETE on the connection, in every table and
 * triggers included (SQLite's total_changes()): equal before and after a request, nothing was
 * written, not even a change later rolled back. SQLite counts per connection, so `db` must be the
 * app's own (TestApp.handle.db), not another handle on the same file.
 */
export async function rowsChangedSoFar(db: Db): Promise<number> {
  const { rows } = await sql<{ changes: number }>`select total_changes() as changes`.execute(db);
  const changes = rows[0]?.changes;
  if (changes === undefined) throw new Error('total_changes() answered nothing');
  return changes;
}
