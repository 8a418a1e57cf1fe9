import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { notFound } from '../errors';
import { heatMap, levelOf, rate, type MatrixLevel } from '../domain/matrix';
import { addQuarters, formatQuarter, quarterEnd, quarterOf, quarterStart, returnDeadline } from '../domain/quarters';
import { RETURN_STATE_LABELS, type ReturnStateName } from '../domain/returns';
import { reviewCalendar } from '../domain/reviews';
import { levelCounts, movementByCell, cellCounts, decidedProposals, overdueCounts } from '../queries/dashboard';
import { loadTree } from '../queries/nodes';
import { currentFindings, FINDING_RULES, findingTallies } from '../queries/quality-findings';
import { countRisks, pageOfRisks, type RiskFilter } from '../queries/risk-facts';
import {
  cardRiskIds,
  cardRisks,
  openActionsOfRisks,
  overdueActions,
  overdueReviews,
  quarterLevelsOfRisks,
  returnStatesOfRegisters,
  risksNewOrClosed,
} from '../queries/register-pack';
import { PACK_SECTIONS } from '../print/register-printer';
import { formatDate } from '../views/helpers/format-date';
import { TREND_QUARTERS, trendCharts } from './dashboard-page';
import type { RegisterQuery } from './register-page';
import { DIRECTION_SYMBOLS, loadRiskRules } from './risk-rules';

// The register pack for the Audit and Risk Committee (docs/dashboard-and-pack.md): the model
// the printer lays out, section by section. The full register is not in the model: the printer
// reads it in batches (`registerBatch`), each printed on its own, so a pack of 12,000 risks never
// holds them all.

export const PACK_MARKING = 'OFFICIAL-SENSITIVE';
/** At most this many cards; the rest are in the full register. */
const MAX_CARDS = 200;
/** At most this many lines in each list (overdue reviews, actions, new, closed). */
const MAX_LINES = 500;

const levelView = (level: MatrixLevel) => ({ rank: level.rank, name: level.name });

export async function buildRegisterPack(db: Db, clock: Clock, nodeId: number, query: RegisterQuery, generatedBy: string) {
  const [tree, rules] = await Promise.all([loadTree(db), loadRiskRules(db, clock)]);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const subtree = tree.subtreeIds(nodeId);
  const nodeIds = subtree.length === tree.byId.size ? null : subtree;
  const { matrix, settings, today } = rules;
  const start = settings.fyStartMonth;
  const quarter = quarterOf(today, start);
  const calendar = reviewCalendar(today, start);
  const qStart = quarterStart(quarter, start);
  const qEnd = quarterEnd(quarter, start);
  const returnQuarter = addQuarters(quarter, -1);
  const highest = Math.max(...matrix.levels.map((l) => l.rank));

  const findings = await currentFindings(db, { nodeIds }, today);
  const findingRisks = query.finding === undefined ? undefined : [...new Set(findings.filter((f) => f.code === query.finding).map((f) => f.riskId))];
  // The register page's filters choose the rows of the full register; every summary covers the node and all below it.
  const filter: RiskFilter = {
    nodeIds, status: query.status, category: query.category, kind: query.kind, owner: query.owner, level: query.level, review: query.review, l: query.l, i: query.i, riskIds: findingRisks,
    basis: query.basis, objective: query.objective, aboveAppetite: query.appetite === 'above', actionsOverdue: query.actions === 'overdue', moved: query.moved,
  };
  const [cells, movement, levels, overdue, proposals, trend, cardIds, registerCount, newRisks, closedRisks, reviewsLate, actionsLate, returns] = await Promise.all([
    cellCounts(db, nodeIds, 'current'),
    movementByCell(db, nodeIds, calendar.quarterStart),
    levelCounts(db, nodeIds),
    overdueCounts(db, nodeIds, today),
    decidedProposals(db, nodeIds, qStart, qEnd),
    trendCharts(db, nodeIds, matrix, quarter, start),
    cardRiskIds(db, nodeIds, highest, MAX_CARDS + 1),
    countRisks(db, filter, calendar),
    risksNewOrClosed(db, nodeIds, qStart, qEnd, 'new', MAX_LINES),
    risksNewOrClosed(db, nodeIds, qStart, qEnd, 'closed', MAX_LINES),
    overdueReviews(db, nodeIds, today, MAX_LINES),
    overdueActions(db, nodeIds, today, MAX_LINES),
    returnStatesOfRegisters(db, nodeIds, returnQuarter, returnDeadline(returnQuarter, start, settings.returnDeadlineDays)),
  ]);

  const shownCards = cardIds.slice(0, MAX_CARDS);
  const trendFrom = addQuarters(quarter, 1 - TREND_QUARTERS);
  const [cardRows, cardTrend, cardActions] = await Promise.all([cardRisks(db, shownCards), quarterLevelsOfRisks(db, shownCards, trendFrom), openActionsOfRisks(db, shownCards)]);
  const position = new Map(shownCards.map((id, n) => [id, n]));
  const quarters = Array.from({ length: TREND_QUARTERS }, (_, n) => addQuarters(trendFrom, n));
  const cards = cardRows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0)).map((risk) => {
    const reviews = cardTrend.filter((t) => t.risk_id === risk.id);
    return {
      ...risk,
      current: { ...rate(matrix, risk.current_likelihood, risk.current_impact), level: levelView(levelOf(matrix, risk.current_level_rank)) },
      inherent: rate(matrix, risk.inherent_likelihood, risk.inherent_impact),
      target: rate(matrix, risk.target_likelihood, risk.target_impact),
      aboveAppetite: risk.above_appetite === 1,
      controls: risk.existing_controls.split('\n').map((c) => c.trim()).filter((c) => c !== ''),
      actions: cardActions.filter((a) => a.risk_id === risk.id).map((a) => ({ ...a, late: a.due_on !== null && a.due_on < today })),
      trend: quarters.map((q) => {
        const review = reviews.find((r) => r.fy_year === q.fyYear && r.fy_quarter === q.quarter);
        return { label: formatQuarter(q, start), level: review?.level_name ?? null, rank: review?.level_rank ?? null, score: review?.current_score ?? null, direction: review ? DIRECTION_SYMBOLS[review.direction as keyof typeof DIRECTION_SYMBOLS]?.symbol ?? '' : '' };
      }),
    };
  });

  const moves = new Map(movement.map((m) => [`${m.likelihood}:${m.impact}`, m]));
  const byRank = new Map(levels.map((l) => [l.levelRank, l.count]));
  const findingCounts = findingTallies(findings).perCode;
  const returnsAccepted = returns.filter((r) => r.state === 'accepted').length;

  return {
    marking: PACK_MARKING,
    levelColours: matrix.levels.map((l) => ({ rank: l.rank, colour: l.colour, textColour: l.textColour })),
    node: { id: node.id, name: node.name },
    quarterLabel: formatQuarter(quarter, start),
    frameLabel: formatQuarter(quarter, start),
    sections: PACK_SECTIONS,
    asAccepted: null,
    generatedOn: formatDate(today),
    generatedBy,
    filtered: registerCount !== overdue.open || query.status !== 'open',
    filter,
    calendar,
    summary: {
      open: overdue.open,
      aboveAppetite: overdue.aboveAppetite,
      reviewsOverdue: overdue.reviewsOverdue,
      actionsOverdue: overdue.actionsOverdue,
      levels: [...matrix.levels].reverse().map((level) => ({ ...levelView(level), count: byRank.get(level.rank) ?? 0 })),
      heatMap: heatMap(matrix, cells).map((row) => ({
        ...row,
        cells: row.cells.map((cell) => ({ ...cell, up: moves.get(`${cell.likelihood}:${cell.impact}`)?.up ?? 0, down: moves.get(`${cell.likelihood}:${cell.impact}`)?.down ?? 0 })),
      })),
      impactLabels: matrix.impact,
      trend,
    },
    cards,
    moreCards: cardIds.length > MAX_CARDS,
    changes: {
      newRisks: newRisks.map((r) => ({ ...r, on: formatDate(r.on), level: levelOf(matrix, r.level_rank).name })),
      closedRisks: closedRisks.map((r) => ({ ...r, on: formatDate(r.on), level: levelOf(matrix, r.level_rank).name })),
      escalated: proposals.filter((p) => p.kind === 'escalation').map((p) => ({ ...p, on: formatDate(p.decided_at.slice(0, 10)) })),
      deEscalated: closedRisks.filter((r) => (r.closure_reason ?? '').startsWith('De-escalated to')).map((r) => ({ ...r, on: formatDate(r.on) })),
    },
    registerCount,
    overdue: {
      reviews: reviewsLate.map((r) => ({ ...r, due: formatDate(r.review_due_on), level: levelOf(matrix, r.level_rank).name })),
      reviewsMore: overdue.reviewsOverdue > reviewsLate.length ? overdue.reviewsOverdue - reviewsLate.length : 0,
      actions: actionsLate.map((a) => ({ ...a, due: formatDate(a.due_on) })),
      actionsMore: overdue.actionsOverdue > actionsLate.length ? overdue.actionsOverdue - actionsLate.length : 0,
    },
    findings: {
      total: findings.length,
      rules: FINDING_RULES.map((rule) => ({ label: rule.label, count: findingCounts.get(rule.code) ?? 0 })).filter((r) => r.count > 0),
    },
    returns: {
      label: formatQuarter(returnQuarter, start),
      accepted: returnsAccepted,
      registers: returns.map((r) => ({ ...r, stateLabel: RETURN_STATE_LABELS[r.state as ReturnStateName] ?? r.state, accepted: r.state === 'accepted', acceptedOn: r.accepted_at ? formatDate(r.accepted_at.slice(0, 10)) : null })),
    },
    /** One batch of the full register, in score order: the printer prints each batch as a part. */
    registerBatch: async (offset: number, limit: number) =>
      (await pageOfRisks(db, filter, 'score', calendar, { offset, limit })).map((row) => ({
        ...row,
        level: levelOf(matrix, row.current_level_rank).name,
        targetLevel: levelOf(matrix, row.target_level_rank).name,
        direction: row.last_direction ? DIRECTION_SYMBOLS[row.last_direction].symbol : '',
        reviewDue: row.review_due_on ? formatDate(row.review_due_on) : '',
        reviewLate: row.review_state === 'overdue',
      })),
  };
}

export type RegisterPackDocument = Awaited<ReturnType<typeof buildRegisterPack>>;
export type RegisterPackRow = Awaited<ReturnType<RegisterPackDocument['registerBatch']>>[number];
