import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { NewAction } from '../../db/schema';
import type { ActionTable } from '../../db/schema';
import type { Updateable } from 'kysely';

export function listActionsOfRisk(db: Db, riskId: number) {
  return db
    .selectFrom('actions as a')
    .leftJoin('people as o', 'o.id', 'a.owner_id')
    .selectAll('a')
    .select('o.name as owner_name')
    .where('a.risk_id', '=', riskId)
    .orderBy(sql`a.due_on is null`)
    .orderBy('a.due_on')
    .orderBy('a.id')
    .execute();
}

export function findAction(db: Db, id: number) {
  return db
    .selectFrom('actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .selectAll('a')
    .select(['r.title as risk_title', 'r.ref_number', 'g.code as register_code'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function insertAction(db: Db | Tx, action: NewAction): Promise<number> {
  const { id } = await db.insertInto('actions').values(action).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAction(
  db: Db | Tx,
  id: number,
  version: number,
  changes: Updateable<ActionTable>,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('actions')
    .set({ ...changes, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
