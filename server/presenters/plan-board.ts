import type { Db } from '../../db/connection';
import { today, type Clock } from '../clock';
import { notFound } from '../errors';
import { compareWorstFirst } from '../domain/exercise-due';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES } from '../domain/exercise-vocabulary';
import { buildTree } from '../domain/tree';
import { listNodes } from '../queries/nodes';
import { firstDueOn, loadPlanStandings, type PlanStanding } from './plan-standing';

/**
 * The coordinator's board for a node: every plan at or below it, worst first, with each test
 * type's last and next date and state, the review, missing sections and open findings.
 */
export async function buildPlanBoard(db: Db, clock: Clock, nodeId: number) {
  const tree = buildTree(await listNodes(db));
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const standings = await loadPlanStandings(db, today(clock), tree.subtreeIds(nodeId));
  const standingOf = (s: PlanStanding) => ({ ref: s.plan.ref, rag: s.rag, reds: s.reds, firstDueOn: firstDueOn(s), openFindings: s.openFindings });
  const rows = standings
    .map((s) => ({ s, order: standingOf(s) }))
    .sort((a, b) => compareWorstFirst(a.order, b.order))
    .map(({ s }) => ({
      ...s,
      // The plan's own node is named only when it is below the board's node.
      where: s.plan.node_id === nodeId ? '' : s.plan.node_name,
      missingCount: s.missing.length,
      missingTitles: s.missing.map((m) => `${m.number}. ${m.title}`).join(', '),
    }));
  return {
    title: `Plans board: ${node.name}`,
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Plans board' }],
    node,
    typeHeadings: EXERCISE_TYPES.map((t) => EXERCISE_TYPE_LABELS[t]),
    rows,
    counts: {
      plans: rows.length,
      overdue: rows.filter((r) => r.overdue).length,
      amber: rows.filter((r) => r.rag === 'amber').length,
      openFindings: rows.reduce((n, r) => n + r.openFindings, 0),
    },
  };
}
