import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import type { NewAction } from '../../db/schema';
import type { ActionTable } from '../../db/schema';
import type { Updateable } from 'kysely';
import { recordAudit, type Change } from './audit';

const actionsOfRisk = preparedQuery<{ riskId: number }>()((db, value) => db
  .selectFrom('actions as a')
  .leftJoin('people as o', 'o.id', 'a.owner_id')
  .selectAll('a')
  .select('o.name as owner_name')
  .where('a.risk_id', '=', value('riskId'))
  .orderBy(sql`a.due_on is null`)
  .orderBy('a.due_on')
  .orderBy('a.id'));

export function listActionsOfRisk(db: Db, riskId: number) {
  return actionsOfRisk(db, { riskId });
}

export function findAction(db: Db, id: number) {
  return db
    .selectFrom('actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .selectAll('a')
    .select(['r.title as risk_title', 'r.reference as risk_reference', 'g.node_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** The stored action as the audit history sees it: its columns and the node of its risk. */
async function actionRecord(tx: Tx, id: number) {
  const row = await tx
    .selectFrom('actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .selectAll('a')
    .select('g.node_id')
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { node_id, ...values } = row;
  return { values, nodeId: node_id };
}

/** Adds the action and records it in the audit history, in the caller's transaction. */
export async function insertAction(tx: Tx, change: Change, action: Omit<NewAction, 'created_at' | 'updated_at'>): Promise<number> {
  const { id } = await tx.insertInto('actions').values({ ...action, created_at: change.at, updated_at: change.at }).returning('id').executeTakeFirstOrThrow();
  const saved = await actionRecord(tx, id);
  if (!saved) throw new Error(`action ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, {
    entityType: 'action', entityId: id, action: 'create', subject: saved.values.description, nodeId: saved.nodeId, riskId: saved.values.risk_id, after: saved.values, at: change.at,
  });
  return id;
}

/** Applies the change only if nobody saved the action since `version`, recording what changed; false otherwise. */
export async function updateAction(tx: Tx, change: Change, id: number, version: number, changes: Updateable<ActionTable>): Promise<boolean> {
  const before = await actionRecord(tx, id);
  if (!before) return false;
  const result = await tx
    .updateTable('actions')
    .set({ ...changes, version: sql`version + 1`, updated_at: change.at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const after = await actionRecord(tx, id);
  if (!after) throw new Error(`action ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, {
    entityType: 'action', entityId: id, action: 'update', subject: after.values.description, nodeId: after.nodeId, riskId: after.values.risk_id, before: before.values, after: after.values, at: change.at,
  });
  return true;
}
