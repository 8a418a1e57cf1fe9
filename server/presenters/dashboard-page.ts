import { rememberedUntilChanged } from '../../db/counted-memory';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { notFound } from '../errors';
import { heatMap, type Matrix } from '../domain/matrix';
import { addQuarters, formatQuarter, quarterEnd, quarterOf, quarterPath, quarterStart, returnDeadline, type FyQuarter } from '../domain/quarters';
import { RETURN_STATE_LABELS, RETURN_STATE_TAGS, RETURN_STATES, type ReturnStateName } from '../domain/returns';
import { reviewCalendar } from '../domain/reviews';
import { DIRECTIONS, type Direction } from '../domain/vocabulary';
import {
  categoryCounts,
  cellCounts,
  decidedProposals,
  HEAT_BASES,
  levelCounts,
  movementByCell,
  newAndClosedCounts,
  objectiveCounts,
  overdueCounts,
  returnStatesByNode,
  reviewTrend,
  type HeatBasis,
} from '../queries/dashboard';
import { loadTree } from '../queries/nodes';
import { currentFindings, FINDING_RULES, findingTallies } from '../queries/quality-findings';
import { stackedBarChart } from './charts';
import { linkWith } from './query-string';
import { DIRECTION_SYMBOLS, loadRiskRules } from './risk-rules';
import { pageTitle } from './page-title';

// The dashboard of a node (docs/dashboard-and-pack.md): the node and everything below it, each
// figure an SQL aggregate and a link to the register filtered to it.

export const dashboardQuerySchema = z.object({
  basis: z.enum(HEAT_BASES as [HeatBasis, ...HeatBasis[]]).catch('current'),
});

const BASIS_WORDS: Record<HeatBasis, string> = { current: 'current', inherent: 'inherent (before controls)', target: 'target' };

/** Quarters the trend covers: this one and the seven before it. */
export const TREND_QUARTERS = 8;

const DIRECTION_COLOURS: Record<Direction, string> = { up: '#d4351c', same: '#505a5f', down: '#00703c', new: '#1d70b8' };

/** The trend charts of the last eight quarters, shared by the dashboard and the pack. */
export async function trendCharts(db: Db, nodeIds: readonly number[] | null, matrix: Matrix, current: FyQuarter, fyStartMonth: number) {
  const quarters = Array.from({ length: TREND_QUARTERS }, (_, n) => addQuarters(current, n - TREND_QUARTERS + 1));
  // Eight quarters of the review history: kept in memory until a review (or anything else the counter watches) changes.
  const from = quarters[0] as FyQuarter;
  const rows = await rememberedUntilChanged(db, 'findings', `trend:${nodeIds === null ? 'all' : nodeIds.join(',')}:${from.fyYear}Q${from.quarter}`, () => reviewTrend(db, nodeIds, from));
  const index = (q: FyQuarter) => quarters.findIndex((x) => x.fyYear === q.fyYear && x.quarter === q.quarter);
  const labels = quarters.map((q) => formatQuarter(q, fyStartMonth));
  const byLevel = matrix.levels.map(() => quarters.map(() => 0));
  const byDirection = DIRECTIONS.map(() => quarters.map(() => 0));
  for (const row of rows) {
    const q = index(row.quarter);
    if (q < 0) continue;
    const level = matrix.levels.findIndex((l) => l.rank === row.levelRank);
    const levelRow = byLevel[level];
    if (levelRow) levelRow[q] = (levelRow[q] ?? 0) + row.count;
    const directionRow = byDirection[DIRECTIONS.indexOf(row.direction)];
    if (directionRow) directionRow[q] = (directionRow[q] ?? 0) + row.count;
  }
  const levels = stackedBarChart(
    'trend-levels',
    'Risks reviewed per quarter, by level',
    `Each risk reviewed in a quarter counted once, at the level recorded at its last review that quarter, for the ${TREND_QUARTERS} quarters from ${labels[0]} to ${labels[labels.length - 1]}.`,
    labels,
    matrix.levels.map((level, l) => ({ name: level.name, colour: level.colour, values: byLevel[l] ?? [] })),
  );
  const directions = stackedBarChart(
    'trend-directions',
    'Risks reviewed per quarter, by direction of travel',
    `Each risk reviewed in a quarter counted once, by the direction of travel recorded at its last review that quarter: up, the same, down, or new (first review).`,
    labels,
    DIRECTIONS.map((d, n) => ({ name: `${DIRECTION_SYMBOLS[d].label}`, colour: DIRECTION_COLOURS[d], values: byDirection[n] ?? [] })),
  );
  return { levels, directions };
}

export async function buildDashboardPage(db: Db, clock: Clock, nodeId: number, query: z.output<typeof dashboardQuerySchema>) {
  const [tree, rules] = await Promise.all([loadTree(db), loadRiskRules(db, clock)]);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const subtree = tree.subtreeIds(nodeId);
  const nodeIds = subtree.length === tree.byId.size ? null : subtree;
  const { matrix, settings, today } = rules;
  const start = settings.fyStartMonth;
  const quarter = quarterOf(today, start);
  const calendar = reviewCalendar(today, start);
  // Returns are made after a quarter ends: the round in progress is the quarter just ended's.
  const returnQuarter = addQuarters(quarter, -1);
  const deadline = returnDeadline(returnQuarter, start, settings.returnDeadlineDays);
  // The aggregates over the whole organisation take a few hundred milliseconds of SQL: they are
  // kept in memory until anything they count changes (the 'findings' change counter, moved by
  // triggers on risks, reviews, actions, proposals, the matrix, the lists and the tree). Returns
  // are not among what it watches, so their states are read every time.
  const [[cells, movement, levels, categories, objectives, overdue, fresh, proposals], findings, returnRows, trend] = await Promise.all([
    rememberedUntilChanged(db, 'findings', `dashboard:${nodeId}:${query.basis}:${today}`, () => Promise.all([
      cellCounts(db, nodeIds, query.basis),
      movementByCell(db, nodeIds, calendar.quarterStart),
      levelCounts(db, nodeIds),
      categoryCounts(db, nodeIds),
      objectiveCounts(db, nodeIds),
      overdueCounts(db, nodeIds, today),
      newAndClosedCounts(db, nodeIds, quarterStart(quarter, start), quarterEnd(quarter, start)),
      decidedProposals(db, nodeIds, quarterStart(quarter, start), quarterEnd(quarter, start)),
    ])),
    currentFindings(db, { nodeIds }, today),
    returnStatesByNode(db, nodeIds, returnQuarter, deadline),
    trendCharts(db, nodeIds, matrix, quarter, start),
  ]);

  const register = `/nodes/${nodeId}`;
  // Every link lists the node and everything below it, as the dashboard counts.
  const scope = { scope: tree.children(nodeId).length > 0 ? 'all' : undefined };
  const link = (filters: Record<string, string | number | undefined>) => linkWith(register, scope, filters);
  const moves = new Map(movement.map((m) => [`${m.likelihood}:${m.impact}`, m]));
  const grid = heatMap(matrix, cells).map((row) => ({
    ...row,
    cells: row.cells.map((cell) => {
      const moved = query.basis === 'current' ? moves.get(`${cell.likelihood}:${cell.impact}`) : undefined;
      return {
        ...cell,
        href: link({ l: cell.likelihood, i: cell.impact, basis: query.basis === 'current' ? undefined : query.basis }),
        up: moved?.up ?? 0,
        down: moved?.down ?? 0,
        upHref: link({ l: cell.likelihood, i: cell.impact, moved: 'up' }),
        downHref: link({ l: cell.likelihood, i: cell.impact, moved: 'down' }),
      };
    }),
  }));
  const movedTotals = movement.reduce((t, m) => ({ up: t.up + m.up, down: t.down + m.down, fresh: t.fresh + m.fresh }), { up: 0, down: 0, fresh: 0 });

  // Counted once per list of findings (the organisation's 13,000 were a third of this page's time counted on each view).
  const findingCounts = findingTallies(findings).perCode;

  // Return states per child node: each register counted under the child its node is in.
  const childOf = new Map<number, number>();
  const children = tree.children(nodeId).filter((c) => c.retired_on === null);
  for (const child of children) for (const id of tree.subtreeIds(child.id)) childOf.set(id, child.id);
  const qPath = quarterPath(returnQuarter, start);
  const returnLines = [{ id: nodeId, name: `${node.name} (own registers)`, own: true }, ...children.map((c) => ({ id: c.id, name: c.name, own: false }))].map((line) => {
    const counts: Record<ReturnStateName, number> = { draft: 0, submitted: 0, challenged: 0, responded: 0, accepted: 0 };
    for (const row of returnRows) {
      const owner = row.nodeId === nodeId ? nodeId : childOf.get(row.nodeId);
      if (owner === line.id) counts[row.state as ReturnStateName] += row.count;
    }
    const total = RETURN_STATES.reduce((sum, s) => sum + counts[s], 0);
    return {
      name: line.name,
      total,
      href: `/nodes/${line.id}/returns?quarter=${qPath}`,
      states: RETURN_STATES.map((s) => ({ state: s, label: RETURN_STATE_LABELS[s], tag: RETURN_STATE_TAGS[s], count: counts[s], href: `/nodes/${line.id}/returns?quarter=${qPath}&state=${s}` })).filter((s) => s.count > 0),
    };
  }).filter((line) => line.total > 0);

  const levelByRank = new Map(levels.map((l) => [l.levelRank, l]));
  return {
    // Current, inherent and target are three views, each its own title, like tabs.
    title: pageTitle(query.basis === 'current' ? 'Dashboard' : `Dashboard, ${query.basis} scores`, node.name),
    node,
    breadcrumbs: tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })).concat([{ text: 'Dashboard', href: '' }]).map((b, i, all) => ({ text: b.text, href: i === all.length - 1 ? undefined : b.href })),
    quarterLabel: formatQuarter(quarter, start),
    registerHref: link({}),
    packHref: `/nodes/${nodeId}/register.pdf`,
    // The pack as HQ accepted the quarter just ended (docs/dashboard-and-pack.md).
    acceptedPack: { href: `/nodes/${nodeId}/register.pdf?quarter=${qPath}`, label: formatQuarter(returnQuarter, start) },
    basis: query.basis,
    basisWords: BASIS_WORDS[query.basis],
    basisLinks: HEAT_BASES.map((b) => ({ text: b === 'current' ? 'Current' : b === 'inherent' ? 'Inherent' : 'Target', href: b === 'current' ? `/nodes/${nodeId}/dashboard` : `/nodes/${nodeId}/dashboard?basis=${b}`, current: b === query.basis })),
    heatMap: grid,
    impactLabels: matrix.impact,
    movement: query.basis === 'current' ? { ...movedTotals, upHref: link({ moved: 'up' }), downHref: link({ moved: 'down' }), freshHref: link({ moved: 'new' }) } : null,
    levels: matrix.levels.map((level) => ({ level, count: levelByRank.get(level.rank)?.count ?? 0, href: link({ level: level.rank }) })).reverse(),
    overdue: {
      ...overdue,
      openHref: link({}),
      aboveHref: link({ appetite: 'above' }),
      reviewsHref: link({ review: 'overdue' }),
      actionsHref: link({ actions: 'overdue' }),
    },
    categories: categories.map((c) => ({ ...c, href: link({ category: c.id }), aboveHref: link({ category: c.id, appetite: 'above' }) })),
    objectives: objectives.filter((o) => o.id !== null || o.count > 0).map((o) => ({ ...o, href: link({ objective: o.id ?? 'none' }) })),
    findings: {
      total: findings.length,
      rules: FINDING_RULES.map((rule) => ({ label: rule.label, count: findingCounts.get(rule.code) ?? 0, href: link({ finding: rule.code }) })),
    },
    quarterChanges: {
      new: fresh.new,
      closed: fresh.closed,
      closedHref: link({ status: 'closed' }),
      escalated: proposals.filter((p) => p.kind === 'escalation').length,
      // A de-escalation always closes the higher risk "De-escalated to …", whether or not a proposal went down with it.
      deEscalated: fresh.closedDeEscalated,
    },
    returns: { label: formatQuarter(returnQuarter, start), lines: returnLines, allHref: `/nodes/${nodeId}/returns?quarter=${qPath}` },
    trend,
  };
}
