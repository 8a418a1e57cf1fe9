import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { ReturnEventKind, ReturnState } from '../../db/schema';
import type { FyQuarter } from '../domain/quarters';
import type { ReturnStateName } from '../domain/returns';
import type { Change } from './audit';

// Quarterly returns: the rows, their timeline, challenges and answers, the snapshot, and what
// the snapshot is built from. Writes take the caller's transaction; the rules that decide them
// are in server/changes/return-changes.ts.

export function findReturn(db: Db | Tx, registerId: number, q: FyQuarter) {
  return db.selectFrom('returns').selectAll().where('register_id', '=', registerId).where('fy_year', '=', q.fyYear).where('fy_quarter', '=', q.quarter).executeTakeFirst();
}

export type ReturnRow = NonNullable<Awaited<ReturnType<typeof findReturn>>>;

export function listReturnsOfRegister(db: Db, registerId: number) {
  return db
    .selectFrom('returns as r')
    .selectAll('r')
    .select((eb) => openChallengesOf(eb.ref('r.id')).as('open_challenges'))
    .where('r.register_id', '=', registerId)
    .orderBy('r.fy_year', 'desc')
    .orderBy('r.fy_quarter', 'desc')
    .execute();
}

/** Challenges of a return still without an answer. */
function openChallengesOf(returnId: unknown) {
  return sql<number>`(SELECT count(*) FROM return_challenges c WHERE c.return_id = ${returnId} AND NOT EXISTS (SELECT 1 FROM return_answers a WHERE a.challenge_id = c.id))`;
}

export function listReturnEvents(db: Db | Tx, returnId: number) {
  return db.selectFrom('return_events').selectAll().where('return_id', '=', returnId).orderBy('id').execute();
}

export function listChallenges(db: Db | Tx, returnId: number) {
  return db
    .selectFrom('return_challenges as c')
    .leftJoin('return_answers as a', 'a.challenge_id', 'c.id')
    .leftJoin('risks as ar', 'ar.id', 'a.risk_id')
    .selectAll('c')
    .select([
      'a.id as answer_id',
      'a.text as answer_text',
      'a.risk_id as answer_risk_id',
      'ar.reference as answer_risk_reference',
      'a.created_at as answered_at',
      'a.created_by_name as answered_by_name',
    ])
    .where('c.return_id', '=', returnId)
    .orderBy('c.id')
    .execute();
}

export type ChallengeRow = Awaited<ReturnType<typeof listChallenges>>[number];

export function findChallenge(db: Db | Tx, challengeId: number) {
  return db
    .selectFrom('return_challenges as c')
    .leftJoin('return_answers as a', 'a.challenge_id', 'c.id')
    .selectAll('c')
    .select(['a.id as answer_id', 'a.created_at as answered_at', 'a.created_by_name as answered_by_name'])
    .where('c.id', '=', challengeId)
    .executeTakeFirst();
}

export function findSnapshot(db: Db | Tx, returnId: number) {
  return db.selectFrom('return_snapshots').selectAll().where('return_id', '=', returnId).executeTakeFirst();
}

/** A snapshot's hash and time without its text (1.5 MB for 600 risks): a page that holds the text parsed by its hash reads only this. */
export function findSnapshotHead(db: Db | Tx, returnId: number) {
  return db.selectFrom('return_snapshots').select(['sha256', 'taken_at']).where('return_id', '=', returnId).executeTakeFirst();
}

// What a snapshot is built from: every open risk of the register with its names, its actions,
// and the review of the quarter. Three statements whatever the register's size.

export function openRisksForSnapshot(tx: Tx, registerId: number) {
  return tx
    .selectFrom('risks as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('objectives as j', 'j.id', 'r.objective_id')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .leftJoin('people as m', 'm.id', 'r.manager_id')
    .selectAll('r')
    .select(['c.name as category_name', 'c.appetite_rank', 'j.title as objective_title', 'o.name as owner_name', 'm.name as manager_name'])
    .where('r.register_id', '=', registerId)
    .where('r.status', '=', 'open')
    .orderBy('r.ref_number')
    .orderBy('r.id')
    .execute();
}

export function actionsOfOpenRisks(tx: Tx, registerId: number) {
  return tx
    .selectFrom('actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .leftJoin('people as o', 'o.id', 'a.owner_id')
    .select(['a.id', 'a.risk_id', 'a.description', 'o.name as owner_name', 'a.due_on', 'a.status', 'a.completed_on'])
    .where('r.register_id', '=', registerId)
    .where('r.status', '=', 'open')
    .orderBy('a.id')
    .execute();
}

/** The latest review in the quarter of each open risk of the register. */
export function quarterReviewsOfOpenRisks(tx: Tx, registerId: number, q: FyQuarter) {
  return tx
    .selectFrom('reviews as v')
    .innerJoin('risks as r', 'r.id', 'v.risk_id')
    .leftJoin('people as p', 'p.id', 'v.reviewer_id')
    .selectAll('v')
    .select('p.name as reviewer_name')
    .where('r.register_id', '=', registerId)
    .where('r.status', '=', 'open')
    .where('v.fy_year', '=', q.fyYear)
    .where('v.fy_quarter', '=', q.quarter)
    .orderBy('v.reviewed_on')
    .orderBy('v.id')
    .execute();
}

/** The register's live risks (open, or in the snapshot given) and the actions of those given: what "changed since submission" compares. */
export async function liveRisksSince(db: Db, registerId: number, snapshotRiskIds: number[]) {
  const ids = snapshotRiskIds.length > 0 ? snapshotRiskIds : [-1];
  const [risks, actions] = await Promise.all([
    db
      .selectFrom('risks as r')
      .innerJoin('risk_facts as f', 'f.risk_id', 'r.id')
      .innerJoin('matrix_levels as l', 'l.rank', 'f.current_level_rank')
      .select(['r.id', 'r.reference', 'r.title', 'r.status', 'r.register_id', 'r.closed_on', 'f.current_score', 'l.name as level_name'])
      .where((eb) => eb.or([eb.and([eb('r.register_id', '=', registerId), eb('r.status', '=', 'open')]), eb('r.id', 'in', ids)]))
      .execute(),
    db.selectFrom('actions').select(['id', 'risk_id', 'status', 'completed_on']).where('risk_id', 'in', ids).execute(),
  ]);
  return { risks, actions };
}

// Writes

export async function insertReturn(tx: Tx, change: Change, registerId: number, q: FyQuarter): Promise<number> {
  const { id } = await tx
    .insertInto('returns')
    .values({
      register_id: registerId, fy_year: q.fyYear, fy_quarter: q.quarter, state: 'submitted',
      submitted_at: change.at, submitted_by_user_id: change.actor.userId, submitted_by_name: change.actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Moves the return to `state` only if nobody moved it since `version`; false (nothing written) otherwise. */
export async function moveReturn(tx: Tx, returnId: number, version: number, state: ReturnState, accepted?: Change): Promise<boolean> {
  const result = await tx
    .updateTable('returns')
    .set({ state, version: sql`version + 1`, ...(accepted ? { accepted_at: accepted.at, accepted_by_name: accepted.actor.name } : {}) })
    .where('id', '=', returnId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertReturnEvent(tx: Tx, change: Change, returnId: number, kind: ReturnEventKind, note: string): Promise<void> {
  await tx.insertInto('return_events').values({ return_id: returnId, at: change.at, actor_user_id: change.actor.userId, actor_name: change.actor.name, kind, note }).execute();
}

export async function insertSnapshot(tx: Tx, returnId: number, takenAt: string, sealed: { json: string; sha256: string }, colours: [string, string][], counts: { findings: number; risks: number }): Promise<void> {
  await tx.insertInto('return_snapshots').values({ return_id: returnId, taken_at: takenAt, json: sealed.json, sha256: sealed.sha256, level_colours: JSON.stringify(colours) }).execute();
  await tx.updateTable('returns').set({ findings_count: counts.findings, risks_count: counts.risks }).where('id', '=', returnId).execute();
}

export async function insertChallenge(
  tx: Tx,
  change: Change,
  returnId: number,
  challenge: { target: 'return' | 'risk' | 'finding'; riskId: number | null; riskReference: string | null; findingCode: string | null; text: string },
): Promise<number> {
  const { id } = await tx
    .insertInto('return_challenges')
    .values({
      return_id: returnId, target: challenge.target, risk_id: challenge.riskId, risk_reference: challenge.riskReference, finding_code: challenge.findingCode,
      text: challenge.text, created_at: change.at, created_by_user_id: change.actor.userId, created_by_name: change.actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertAnswer(tx: Tx, change: Change, challengeId: number, text: string, riskId: number | null): Promise<void> {
  await tx.insertInto('return_answers').values({ challenge_id: challengeId, text, risk_id: riskId, created_at: change.at, created_by_user_id: change.actor.userId, created_by_name: change.actor.name }).execute();
}

export async function countOpenChallenges(tx: Tx, returnId: number): Promise<number> {
  const row = await tx.selectFrom('returns as r').select(openChallengesOf(returnId).as('n')).where('r.id', '=', returnId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

// HQ's table of returns: every open register at and below a node for one quarter, in SQL.

export interface ReturnsTableFilter {
  nodeIds: number[];
  quarter: FyQuarter;
  state?: ReturnStateName;
  deadline: string;
  today: string;
}

function registersOfQuarter(db: Db, filter: ReturnsTableFilter) {
  return db
    .selectFrom('registers as g')
    .innerJoin('nodes as n', 'n.id', 'g.node_id')
    .leftJoin('returns as r', (join) => join.onRef('r.register_id', '=', 'g.id').on('r.fy_year', '=', filter.quarter.fyYear).on('r.fy_quarter', '=', filter.quarter.quarter))
    .where('g.node_id', 'in', filter.nodeIds.length > 0 ? filter.nodeIds : [-1])
    // A register closed before the quarter ended owes no return for it; one with a return keeps it.
    .where((eb) => eb.or([eb('g.closed_on', 'is', null), eb('g.closed_on', '>', filter.deadline), eb('r.id', 'is not', null)]));
}

const stateSql = sql<ReturnStateName>`coalesce(r.state, 'draft')`;

/** How many registers are in each state, for the filter. */
export async function returnStateCounts(db: Db, filter: ReturnsTableFilter): Promise<Record<ReturnStateName, number>> {
  const rows = await registersOfQuarter(db, filter).select([stateSql.as('state'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(stateSql).execute();
  const counts: Record<ReturnStateName, number> = { draft: 0, submitted: 0, challenged: 0, responded: 0, accepted: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** One page of the table, most urgent first: not submitted, challenged, then by register code. */
export function pageOfReturns(db: Db, filter: ReturnsTableFilter, page: { offset: number; limit: number }) {
  let query = registersOfQuarter(db, filter);
  if (filter.state) query = query.where(stateSql, '=', filter.state);
  return query
    .select([
      'g.id as register_id',
      'g.code',
      'g.name',
      'g.kind',
      'n.id as node_id',
      'n.name as node_name',
      'r.id as return_id',
      stateSql.as('state'),
      'r.submitted_at',
      'r.submitted_by_name',
      'r.accepted_at',
      'r.findings_count',
      'r.risks_count',
      // Days past the deadline: until submission, or until today while not submitted.
      sql<number>`CAST(julianday(coalesce(substr(r.submitted_at, 1, 10), ${filter.today})) - julianday(${filter.deadline}) AS INTEGER)`.as('days_late'),
      sql<number>`CASE WHEN r.id IS NULL THEN 0 ELSE ${openChallengesOf(sql.ref('r.id'))} END`.as('open_challenges'),
      (eb) => eb.selectFrom('risks as k').select((k) => k.fn.countAll<number>().as('n')).whereRef('k.register_id', '=', 'g.id').where('k.status', '=', 'open').as('open_risks'),
    ])
    .orderBy(sql`CASE coalesce(r.state, 'draft') WHEN 'draft' THEN 0 WHEN 'challenged' THEN 1 WHEN 'submitted' THEN 2 WHEN 'responded' THEN 3 ELSE 4 END`)
    .orderBy('g.code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The returns of some registers for some quarters: the home page's lines. */
export function returnsOfRegisters(db: Db, registerIds: number[], quarters: FyQuarter[]) {
  if (registerIds.length === 0 || quarters.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('returns as r')
    .select(['r.id', 'r.register_id', 'r.fy_year', 'r.fy_quarter', 'r.state', 'r.submitted_at'])
    .select((eb) => openChallengesOf(eb.ref('r.id')).as('open_challenges'))
    .where('r.register_id', 'in', registerIds)
    .where((eb) => eb.or(quarters.map((q) => eb.and([eb('r.fy_year', '=', q.fyYear), eb('r.fy_quarter', '=', q.quarter)]))))
    .execute();
}

/** Snapshot colours, for the stylesheet's recorded-level classes. */
export async function listSnapshotColours(db: Db | Tx): Promise<{ colour: string; text_colour: string }[]> {
  const rows = await db.selectFrom('return_snapshots').select('level_colours').distinct().execute();
  return rows.flatMap((r) => (JSON.parse(r.level_colours) as [string, string][]).map(([colour, text_colour]) => ({ colour, text_colour })));
}
