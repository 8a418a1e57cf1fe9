import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { FyQuarter } from '../domain/quarters';
import type { Direction } from '../domain/vocabulary';

// The dashboard's and the register pack's figures (docs/dashboard-and-pack.md): each one SQL
// aggregate over the stored facts (risk_facts, open_action_facts) and the review history,
// never a loop over every risk. `nodeIds` null is the whole organisation: no node filter at all.

type NodeIds = readonly number[] | null;
const inNodes = (nodeIds: readonly number[]) => (nodeIds.length > 0 ? [...nodeIds] : [-1]);
const nodeFilter = (nodeIds: NodeIds, column = 'f.node_id') =>
  nodeIds === null ? sql`1` : sql`${sql.ref(column)} IN (${sql.join(inNodes(nodeIds))})`;

/** Which pair of a risk's scores a heat map shows. */
export type HeatBasis = 'current' | 'inherent' | 'target';
export const HEAT_BASES: readonly HeatBasis[] = ['current', 'inherent', 'target'];

/**
 * Open risks per cell of one basis. Current comes from the stored facts alone; inherent and
 * target are not stored facts, so they join the risk by its key (one row each, no sort).
 */
export async function cellCounts(db: Db, nodeIds: NodeIds, basis: HeatBasis) {
  const rows = basis === 'current'
    ? await sql<{ likelihood: number; impact: number; count: number }>`
        SELECT f.current_likelihood AS likelihood, f.current_impact AS impact, count(*) AS count
        FROM risk_facts f WHERE f.status = 'open' AND ${nodeFilter(nodeIds)}
        GROUP BY f.current_likelihood, f.current_impact`.execute(db)
    : await sql<{ likelihood: number; impact: number; count: number }>`
        SELECT r.${sql.raw(`${basis}_likelihood`)} AS likelihood, r.${sql.raw(`${basis}_impact`)} AS impact, count(*) AS count
        FROM risk_facts f JOIN risks r ON r.id = f.risk_id WHERE f.status = 'open' AND ${nodeFilter(nodeIds)}
        GROUP BY 1, 2`.execute(db);
  return rows.rows.map((r) => ({ likelihood: Number(r.likelihood), impact: Number(r.impact), count: Number(r.count) }));
}

/**
 * The current score the risk had at its latest review before `since` (the quarter's first
 * day): the register's position last quarter, through the (risk, day) index.
 */
export const scoreBeforeSql = (since: string) =>
  sql<number | null>`(SELECT v.current_score FROM reviews v WHERE v.risk_id = f.risk_id AND v.reviewed_on < ${since} ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1)`;

/**
 * Movement since last quarter, per current cell: how many open risks now in the cell score
 * higher (up) or lower (down) than at their latest review before this quarter. A risk with no
 * review before the quarter is new, counted apart.
 */
export async function movementByCell(db: Db, nodeIds: NodeIds, quarterStart: string) {
  const { rows } = await sql<{ likelihood: number; impact: number; up: number; down: number; fresh: number }>`
    SELECT likelihood, impact, sum(before IS NOT NULL AND score > before) AS up, sum(score < before) AS down, sum(before IS NULL) AS fresh
    FROM (SELECT f.current_likelihood AS likelihood, f.current_impact AS impact, f.current_score AS score, ${scoreBeforeSql(quarterStart)} AS before
          FROM risk_facts f WHERE f.status = 'open' AND ${nodeFilter(nodeIds)})
    GROUP BY likelihood, impact`.execute(db);
  return rows.map((r) => ({ likelihood: Number(r.likelihood), impact: Number(r.impact), up: Number(r.up), down: Number(r.down), fresh: Number(r.fresh) }));
}

/** Open risks per current level, and how many of them are above their category's appetite. */
export async function levelCounts(db: Db, nodeIds: NodeIds) {
  const { rows } = await sql<{ level_rank: number; count: number; above: number }>`
    SELECT f.current_level_rank AS level_rank, count(*) AS count, sum(f.above_appetite) AS above
    FROM risk_facts f WHERE f.status = 'open' AND ${nodeFilter(nodeIds)} GROUP BY f.current_level_rank`.execute(db);
  return rows.map((r) => ({ levelRank: Number(r.level_rank), count: Number(r.count), above: Number(r.above) }));
}

/** Open risks per category (every category, with none as 0). */
export async function categoryCounts(db: Db, nodeIds: NodeIds) {
  const { rows } = await sql<{ id: number; name: string; count: number; above: number }>`
    SELECT c.id, c.name, coalesce(n.count, 0) AS count, coalesce(n.above, 0) AS above
    FROM categories c LEFT JOIN (
      SELECT f.category_id, count(*) AS count, sum(f.above_appetite) AS above FROM risk_facts f
      WHERE f.status = 'open' AND ${nodeFilter(nodeIds)} GROUP BY f.category_id) n ON n.category_id = c.id
    ORDER BY c.sort_order, c.name`.execute(db);
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.count), above: Number(r.above) }));
}

/** Open risks per strategic objective; the objective is not a stored fact, so this joins the risk by its key. id null: no objective. */
export async function objectiveCounts(db: Db, nodeIds: NodeIds) {
  const { rows } = await sql<{ id: number | null; count: number }>`
    SELECT r.objective_id AS id, count(*) AS count FROM risk_facts f JOIN risks r ON r.id = f.risk_id
    WHERE f.status = 'open' AND ${nodeFilter(nodeIds)} GROUP BY r.objective_id`.execute(db);
  const objectives = await db.selectFrom('objectives').select(['id', 'title']).orderBy('sort_order').orderBy('title').execute();
  const counts = new Map(rows.map((r) => [r.id, Number(r.count)]));
  return [
    ...objectives.map((o) => ({ id: o.id, title: o.title, count: counts.get(o.id) ?? 0 })),
    { id: null, title: 'No strategic objective', count: counts.get(null) ?? 0 },
  ];
}

/** The overdue line: open risks, above appetite, reviews overdue, and open actions past their due date. */
export async function overdueCounts(db: Db, nodeIds: NodeIds, today: string) {
  const risks = await sql<{ open: number; above: number; reviews: number }>`
    SELECT count(*) AS open, coalesce(sum(f.above_appetite), 0) AS above, coalesce(sum(f.review_due_on < ${today}), 0) AS reviews
    FROM risk_facts f WHERE f.status = 'open' AND ${nodeFilter(nodeIds)}`.execute(db);
  const actions = await sql<{ actions: number; risks: number }>`
    SELECT count(*) AS actions, count(DISTINCT f.risk_id) AS risks FROM open_action_facts f WHERE f.due_on < ${today} AND ${nodeFilter(nodeIds)}`.execute(db);
  const r = risks.rows[0];
  const a = actions.rows[0];
  return {
    open: Number(r?.open ?? 0),
    aboveAppetite: Number(r?.above ?? 0),
    reviewsOverdue: Number(r?.reviews ?? 0),
    actionsOverdue: Number(a?.actions ?? 0),
    risksWithActionsOverdue: Number(a?.risks ?? 0),
  };
}

/**
 * Per quarter from `from` on: each risk counted once, by its last review in that quarter (its
 * level as recorded then, and its direction of travel). Risks reviewed in a quarter stand for
 * the register that quarter: a risk not reviewed leaves no evidence of its level then.
 */
export async function reviewTrend(db: Db, nodeIds: NodeIds, from: FyQuarter) {
  const { rows } = await sql<{ fy_year: number; fy_quarter: number; level_rank: number | null; direction: Direction; count: number }>`
    SELECT fy_year, fy_quarter, level_rank, direction, count(*) AS count FROM (
      SELECT v.fy_year, v.fy_quarter, v.level_rank, v.direction,
        row_number() OVER (PARTITION BY v.risk_id, v.fy_year, v.fy_quarter ORDER BY v.reviewed_on DESC, v.id DESC) AS nth
      FROM reviews v JOIN risk_facts f ON f.risk_id = v.risk_id
      WHERE (v.fy_year > ${from.fyYear} OR (v.fy_year = ${from.fyYear} AND v.fy_quarter >= ${from.quarter})) AND ${nodeFilter(nodeIds)})
    WHERE nth = 1 GROUP BY fy_year, fy_quarter, level_rank, direction`.execute(db);
  return rows.map((r) => ({ quarter: { fyYear: r.fy_year, quarter: r.fy_quarter }, levelRank: r.level_rank, direction: r.direction, count: Number(r.count) }));
}

/** New and closed risks of the days [start, end]: counts for the dashboard and the pack. */
export async function newAndClosedCounts(db: Db, nodeIds: NodeIds, start: string, end: string) {
  const { rows } = await sql<{ new: number; closed: number; deescalated: number }>`
    SELECT coalesce(sum(r.identified_on BETWEEN ${start} AND ${end}), 0) AS new,
      coalesce(sum(r.status = 'closed' AND r.closed_on BETWEEN ${start} AND ${end}), 0) AS closed,
      coalesce(sum(r.status = 'closed' AND r.closed_on BETWEEN ${start} AND ${end} AND r.closure_reason LIKE 'De-escalated to%'), 0) AS deescalated
    FROM risk_facts f JOIN risks r ON r.id = f.risk_id WHERE ${nodeFilter(nodeIds)}`.execute(db);
  const r = rows[0];
  return { new: Number(r?.new ?? 0), closed: Number(r?.closed ?? 0), closedDeEscalated: Number(r?.deescalated ?? 0) };
}

/**
 * Escalation and de-escalation proposals decided (accepted) in [start, end] that touch the scope:
 * the risk they came from or the register they went to is in it.
 */
export async function decidedProposals(db: Db, nodeIds: NodeIds, start: string, end: string) {
  const { rows } = await sql<{ id: number; kind: 'escalation' | 'de-escalation'; decided_at: string; from_reference: string; from_title: string; to_code: string; to_name: string; accepted_reference: string | null }>`
    SELECT p.id, p.kind, p.decided_at, fr.reference AS from_reference, fr.title AS from_title, g.code AS to_code, g.name AS to_name, ar.reference AS accepted_reference
    FROM risk_proposals p
    JOIN risks fr ON fr.id = p.from_risk_id
    JOIN registers fg ON fg.id = fr.register_id
    JOIN registers g ON g.id = p.register_id
    LEFT JOIN risks ar ON ar.id = p.accepted_risk_id
    WHERE p.status = 'accepted' AND substr(p.decided_at, 1, 10) BETWEEN ${start} AND ${end}
      AND (${nodeFilter(nodeIds, 'fg.node_id')} OR ${nodeFilter(nodeIds, 'g.node_id')})
    ORDER BY p.decided_at, p.id`.execute(db);
  return rows;
}

/** Registers at and below the nodes, by node and return state for one quarter ('draft': no return yet). A register closed before the quarter's deadline owes none. */
export async function returnStatesByNode(db: Db, nodeIds: NodeIds, quarter: FyQuarter, deadline: string) {
  const { rows } = await sql<{ node_id: number; state: string; count: number }>`
    SELECT g.node_id, coalesce(r.state, 'draft') AS state, count(*) AS count
    FROM registers g LEFT JOIN returns r ON r.register_id = g.id AND r.fy_year = ${quarter.fyYear} AND r.fy_quarter = ${quarter.quarter}
    WHERE ${nodeFilter(nodeIds, 'g.node_id')} AND (g.closed_on IS NULL OR g.closed_on > ${deadline} OR r.id IS NOT NULL)
    GROUP BY g.node_id, coalesce(r.state, 'draft')`.execute(db);
  return rows.map((r) => ({ nodeId: r.node_id, state: r.state, count: Number(r.count) }));
}
