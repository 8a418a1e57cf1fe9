import type { Tree } from './tree';
import type { NodeKind } from './vocabulary';

// Rules for changing the organisation tree: organisation → division → unit → team.

/** The kind a node's parent must be; the organisation is the root and has none. */
export const PARENT_KIND: Record<NodeKind, NodeKind | null> = {
  organisation: null,
  division: 'organisation',
  unit: 'division',
  team: 'unit',
};

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  organisation: 'Organisation',
  division: 'Division',
  unit: 'Unit',
  team: 'Team',
};

export interface OrgNode {
  id: number;
  parent_id: number | null;
  name: string;
  kind: NodeKind;
  retired_on: string | null;
}

const article = (kind: NodeKind) => (kind === 'organisation' ? 'an' : 'a');

/** Why a node of `kind` cannot sit under `parent` (null: at the root), or null if it can. */
export function placementProblem(kind: NodeKind, parent: OrgNode | null): string | null {
  const wanted = PARENT_KIND[kind];
  if (wanted === null) return parent === null ? null : 'The organisation is the top of the tree and has no parent';
  if (parent === null) return `Choose where the ${kind} goes: ${article(kind)} ${kind} goes under ${article(wanted)} ${wanted}`;
  if (parent.retired_on !== null) return `${parent.name} is retired: choose a part of the organisation still in use`;
  if (parent.kind !== wanted) {
    return `${article(kind) === 'an' ? 'An' : 'A'} ${kind} goes under ${article(wanted)} ${wanted}, and ${parent.name} is ${article(parent.kind)} ${parent.kind}`;
  }
  return null;
}

/** Why `nodeId` cannot move under `newParentId`, or null if it can: never under itself or below itself, and kinds must fit. */
export function moveProblem<T extends OrgNode>(tree: Tree<T>, nodeId: number, newParentId: number): string | null {
  const node = tree.byId.get(nodeId);
  const parent = tree.byId.get(newParentId);
  if (!node) return 'That part of the organisation no longer exists';
  if (!parent) return 'Choose where to move it from the list';
  if (node.retired_on !== null) return `${node.name} is retired: reinstate it before moving it`;
  if (newParentId === nodeId) return `${node.name} cannot be moved under itself`;
  if (tree.subtreeIds(nodeId).includes(newParentId)) return `${node.name} cannot be moved under ${parent.name}, which is below it`;
  if (node.parent_id === newParentId) return `${node.name} is already under ${parent.name}: choose a different place`;
  return placementProblem(node.kind, parent);
}

/** Parents a node could move to, for the picker: the same rule as `moveProblem`, so the list never offers a refusal. */
export function moveTargets<T extends OrgNode>(tree: Tree<T>, nodeId: number): T[] {
  return [...tree.byId.values()].filter((candidate) => moveProblem(tree, nodeId, candidate.id) === null);
}

export interface RetireFacts {
  isRoot: boolean;
  alreadyRetiredOn: string | null;
  /** Children not yet retired. */
  activeChildren: string[];
  openRisks: number;
}

/**
 * What stands in the way of retiring a node. Retiring hides a node from the tree and the
 * pickers but keeps its registers and history, so nothing live may be left behind in it:
 * its open risks are closed (or later moved) and its children retired or moved first.
 */
export function retireProblems(name: string, facts: RetireFacts): string[] {
  if (facts.isRoot) return ['The organisation itself cannot be retired'];
  if (facts.alreadyRetiredOn !== null) return [`${name} was already retired on ${facts.alreadyRetiredOn}`];
  const problems: string[] = [];
  if (facts.activeChildren.length > 0) {
    problems.push(`Move or retire what is below it first: ${facts.activeChildren.join(', ')}`);
  }
  if (facts.openRisks > 0) {
    problems.push(`Close its ${facts.openRisks === 1 ? 'open risk' : `${facts.openRisks} open risks`} first: a retired part of the organisation keeps no live risks`);
  }
  return problems;
}
