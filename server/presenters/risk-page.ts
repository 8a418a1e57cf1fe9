import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { notFound } from '../errors';
import { isActionOpen, isActionOverdue } from '../domain/actions';
import { levelAsRecorded, rate, SCALE } from '../domain/matrix';
import { formatQuarter } from '../domain/quarters';
import type { ReadableNodeIds } from '../domain/roles';
import { buildTree } from '../domain/tree';
import { ACTION_STATUS_LABELS, INFLUENCE_LABELS, REGISTER_KIND_LABELS } from '../domain/vocabulary';
import { listActionsOfRisk } from '../queries/actions';
import { listNodes } from '../queries/nodes';
import { listReviewsOfRisk } from '../queries/reviews';
import { findRisk } from '../queries/risks';
import { DIRECTION_SYMBOLS, judgeRisk, loadRiskRules } from './risk-rules';
import { loadLinkedPlans } from './risk-plans';
import { buildJoinedSections } from './risk-joined';
import { recordName } from './page-title';

/** The organisation above a risk, then the risk's reference: shared by the risk's tabs. */
export function riskBreadcrumbs(nodes: Awaited<ReturnType<typeof listNodes>>, nodeId: number, reference: string) {
  return [...buildTree(nodes).path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: reference }];
}

/** `readable`: the nodes the reader may read, for the plans linked to the risk. */
export async function buildRiskPage(db: Db, clock: Clock, riskId: number, readable: ReadableNodeIds) {
  const [risk, actions, reviews, rules, nodes, linkedPlans, joined] = await Promise.all([
    findRisk(db, riskId),
    listActionsOfRisk(db, riskId),
    listReviewsOfRisk(db, riskId),
    loadRiskRules(db, clock),
    listNodes(db),
    loadLinkedPlans(db, clock, riskId, readable),
    buildJoinedSections(db, clock, riskId, readable),
  ]);
  if (!risk) throw notFound('That risk');
  const judgement = judgeRisk(risk, reviews[0]?.reviewed_on ?? null, rules);
  const inherent = rate(rules.matrix, risk.inherent_likelihood, risk.inherent_impact);
  const { fyStartMonth } = rules.settings;

  // The matrix with the three scores placed on it: I(nherent), C(urrent), T(arget).
  const marks = [
    { key: 'I', name: 'Inherent', rating: inherent },
    { key: 'C', name: 'Current', rating: judgement.current },
    { key: 'T', name: 'Target', rating: judgement.target },
  ];
  const placement = [...SCALE].reverse().map((likelihood) => ({
    likelihood: rules.matrix.likelihood.find((a) => a.value === likelihood),
    cells: SCALE.map((impact) => ({
      level: rate(rules.matrix, likelihood, impact).level,
      marks: marks.filter((m) => m.rating.likelihood === likelihood && m.rating.impact === impact),
    })),
  }));

  return {
    title: recordName(judgement.reference, risk.title),
    breadcrumbs: riskBreadcrumbs(nodes, risk.node_id, judgement.reference),
    risk: {
      ...risk,
      ...judgement,
      inherent,
      registerKindLabel: REGISTER_KIND_LABELS[risk.register_kind],
      influenceLabel: INFLUENCE_LABELS[risk.influence],
      treatmentLabel: risk.treatment[0]?.toUpperCase() + risk.treatment.slice(1),
      targetAboveCurrent: judgement.target.score > judgement.current.score,
    },
    placement,
    impactLabels: rules.matrix.impact,
    actions: actions.map((a) => ({
      ...a,
      statusLabel: ACTION_STATUS_LABELS[a.status],
      overdue: isActionOverdue(a, rules.today),
      open: isActionOpen(a.status),
    })),
    reviews: reviews.map((v) => ({
      ...v,
      quarterLabel: formatQuarter({ fyYear: v.fy_year, quarter: v.fy_quarter }, fyStartMonth),
      // As recorded: a later matrix change does not re-rate a past quarter.
      current: { score: v.current_score, level: levelAsRecorded(rules.matrix, v) },
      direction: DIRECTION_SYMBOLS[v.direction],
      stillValid: v.still_valid === 1,
    })),
    currentQuarterLabel: rules.currentQuarterLabel,
    plans: linkedPlans.plans,
    unseenPlans: linkedPlans.unseen,
    planTestOverdue: linkedPlans.plans.some((p) => p.testOverdue),
    ...joined,
    // Down to a linked risk below, or to a register of a node below.
    mayGoDown: joined.linksDown.length > 0 || nodes.some((n) => n.parent_id === risk.node_id),
  };
}
