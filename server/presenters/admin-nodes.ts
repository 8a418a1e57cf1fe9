import type { Db } from '../../db/connection';
import type { NodeRow } from '../../db/schema';
import { NODE_KIND_LABELS, PARENT_KIND } from '../domain/org-tree';
import { buildTree, inTreeOrder, type Tree } from '../domain/tree';
import { listNodes, openRiskCounts } from '../queries/nodes';
import { listNodeSites } from '../queries/sites';
import { placeholder, type Option } from './options';

export const ADMIN_CRUMB = { text: 'Admin', href: '/admin' };
export const TREE_CRUMB = { text: 'Organisation tree', href: '/admin/nodes' };


/** "Headquarters › Special Crime Division": where a node sits, for pickers. */
export function pathName<T extends NodeRow>(tree: Tree<T>, id: number): string {
  return tree.path(id).map((n) => n.name).join(' › ');
}

/** A picker of nodes, in tree order, labelled with their path and kind. */
export function nodeOptions<T extends NodeRow>(tree: Tree<T>, nodes: T[], selected: unknown, empty: string): Option[] {
  const allowed = new Set(nodes.map((n) => n.id));
  return [
    placeholder(empty, selected),
    ...inTreeOrder(tree)
      .filter(({ node }) => allowed.has(node.id))
      .map(({ node }) => ({ value: String(node.id), text: `${pathName(tree, node.id)} (${node.kind})`, selected: String(selected ?? '') === String(node.id) })),
  ];
}

/** Kind a child of this node would be, or null for a team (nothing goes below a team). */
export function childKind(kind: NodeRow['kind']): NodeRow['kind'] | null {
  return (Object.entries(PARENT_KIND).find(([, parent]) => parent === kind)?.[0] as NodeRow['kind'] | undefined) ?? null;
}

/** The whole tree, retired nodes included and marked, with each node's sites and open risks. */
export async function buildNodesPage(db: Db) {
  const [nodes, nodeSites, openRisks] = await Promise.all([listNodes(db), listNodeSites(db), openRiskCounts(db)]);
  const tree = buildTree(nodes);
  const sitesOf = new Map<number, string[]>();
  for (const row of nodeSites) sitesOf.set(row.node_id, [...(sitesOf.get(row.node_id) ?? []), row.site_name]);
  return {
    title: 'Organisation tree',
    breadcrumbs: [ADMIN_CRUMB, { text: 'Organisation tree' }],
    hasOrganisation: nodes.some((n) => n.kind === 'organisation'),
    rows: inTreeOrder(tree).map(({ node, depth }) => ({
      ...node,
      depth,
      kindLabel: NODE_KIND_LABELS[node.kind],
      sites: (sitesOf.get(node.id) ?? []).join(', '),
      openRisks: openRisks.get(node.id) ?? 0,
      canAddBelow: node.retired_on === null && childKind(node.kind) !== null,
      childKindLabel: childKind(node.kind) ?? '',
      isRoot: node.parent_id === null,
      // Divisions sit under the one organisation: they have nowhere else to go.
      canMove: node.retired_on === null && (node.kind === 'unit' || node.kind === 'team'),
    })),
  };
}
