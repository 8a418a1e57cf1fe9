import type { Db, Tx } from '../../db/connection';
import type { NodeRow } from '../../db/schema';
import { moveProblem, placementProblem, retireProblems, type RetireFacts } from '../domain/org-tree';
import { buildTree } from '../domain/tree';
import type { NodeKind } from '../domain/vocabulary';
import type { Change } from '../queries/audit';
import { countOpenRisksOfNode, findNode, findNodeWithCode, insertNode, listNodes, updateNode } from '../queries/nodes';

// Changes to the organisation tree. Each checks its rules against what its own transaction reads
// (the tree, codes, open risks), so two admins changing the tree at once cannot both pass on
// stale facts; every write is audited by the query functions it calls.

/** A field and what is wrong with it, in the words of the form. */
export type Problem = [field: string, message: string];

async function codeProblems(tx: Tx, code: string, exceptId?: number): Promise<Problem[]> {
  const other = await findNodeWithCode(tx, code, exceptId);
  return other ? [['code', `${code} is already the code of ${other.name}: codes must be unique`]] : [];
}

export type AddNodeOutcome = { kind: 'added'; id: number } | { kind: 'refused'; problems: Problem[] };

export async function addNode(tx: Tx, change: Change, form: { kind: NodeKind; parent_id: number | null; name: string; code: string }): Promise<AddNodeOutcome> {
  const parent = form.parent_id === null ? null : await findNode(tx, form.parent_id);
  const problems: Problem[] = [];
  if (form.parent_id !== null && !parent) problems.push(['parent_id', 'Choose where it goes from the list']);
  else {
    const placement = placementProblem(form.kind, parent ?? null);
    if (placement) problems.push([form.kind === 'organisation' ? 'kind' : 'parent_id', placement]);
  }
  if (form.kind === 'organisation' && (await tx.selectFrom('nodes').select('id').where('parent_id', 'is', null).executeTakeFirst())) {
    problems.push(['kind', 'There is already an organisation: add divisions, units and teams under it']);
  }
  problems.push(...(await codeProblems(tx, form.code)));
  if (problems.length > 0) return { kind: 'refused', problems };
  return { kind: 'added', id: await insertNode(tx, change, form) };
}

export type NodeChangeOutcome = { kind: 'saved' } | { kind: 'stale' } | { kind: 'refused'; problems: Problem[] };

export async function renameNode(tx: Tx, change: Change, nodeId: number, version: number, form: { name: string; code: string }): Promise<NodeChangeOutcome> {
  const problems = await codeProblems(tx, form.code, nodeId);
  if (problems.length > 0) return { kind: 'refused', problems };
  return (await updateNode(tx, change, nodeId, version, form)) ? { kind: 'saved' } : { kind: 'stale' };
}

export async function moveNode(tx: Tx, change: Change, nodeId: number, version: number, parentId: number): Promise<NodeChangeOutcome> {
  const tree = buildTree(await listNodes(tx));
  if (tree.byId.get(nodeId)?.version !== version) return { kind: 'stale' };
  const problem = moveProblem(tree, nodeId, parentId);
  if (problem) return { kind: 'refused', problems: [['parent_id', problem]] };
  return (await updateNode(tx, change, nodeId, version, { parent_id: parentId })) ? { kind: 'saved' } : { kind: 'stale' };
}

/** What decides whether a node may be retired, read from the database. */
export async function retireFacts(db: Db | Tx, node: NodeRow): Promise<RetireFacts> {
  const children = await db.selectFrom('nodes').select('name').where('parent_id', '=', node.id).where('retired_on', 'is', null).orderBy('name').execute();
  return {
    isRoot: node.parent_id === null,
    alreadyRetiredOn: node.retired_on,
    activeChildren: children.map((c) => c.name),
    openRisks: await countOpenRisksOfNode(db, node.id),
  };
}

export type RetireOutcome = { kind: 'saved' } | { kind: 'stale' } | { kind: 'refused'; problems: string[] };

/** Retires a node as of `retiredOn`; refused while it has open risks or live children (a retired node must leave nothing live out of sight). */
export async function retireNode(tx: Tx, change: Change, nodeId: number, version: number, retiredOn: string): Promise<RetireOutcome> {
  const current = await findNode(tx, nodeId);
  if (!current || current.version !== version) return { kind: 'stale' };
  const problems = retireProblems(current.name, await retireFacts(tx, current));
  if (problems.length > 0) return { kind: 'refused', problems };
  return (await updateNode(tx, change, nodeId, version, { retired_on: retiredOn })) ? { kind: 'saved' } : { kind: 'stale' };
}

export type ReinstateOutcome = 'saved' | 'stale' | 'parent-retired';

export async function reinstateNode(tx: Tx, change: Change, nodeId: number, version: number): Promise<ReinstateOutcome> {
  const current = await findNode(tx, nodeId);
  if (!current || current.version !== version || current.retired_on === null) return 'stale';
  const parent = current.parent_id === null ? undefined : await findNode(tx, current.parent_id);
  // Reinstating under a retired parent would put a live node out of sight.
  if ((parent?.retired_on ?? null) !== null) return 'parent-retired';
  return (await updateNode(tx, change, nodeId, version, { retired_on: null })) ? 'saved' : 'stale';
}
