import type { Db } from '../../db/connection';
import { today, type Clock } from '../clock';
import type { ReadableNodeIds } from '../domain/roles';
import { buildTree } from '../domain/tree';
import { listNodes } from '../queries/nodes';
import { countUnreadablePlansOfRisk, listLinkablePlans, listPlansOfRisk } from '../queries/plan-risks';
import { loadPlanStandings } from './plan-standing';
import { PLAN_NOUN, unseenLinks } from './unseen-links';

/**
 * The plans linked to a risk that the reader may read, each with whether a test is overdue
 * (overdue or missed), and a count of the others. A hidden plan's tests are not judged: its
 * state would be a fact about a part of the organisation the reader cannot see.
 */
export async function loadLinkedPlans(db: Db, clock: Clock, riskId: number, readable: ReadableNodeIds) {
  const [linked, hidden] = await Promise.all([listPlansOfRisk(db, riskId, readable), countUnreadablePlansOfRisk(db, riskId, readable)]);
  const standings = await loadPlanStandings(db, today(clock), [...new Set(linked.map((p) => p.node_id))], { planIds: linked.map((p) => p.id) });
  const plans = linked.map((plan) => {
    const standing = standings.find((s) => s.plan.id === plan.id);
    return {
      ...plan,
      retired: plan.retired_on !== null,
      testOverdue: standing?.testOverdue ?? false,
      overdueTests: standing?.schedule.filter((s) => s.rag === 'red').map((s) => `${s.label} ${s.stateLabel.toLowerCase()}`) ?? [],
      tag: standing?.tag ?? 'grey',
    };
  });
  return { plans, unseen: unseenLinks(hidden, plans.length, PLAN_NOUN) };
}

/**
 * Plans a risk can be linked to: those of the risk's own node, the nodes above it (a division's
 * plan answers a unit's risk) and below it, that this person can read.
 */
export async function loadLinkablePlans(db: Db, riskNodeId: number, readable: ReadableNodeIds) {
  const tree = buildTree(await listNodes(db));
  const nodeIds = [...tree.path(riskNodeId).map((n) => n.id), ...tree.subtreeIds(riskNodeId)];
  return listLinkablePlans(db, [...new Set(nodeIds)], readable);
}
