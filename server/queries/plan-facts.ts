import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connection';
import { rememberedUntilChanged } from '../../db/counted-memory';
import type { Rag, TestState } from '../domain/exercise-due';
import type { ExerciseType } from '../domain/exercise-vocabulary';

// The coordinator's board and the home page's plan counts over the stored facts (plan_facts,
// plan_test_facts): each test's state today, each plan's worst state, sorted and paged in
// SQL. The states follow exerciseSchedule and planReviewState (server/domain/exercise-due.ts);
// tests/db/stored-facts.test.ts holds the two equal.

/** Today and the last day of "due soon" (today + DUE_SOON_DAYS). */
export interface StandingCalendar {
  today: string;
  soon: string;
}

const ids = (nodeIds: number[]) => sql.join(nodeIds.length > 0 ? nodeIds : [-1]);

/**
 * One row per plan (of these nodes; retired ones only if asked) and test type: the stored
 * last and next dates, what is planned and missed as of today, and the state.
 */
function testStates(calendar: StandingCalendar, where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    tests AS (
      SELECT t.plan_id, t.type, t.required, t.last_on, t.next_due_on,
        (SELECT min(e.planned_on) FROM exercises e
          WHERE e.plan_id = t.plan_id AND e.type = t.type AND e.status = 'planned' AND e.planned_on >= ${calendar.today}) AS planned_on,
        -- A planned exercise whose date has passed counts as missed, as one recorded missed does, until a test after it.
        (SELECT max(e.planned_on) FROM exercises e
          WHERE e.plan_id = t.plan_id AND e.type = t.type
            AND (e.status = 'missed' OR (e.status = 'planned' AND e.planned_on < ${calendar.today}))
            AND (t.last_on IS NULL OR e.planned_on > t.last_on)) AS missed_on
      FROM plan_test_facts t JOIN plan_facts p ON p.plan_id = t.plan_id
      WHERE ${where}
    ),
    states AS (
      SELECT tests.*, CASE
          WHEN required = 0 THEN 'not_required'
          WHEN next_due_on IS NULL THEN 'not_approved'
          WHEN missed_on IS NOT NULL THEN 'missed'
          WHEN next_due_on < ${calendar.today} THEN 'overdue'
          WHEN next_due_on <= ${calendar.soon} AND NOT (planned_on IS NOT NULL AND planned_on <= next_due_on) THEN 'due_soon'
          ELSE 'on_track' END AS state
      FROM tests
    ),
    ranked AS (
      SELECT states.*, CASE state WHEN 'missed' THEN 3 WHEN 'overdue' THEN 3 WHEN 'due_soon' THEN 2 WHEN 'on_track' THEN 1 ELSE 0 END AS rank
      FROM states
    )`;
}

/** Per plan: the worst state of its tests and review (3 red, 2 amber, 1 green, 0 none), how many red, the first due date, open findings. */
function planStandings(calendar: StandingCalendar, where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    WITH ${testStates(calendar, where)},
    reviewed AS (
      SELECT p.*, CASE
          WHEN p.next_review_on IS NULL THEN 0
          WHEN p.next_review_on < ${calendar.today} THEN 3
          WHEN p.next_review_on <= ${calendar.soon} THEN 2
          ELSE 1 END AS review_rank
      FROM plan_facts p WHERE ${where}
    ),
    -- Each plan's tests and findings summed up once (correlated subqueries per column judged
    -- every test again for each of them: seven milliseconds for fifteen plans).
    tested AS (
      SELECT plan_id, max(rank) AS test_rank, sum(rank = 3) AS test_reds,
        min(CASE WHEN state NOT IN ('not_required', 'not_approved') THEN next_due_on END) AS test_first_due_on
      FROM ranked GROUP BY plan_id
    ),
    found AS (
      SELECT e.plan_id, sum(fi.status <> 'closed') AS open_findings, sum(fi.status <> 'closed' AND fi.due_on < ${calendar.today}) AS overdue_findings
      FROM exercise_findings fi JOIN exercises e ON e.id = fi.exercise_id JOIN plan_facts p ON p.plan_id = e.plan_id
      WHERE ${where}
      GROUP BY e.plan_id
    ),
    standings AS MATERIALIZED (
      SELECT r.*,
        max(r.review_rank, coalesce(t.test_rank, 0)) AS rag_rank,
        (r.review_rank = 3) + coalesce(t.test_reds, 0) AS reds,
        -- The earliest of the tests' due dates (those due at all) and the review's.
        nullif(min(coalesce(r.next_review_on, '9999-12-31'), coalesce(t.test_first_due_on, '9999-12-31')), '9999-12-31') AS first_due_on,
        coalesce(f.open_findings, 0) AS open_findings,
        coalesce(f.overdue_findings, 0) AS overdue_findings
      FROM reviewed r LEFT JOIN tested t ON t.plan_id = r.plan_id LEFT JOIN found f ON f.plan_id = r.plan_id
    )`;
}

const RAGS: (Rag | null)[] = [null, 'green', 'amber', 'red'];
export const rankToRag = (rank: number): Rag | null => RAGS[rank] ?? null;
export const RAG_RANK: Record<Rag, number> = { green: 1, amber: 2, red: 3 };

export interface BoardQuery {
  nodeIds: number[];
  /** Only plans whose worst state is this; 'none' for plans with nothing due. */
  state?: Rag | 'none';
  offset: number;
  limit: number;
}

const inScope = (nodeIds: number[]) => sql`p.node_id IN (${ids(nodeIds)}) AND p.retired = 0`;
const stateFilter = (state: BoardQuery['state']) =>
  (state === undefined ? sql`1` : sql`rag_rank = ${state === 'none' ? 0 : RAG_RANK[state]}`);

/** One page of the board, worst first: red, amber, green, nothing due; more reds; earliest due; more open findings; reference. */
export async function boardPage(db: Db, calendar: StandingCalendar, query: BoardQuery) {
  const { rows } = await sql<{
    plan_id: number;
    node_id: number;
    ref: string;
    title: string;
    node_name: string;
    approved_number: number | null;
    next_review_on: string | null;
    has_draft: number;
    missing_sections: string;
    missing_count: number;
    review_rank: number;
    rag_rank: number;
    reds: number;
    first_due_on: string | null;
    open_findings: number;
    overdue_findings: number;
  }>`${planStandings(calendar, inScope(query.nodeIds))}
    SELECT s.plan_id, s.node_id, pl.ref, pl.title, n.name AS node_name, s.approved_number, s.next_review_on, s.has_draft,
      s.missing_sections, s.missing_count, s.review_rank, s.rag_rank, s.reds, s.first_due_on, s.open_findings, s.overdue_findings
    FROM standings s JOIN plans pl ON pl.id = s.plan_id JOIN nodes n ON n.id = s.node_id
    WHERE ${stateFilter(query.state)}
    ORDER BY s.rag_rank DESC, s.reds DESC, coalesce(s.first_due_on, '9999-12-31'), s.open_findings DESC, pl.ref, s.plan_id
    LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
  return rows;
}

export type BoardRow = Awaited<ReturnType<typeof boardPage>>[number];

/** The board's counts over every plan in scope (not only the page): plans, overdue, due soon, open findings, and how many the state filter keeps. */
export async function boardCounts(db: Db, calendar: StandingCalendar, nodeIds: number[], state: BoardQuery['state']) {
  const { rows } = await sql<{ plans: number; overdue: number; amber: number; open_findings: number; shown: number }>`${planStandings(calendar, inScope(nodeIds))}
    SELECT count(*) AS plans, coalesce(sum(reds > 0), 0) AS overdue, coalesce(sum(rag_rank = 2), 0) AS amber,
      coalesce(sum(open_findings), 0) AS open_findings, coalesce(sum(${stateFilter(state)}), 0) AS shown
    FROM standings`.execute(db);
  const row = rows[0];
  return { plans: Number(row?.plans ?? 0), overdue: Number(row?.overdue ?? 0), amber: Number(row?.amber ?? 0), openFindings: Number(row?.open_findings ?? 0), shown: Number(row?.shown ?? 0) };
}

/** Each test of these plans as it stands today, for the rows of a page. */
export async function testStatesOf(db: Db, calendar: StandingCalendar, planIds: number[]) {
  const { rows } = await sql<{
    plan_id: number;
    type: ExerciseType;
    required: number;
    last_on: string | null;
    next_due_on: string | null;
    planned_on: string | null;
    missed_on: string | null;
    state: TestState;
    rank: number;
  }>`WITH ${testStates(calendar, sql`p.plan_id IN (${ids(planIds)})`)} SELECT * FROM ranked`.execute(db);
  return rows;
}

/** Per node: plans in use, and of those how many are overdue (a test overdue or missed, or the review overdue), and their open findings. */
export async function planCountsByNode(db: Db, calendar: StandingCalendar) {
  const { rows } = await sql<{ node_id: number; plans: number; overdue: number; open_findings: number }>`${planStandings(calendar, sql`p.retired = 0`)}
    SELECT node_id, count(*) AS plans, sum(reds > 0) AS overdue, sum(open_findings) AS open_findings FROM standings GROUP BY node_id`.execute(db);
  return rows;
}

/** planCountsByNode, kept in memory until anything it reads changes (the 'plans' counter, migration 016). */
export function currentPlanCountsByNode(db: Db, calendar: StandingCalendar) {
  return rememberedUntilChanged(db, 'plans', `plan-counts-by-node:${calendar.today}:${calendar.soon}`, () => planCountsByNode(db, calendar));
}
