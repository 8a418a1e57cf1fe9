import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { buildTree, type Tree } from '../domain/tree';
import type { NodeRow } from '../../db/schema';
import { listNodes } from '../queries/nodes';
import { countPlansByNode } from '../queries/plans';
import { listRiskSummaries } from '../queries/risks';
import { judgeRisk, loadRiskRules } from './risk-rules';
import { loadPlanStandings } from './plan-standing';

interface NodeCounts {
  openRisks: number;
  aboveAppetite: number;
  reviewsOverdue: number;
  actionsOverdue: number;
  /** Plans with a test overdue or missed, or their review overdue. */
  plansOverdue: number;
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

const zero = (): NodeCounts => ({ openRisks: 0, aboveAppetite: 0, reviewsOverdue: 0, actionsOverdue: 0, plansOverdue: 0 });

function add(into: NodeCounts, from: NodeCounts): void {
  into.openRisks += from.openRisks;
  into.aboveAppetite += from.aboveAppetite;
  into.reviewsOverdue += from.reviewsOverdue;
  into.actionsOverdue += from.actionsOverdue;
  into.plansOverdue += from.plansOverdue;
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

/**
 * The organisation tree with, per node, the open risks and what needs attention, rolled up.
 * `readableRoots` (null: everything) are the nodes whose subtrees this person may see.
 */
export async function buildHomePage(db: Db, clock: Clock, readableRoots: number[] | null) {
  const [nodes, rules, planCounts] = await Promise.all([listNodes(db), loadRiskRules(db, clock), countPlansByNode(db)]);
  const risks = await listRiskSummaries(db, { today: rules.today });
  const own = new Map<number, NodeCounts>();
  for (const risk of risks) {
    if (risk.status !== 'open') continue;
    const judgement = judgeRisk(risk, risk.last_reviewed_on, rules);
    const counts = own.get(risk.node_id) ?? zero();
    counts.openRisks += 1;
    if (judgement.aboveAppetite) counts.aboveAppetite += 1;
    if (judgement.reviewState === 'overdue') counts.reviewsOverdue += 1;
    counts.actionsOverdue += risk.overdue_actions ?? 0;
    own.set(risk.node_id, counts);
  }
  for (const standing of await loadPlanStandings(db, rules.today, nodes.map((n) => n.id))) {
    const counts = own.get(standing.plan.node_id) ?? zero();
    if (standing.overdue) counts.plansOverdue += 1;
    own.set(standing.plan.node_id, counts);
  }
  const tree = buildTree(nodes);
  // A root inside another readable root's subtree would be listed twice.
  const shown = readableRoots === null
    ? tree.children(null)
    : readableRoots
      .filter((id) => !readableRoots.some((other) => other !== id && tree.path(id).some((n) => n.id === other)))
      .flatMap((id) => tree.byId.get(id) ?? []);
  return {
    title: 'Organisation',
    quarterLabel: rules.currentQuarterLabel,
    roots: shown.filter((node) => node.retired_on === null).map((root) => rollUp(tree, root, own, planCounts)),
  };
}
