import type { Db } from '../../db/connection';
import { today, type Clock } from '../clock';
import { standingCalendar } from '../domain/exercise-due';
import { formatQuarter, quarterOf } from '../domain/quarters';
import type { Tree } from '../domain/tree';
import type { NodeRow } from '../../db/schema';
import { loadTree } from '../queries/nodes';
import { currentPlanCountsByNode } from '../queries/plan-facts';
import { loadSettings } from '../queries/reference';
import { currentCountsByNode } from '../queries/risk-facts';
import { currentFindings, findingTallies } from '../queries/quality-findings';

interface NodeCounts {
  openRisks: number;
  aboveAppetite: number;
  reviewsOverdue: number;
  actionsOverdue: number;
  /** Plans with a test overdue or missed, or their review overdue. */
  plansOverdue: number;
  /** Open findings of exercises of the plans. */
  openFindings: number;
  /** Quality findings of open risks (server/domain/quality-rules.ts). */
  qualityFindings: number;
  /** Open risks with a likely duplicate not yet decided. */
  likelyDuplicates: number;
}

export interface TreeItem {
  id: number;
  name: string;
  kind: string;
  own: NodeCounts;
  /** The node and everything below it. */
  total: NodeCounts;
  /** Continuity plans of the node and everything below it. */
  plans: number;
  children: TreeItem[];
}

const zero = (): NodeCounts => ({ openRisks: 0, aboveAppetite: 0, reviewsOverdue: 0, actionsOverdue: 0, plansOverdue: 0, openFindings: 0, qualityFindings: 0, likelyDuplicates: 0 });

function add(into: NodeCounts, from: NodeCounts): void {
  into.openRisks += from.openRisks;
  into.aboveAppetite += from.aboveAppetite;
  into.reviewsOverdue += from.reviewsOverdue;
  into.actionsOverdue += from.actionsOverdue;
  into.plansOverdue += from.plansOverdue;
  into.openFindings += from.openFindings;
  into.qualityFindings += from.qualityFindings;
  into.likelyDuplicates += from.likelyDuplicates;
}

function rollUp(tree: Tree<NodeRow>, node: NodeRow, own: Map<number, NodeCounts>, plans: Map<number, number>): TreeItem {
  const children = tree.children(node.id).filter((c) => c.retired_on === null).map((c) => rollUp(tree, c, own, plans));
  const ownCounts = own.get(node.id) ?? zero();
  const total = zero();
  add(total, ownCounts);
  for (const child of children) add(total, child.total);
  const planCount = children.reduce((sum, child) => sum + child.plans, plans.get(node.id) ?? 0);
  return { id: node.id, name: node.name, kind: node.kind, own: ownCounts, total, plans: planCount, children };
}

type TreeRow = Omit<TreeItem, 'children'> & { depth: number; hasChildren: boolean };

/** The tree's lines in order, each with its depth; pushed onto one list (spreading lists at every level copied each line once per level above it). */
function flatten(item: TreeItem, depth: number, rows: TreeRow[] = []): TreeRow[] {
  const { children, ...line } = item;
  rows.push({ ...line, depth, hasChildren: children.length > 0 });
  for (const child of children) flatten(child, depth + 1, rows);
  return rows;
}

/**
 * The organisation tree with, per node, the open risks and what needs attention, rolled up.
 * `readableRoots` (null: everything) are the nodes whose subtrees this person may see. The
 * counts are GROUP BYs over the stored facts: four statements whatever the size; the quality
 * findings are computed once and kept in memory until something they depend on changes.
 */
export async function buildHomePage(db: Db, clock: Clock, readableRoots: number[] | null) {
  const day = today(clock);
  const [tree, settings, [risks, actions], plans, findings] = await Promise.all([
    loadTree(db),
    loadSettings(db),
    currentCountsByNode(db, day),
    currentPlanCountsByNode(db, standingCalendar(day)),
    currentFindings(db, { nodeIds: null }, day),
  ]);
  const own = new Map<number, NodeCounts>();
  const countsOf = (nodeId: number) => {
    let counts = own.get(nodeId);
    if (!counts) own.set(nodeId, (counts = zero()));
    return counts;
  };
  for (const row of risks) {
    const counts = countsOf(row.node_id);
    counts.openRisks = Number(row.open);
    counts.aboveAppetite = Number(row.above_appetite);
    counts.reviewsOverdue = Number(row.reviews_overdue);
  }
  for (const row of actions) countsOf(row.node_id).actionsOverdue = Number(row.n);
  for (const [nodeId, tally] of findingTallies(findings).perNode) {
    const counts = countsOf(nodeId);
    counts.qualityFindings = tally.findings;
    counts.likelyDuplicates = tally.likelyDuplicates;
  }
  const planCounts = new Map<number, number>();
  for (const row of plans) {
    const counts = countsOf(row.node_id);
    counts.plansOverdue = Number(row.overdue);
    counts.openFindings = Number(row.open_findings);
    planCounts.set(row.node_id, Number(row.plans));
  }
  // A root inside another readable root's subtree would be listed twice.
  const shown = readableRoots === null
    ? tree.children(null)
    : readableRoots
      .filter((id) => !readableRoots.some((other) => other !== id && tree.path(id).some((n) => n.id === other)))
      .flatMap((id) => tree.byId.get(id) ?? []);
  const roots = shown.filter((node) => node.retired_on === null).map((root) => rollUp(tree, root, own, planCounts));
  return {
    title: 'Organisation',
    quarterLabel: formatQuarter(quarterOf(day, settings.fyStartMonth), settings.fyStartMonth),
    roots,
    // One flat list in tree order: a table of 222 lines drawn by one loop, not a partial calling itself per line.
    rows: roots.flatMap((root) => flatten(root, 0)),
  };
}
