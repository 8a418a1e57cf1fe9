import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { cachedReference } from '../../db/reference-cache';
import { readableNodeIds, readableRoots, type Grant, type ReadableNodeIds } from '../domain/roles';
import { buildTree, type Tree } from '../domain/tree';
import type { NodeKind } from '../domain/vocabulary';
import { recordAudit, type Change } from './audit';

export function listNodes(db: Db | Tx) {
  return cachedReference(db, 'tree', 'nodes', () => db.selectFrom('nodes').selectAll().orderBy('name').execute());
}

export type NodeTree = Tree<Awaited<ReturnType<typeof listNodes>>[number]>;

/** The organisation tree, built once per change to it. */
export function loadTree(db: Db | Tx): Promise<NodeTree> {
  return cachedReference(db, 'tree', 'tree', async () => buildTree(await listNodes(db)));
}

/** Every node these grants let a person read (null: the whole organisation). */
export async function loadReadableNodeIds(db: Db | Tx, grants: readonly Grant[]): Promise<ReadableNodeIds> {
  if (readableRoots(grants) === null) return null;
  const tree = await loadTree(db);
  return readableNodeIds(grants, (id) => tree.subtreeIds(id));
}

export function findNode(db: Db | Tx, id: number) {
  return db.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRegistersOfNode(db: Db, nodeId: number) {
  return cachedReference(db, 'tree', `registers:${nodeId}`, () => db.selectFrom('registers').selectAll().where('node_id', '=', nodeId).orderBy('name').execute());
}

/** Another node already using this code, compared without case: codes name registers and references. */
export function findNodeWithCode(db: Db | Tx, code: string, exceptId?: number) {
  let query = db.selectFrom('nodes').select(['id', 'name']).where(sql<boolean>`lower(code) = lower(${code})`);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** What the audit history keeps of a node. */
async function nodeRecord(tx: Tx, id: number) {
  const node = await findNode(tx, id);
  if (!node) throw new Error(`node ${id} vanished inside its own transaction`);
  const { version: _version, ...values } = node;
  return { values, subject: `${node.name} (${node.code})` };
}

/** Adds a node and records it in the audit history, in the caller's transaction. */
export async function insertNode(tx: Tx, change: Change, node: { parent_id: number | null; kind: NodeKind; name: string; code: string }): Promise<number> {
  const { id } = await tx.insertInto('nodes').values(node).returning('id').executeTakeFirstOrThrow();
  const saved = await nodeRecord(tx, id);
  await recordAudit(tx, change.actor, { entityType: 'node', entityId: id, action: 'create', subject: saved.subject, nodeId: id, after: saved.values, at: change.at });
  return id;
}

/**
 * Applies the change only if nobody saved the node since `version`, and records what changed
 * in the audit history; returns false (and changes nothing) if the version moved on.
 */
export async function updateNode(
  tx: Tx,
  change: Change,
  id: number,
  version: number,
  changes: { name?: string; code?: string; parent_id?: number; retired_on?: string | null },
): Promise<boolean> {
  const before = await findNode(tx, id);
  if (!before) return false;
  const result = await tx
    .updateTable('nodes')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const after = await nodeRecord(tx, id);
  await recordAudit(tx, change.actor, { entityType: 'node', entityId: id, action: 'update', subject: after.subject, nodeId: id, before, after: after.values, at: change.at });
  return true;
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
