import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { NodeKind } from '../domain/vocabulary';

export function listNodes(db: Db | Tx) {
  return db.selectFrom('nodes').selectAll().orderBy('name').execute();
}

export function findNode(db: Db | Tx, id: number) {
  return db.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRegistersOfNode(db: Db, nodeId: number) {
  return db.selectFrom('registers').selectAll().where('node_id', '=', nodeId).orderBy('name').execute();
}

/** Another node already using this code, compared without case: codes name registers and references. */
export function findNodeWithCode(db: Db | Tx, code: string, exceptId?: number) {
  let query = db.selectFrom('nodes').select(['id', 'name']).where(sql<boolean>`lower(code) = lower(${code})`);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

export async function insertNode(tx: Tx, node: { parent_id: number | null; kind: NodeKind; name: string; code: string }): Promise<number> {
  const { id } = await tx.insertInto('nodes').values(node).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Applies the change only if nobody saved the node since `version`; returns false otherwise. */
export async function updateNode(
  db: Db | Tx,
  id: number,
  version: number,
  changes: { name?: string; code?: string; parent_id?: number; retired_on?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('nodes')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Open risks in the node's own registers. */
export async function countOpenRisksOfNode(db: Db | Tx, nodeId: number): Promise<number> {
  const { n } = await db
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.node_id', '=', nodeId)
    .where('r.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return n;
}

/** Open risks per node, for the admin tree. */
export async function openRiskCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .select(['g.node_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.status', '=', 'open')
    .groupBy('g.node_id')
    .execute();
  return new Map(rows.map((r) => [r.node_id, r.n]));
}
