import type { Db } from '../../db/connection';
import { today, type Clock } from '../clock';
import { permits, type Grant } from '../domain/roles';
import { buildTree } from '../domain/tree';
import { listNodes } from '../queries/nodes';
import { listLinkablePlans, listPlansOfRisk } from '../queries/plan-risks';
import { loadPlanStandings } from './plan-standing';

/** The plans linked to a risk, each with whether a test is overdue (overdue or missed). */
export async function loadLinkedPlans(db: Db, clock: Clock, riskId: number) {
  const linked = await listPlansOfRisk(db, riskId);
  const standings = await loadPlanStandings(db, today(clock), [...new Set(linked.map((p) => p.node_id))]);
  return linked.map((plan) => {
    const standing = standings.find((s) => s.plan.id === plan.id);
    return {
      ...plan,
      retired: plan.retired_on !== null,
      testOverdue: standing?.testOverdue ?? false,
      overdueTests: standing?.schedule.filter((s) => s.rag === 'red').map((s) => `${s.label} ${s.stateLabel.toLowerCase()}`) ?? [],
      tag: standing?.tag ?? 'grey',
    };
  });
}

/**
 * Plans a risk can be linked to: those of the risk's own node, the nodes above it (a division's
 * plan answers a unit's risk) and below it, that this person can read.
 */
export async function loadLinkablePlans(db: Db, riskNodeId: number, grants: readonly Grant[]) {
  const tree = buildTree(await listNodes(db));
  const nodeIds = [...tree.path(riskNodeId).map((n) => n.id), ...tree.subtreeIds(riskNodeId)];
  const plans = await listLinkablePlans(db, [...new Set(nodeIds)]);
  return plans.filter((p) => permits(grants, 'read', { kind: 'node', path: tree.path(p.node_id).map((n) => n.id) }));
}
