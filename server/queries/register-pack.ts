import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { FyQuarter } from '../domain/quarters';
import { OPEN_ACTION_STATUSES } from '../domain/vocabulary';

// What the register pack lists beyond the dashboard's counts: each list one query, read in
// batches by the printer where it can be long (docs/dashboard-and-pack.md).

type NodeIds = readonly number[] | null;
const nodeFilter = (nodeIds: NodeIds, column = 'f.node_id') =>
  nodeIds === null ? sql`1` : sql`${sql.ref(column)} IN (${sql.join(nodeIds.length > 0 ? [...nodeIds] : [-1])})`;

/** Open risks at the highest level or above appetite, worst first: the pack's cards. */
export async function cardRiskIds(db: Db, nodeIds: NodeIds, highestRank: number, limit: number) {
  const { rows } = await sql<{ risk_id: number }>`
    SELECT f.risk_id FROM risk_facts f
    WHERE f.status = 'open' AND ${nodeFilter(nodeIds)} AND (f.current_level_rank = ${highestRank} OR f.above_appetite = 1)
    ORDER BY f.current_score DESC, f.current_likelihood DESC, f.register_code, f.ref_number, f.risk_id LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.risk_id);
}

/** The cards' risks in full: scores, owner, controls. */
export function cardRisks(db: Db, ids: number[]) {
  return db
    .selectFrom('risks as r')
    .innerJoin('risk_facts as f', 'f.risk_id', 'r.id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .leftJoin('objectives as j', 'j.id', 'r.objective_id')
    .where('r.id', 'in', ids.length > 0 ? ids : [-1])
    .select([
      'r.id', 'r.reference', 'r.title', 'r.cause', 'r.event', 'r.effect', 'r.existing_controls', 'r.treatment',
      'r.inherent_likelihood', 'r.inherent_impact', 'r.current_likelihood', 'r.current_impact', 'r.target_likelihood', 'r.target_impact',
      'f.current_score', 'f.current_level_rank', 'f.target_score', 'f.target_level_rank', 'f.above_appetite', 'f.review_due_on', 'f.last_reviewed_on',
      'g.code as register_code', 'g.name as register_name', 'c.name as category_name', 'o.name as owner_name', 'j.title as objective_title',
    ])
    .execute();
}

/** Per risk and quarter from `from` on, the level recorded at its last review that quarter: the cards' trend. */
export async function quarterLevelsOfRisks(db: Db, ids: number[], from: FyQuarter) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ risk_id: number; fy_year: number; fy_quarter: number; level_rank: number | null; level_name: string | null; current_score: number; direction: string }>`
    SELECT risk_id, fy_year, fy_quarter, level_rank, level_name, current_score, direction FROM (
      SELECT v.risk_id, v.fy_year, v.fy_quarter, v.level_rank, v.level_name, v.current_score, v.direction,
        row_number() OVER (PARTITION BY v.risk_id, v.fy_year, v.fy_quarter ORDER BY v.reviewed_on DESC, v.id DESC) AS nth
      FROM reviews v WHERE v.risk_id IN (${sql.join(ids)}) AND (v.fy_year > ${from.fyYear} OR (v.fy_year = ${from.fyYear} AND v.fy_quarter >= ${from.quarter})))
    WHERE nth = 1`.execute(db);
  return rows;
}

/** Open actions of some risks, soonest due first. */
export function openActionsOfRisks(db: Db, ids: number[]) {
  return db
    .selectFrom('actions as a')
    .leftJoin('people as o', 'o.id', 'a.owner_id')
    .where('a.risk_id', 'in', ids.length > 0 ? ids : [-1])
    .where('a.status', 'in', OPEN_ACTION_STATUSES)
    .select(['a.id', 'a.risk_id', 'a.description', 'a.due_on', 'a.status', 'o.name as owner_name'])
    .orderBy(sql`a.due_on IS NULL`)
    .orderBy('a.due_on')
    .orderBy('a.id')
    .execute();
}

/** Risks identified, or closed, in [start, end]. */
export async function risksNewOrClosed(db: Db, nodeIds: NodeIds, start: string, end: string, which: 'new' | 'closed', limit: number) {
  const when = which === 'new' ? sql`r.identified_on BETWEEN ${start} AND ${end}` : sql`r.status = 'closed' AND r.closed_on BETWEEN ${start} AND ${end}`;
  const { rows } = await sql<{ id: number; reference: string; title: string; on: string; closure_reason: string | null; level_rank: number }>`
    SELECT r.id, r.reference, r.title, ${sql.raw(which === 'new' ? 'r.identified_on' : 'r.closed_on')} AS "on", r.closure_reason, f.current_level_rank AS level_rank
    FROM risk_facts f JOIN risks r ON r.id = f.risk_id WHERE ${nodeFilter(nodeIds)} AND ${when}
    ORDER BY 4, r.reference LIMIT ${limit}`.execute(db);
  return rows;
}

/** Open risks whose review is overdue, longest overdue first. */
export async function overdueReviews(db: Db, nodeIds: NodeIds, today: string, limit: number) {
  const { rows } = await sql<{ id: number; reference: string; title: string; review_due_on: string; owner_name: string | null; level_rank: number }>`
    SELECT r.id, r.reference, r.title, f.review_due_on, o.name AS owner_name, f.current_level_rank AS level_rank
    FROM risk_facts f JOIN risks r ON r.id = f.risk_id LEFT JOIN people o ON o.id = f.owner_id
    WHERE f.status = 'open' AND f.review_due_on < ${today} AND ${nodeFilter(nodeIds)}
    ORDER BY f.review_due_on, r.reference LIMIT ${limit}`.execute(db);
  return rows;
}

/** Open actions past their due date on open risks, longest overdue first. */
export async function overdueActions(db: Db, nodeIds: NodeIds, today: string, limit: number) {
  const { rows } = await sql<{ id: number; description: string; due_on: string; owner_name: string | null; reference: string }>`
    SELECT a.id, a.description, a.due_on, o.name AS owner_name, r.reference
    FROM open_action_facts f JOIN actions a ON a.id = f.action_id JOIN risks r ON r.id = f.risk_id LEFT JOIN people o ON o.id = a.owner_id
    WHERE f.due_on < ${today} AND ${nodeFilter(nodeIds)}
    ORDER BY f.due_on, r.reference, a.id LIMIT ${limit}`.execute(db);
  return rows;
}

/** Every register at and below the nodes that owes (or made) a return for the quarter, with its state. */
export async function returnStatesOfRegisters(db: Db, nodeIds: NodeIds, quarter: FyQuarter, deadline: string) {
  const { rows } = await sql<{ register_id: number; code: string; name: string; node_name: string; state: string; submitted_at: string | null; accepted_at: string | null; return_id: number | null }>`
    SELECT g.id AS register_id, g.code, g.name, n.name AS node_name, coalesce(r.state, 'draft') AS state, r.submitted_at, r.accepted_at, r.id AS return_id
    FROM registers g JOIN nodes n ON n.id = g.node_id
    LEFT JOIN returns r ON r.register_id = g.id AND r.fy_year = ${quarter.fyYear} AND r.fy_quarter = ${quarter.quarter}
    WHERE ${nodeFilter(nodeIds, 'g.node_id')} AND (g.closed_on IS NULL OR g.closed_on > ${deadline} OR r.id IS NOT NULL)
    ORDER BY g.code`.execute(db);
  return rows;
}

/**
 * The accepted returns of a quarter for the registers at and below the nodes, with their
 * snapshots: the register pack "as accepted" reads nothing else of the registers' risks.
 */
export async function acceptedSnapshots(db: Db, nodeIds: NodeIds, quarter: FyQuarter) {
  const { rows } = await sql<{ return_id: number; register_id: number; accepted_at: string; accepted_by_name: string | null; sha256: string; json: string }>`
    SELECT r.id AS return_id, r.register_id, r.accepted_at, r.accepted_by_name, s.sha256, s.json
    FROM returns r JOIN registers g ON g.id = r.register_id JOIN return_snapshots s ON s.return_id = r.id
    WHERE r.fy_year = ${quarter.fyYear} AND r.fy_quarter = ${quarter.quarter} AND r.state = 'accepted' AND ${nodeFilter(nodeIds, 'g.node_id')}
    ORDER BY g.code`.execute(db);
  return rows;
}
