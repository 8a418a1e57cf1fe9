import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * A mark that moves whenever anything in the database changes: rows written by this connection
 * (total_changes(), triggers' writes and rolled-back ones included) or a commit by any other
 * connection (data_version: a script, a restore, a second process). What is computed from the
 * database may be kept under it with no list of what it read to keep up to date; the price is
 * that any write at all, a session's last-seen time included, lets it go.
 */
export async function databaseGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{ version: number; changes: number }>`SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes`.execute(db);
  const row = rows[0];
  return row ? `${row.version}:${row.changes}` : '';
}
