import type { Db } from '../../db/connection';
import { permits, type Grant } from '../domain/roles';
import { buildTree } from '../domain/tree';
import { REGISTER_KIND_LABELS, REGISTER_KINDS } from '../domain/vocabulary';
import { notFound } from '../errors';
import { listNodes } from '../queries/nodes';
import { listOpenRegistersOfNodes, listRegistersWithCounts } from '../queries/registers';
import { toOptions, placeholder } from './options';
import { pageTitle } from './page-title';

/** A node's registers: open ones first, each with its open risks, what it may become. */
export async function buildRegistersPage(db: Db, nodeId: number) {
  const nodes = await listNodes(db);
  const node = nodes.find((n) => n.id === nodeId);
  if (!node) throw notFound('That part of the organisation');
  const registers = await listRegistersWithCounts(db, nodeId);
  return {
    title: pageTitle('Registers', node.name),
    node,
    registers: registers.map((g) => ({ ...g, kindLabel: REGISTER_KIND_LABELS[g.kind], closable: g.closed_on === null && g.open_risks === 0 })),
  };
}

export function registerKindOptions(selected: string | undefined) {
  return toOptions(REGISTER_KINDS, (k) => k, (k) => REGISTER_KIND_LABELS[k], selected);
}

/** The ids of live nodes where these grants may manage risks, found in the tree in memory. */
export async function nodesWhereMayManageRisks(db: Db, grants: readonly Grant[]): Promise<number[]> {
  const nodes = await listNodes(db);
  const tree = buildTree(nodes);
  return nodes
    .filter((n) => n.retired_on === null && permits(grants, 'manage_risks', { kind: 'node', path: tree.path(n.id).map((p) => p.id) }))
    .map((n) => n.id);
}

/** Where a risk may move: every open register the mover manages, but its own, grouped by node in the text. */
export async function moveTargetOptions(db: Db, grants: readonly Grant[], currentRegisterId: number, selected: string | undefined) {
  const registers = (await listOpenRegistersOfNodes(db, await nodesWhereMayManageRisks(db, grants))).filter((g) => g.id !== currentRegisterId);
  return [placeholder('Select a register', selected), ...toOptions(registers, (g) => g.id, (g) => `${g.node_name}: ${g.name} (${g.code})`, selected)];
}
