import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection';
import { rememberedUntilChanged } from '../../db/counted-memory';
import { listPeople } from './reference';
import type { Database } from '../../db/schema';
import type { ReviewCalendar } from '../domain/reviews';
import { OPEN_ACTION_STATUSES, type RegisterKind, type ReviewState } from '../domain/vocabulary';

// Registers and counts over the stored facts (risk_facts): filtered, counted, sorted and paged
// in SQL, so a page costs the same for 600 risks as for 12,000.

/**
 * The review state in SQL: server/domain/reviews.ts's reviewStateOn over the stored due date
 * and last review. tests/db/stored-facts.test.ts holds the two equal.
 */
export function reviewStateSql(calendar: ReviewCalendar) {
  return sql<ReviewState>`CASE
    WHEN f.status = 'closed' THEN 'closed'
    WHEN f.review_due_on < ${calendar.today} THEN 'overdue'
    WHEN f.last_reviewed_on BETWEEN ${calendar.quarterStart} AND ${calendar.quarterEnd} THEN 'reviewed'
    WHEN f.review_due_on <= ${calendar.quarterEnd} THEN 'due'
    ELSE 'not_due' END`;
}

export interface RiskFilter {
  /** The nodes whose registers are in scope; null for every node (the whole organisation). */
  nodeIds: number[] | null;
  status: 'open' | 'closed' | 'all';
  category?: number;
  kind?: RegisterKind;
  owner?: 'none' | number;
  level?: number;
  review?: ReviewState;
  /** Only these risks (those with a chosen quality finding). */
  riskIds?: readonly number[];
  /** The heat map cell: current likelihood and impact. */
  l?: number;
  i?: number;
  /** Which scores l and i are: the current ones (stored facts) by default, or inherent or target (the risk's own columns). */
  basis?: 'inherent' | 'target';
  /** A strategic objective, or none. */
  objective?: 'none' | number;
  /** Only risks above their category's appetite. */
  aboveAppetite?: boolean;
  /** Only risks with an open action past its due date. */
  actionsOverdue?: boolean;
  /** Movement since last quarter (server/queries/dashboard.ts, movementByCell): scored higher or lower than at the latest review before this quarter, or never reviewed before it. */
  moved?: 'up' | 'down' | 'new';
}

export type RiskSort = 'score' | 'reference' | 'title' | 'owner' | 'review';

type Facts = SelectQueryBuilder<Database & { f: Database['risk_facts'] }, 'f', object>;

const inNodes = (nodeIds: number[]) => (nodeIds.length > 0 ? nodeIds : [-1]);

/** The risks the filter keeps, from the stored facts alone: no join, so an index does the work. */
function filtered(db: Db, filter: RiskFilter, calendar: ReviewCalendar, withCell: boolean): Facts {
  let query = db.selectFrom('risk_facts as f') as Facts;
  if (filter.nodeIds !== null) query = query.where('f.node_id', 'in', inNodes(filter.nodeIds));
  if (filter.status !== 'all') query = query.where('f.status', '=', filter.status);
  if (filter.category !== undefined) query = query.where('f.category_id', '=', filter.category);
  if (filter.kind !== undefined) query = query.where('f.register_kind', '=', filter.kind);
  if (filter.owner === 'none') query = query.where('f.owner_id', 'is', null);
  else if (filter.owner !== undefined) query = query.where('f.owner_id', '=', filter.owner);
  if (filter.level !== undefined) query = query.where('f.current_level_rank', '=', filter.level);
  if (filter.review !== undefined) query = query.where(reviewStateSql(calendar), '=', filter.review);
  if (filter.riskIds !== undefined) query = query.where('f.risk_id', 'in', filter.riskIds.length > 0 ? [...filter.riskIds] : [-1]);
  if (filter.basis === undefined) {
    if (withCell && filter.l !== undefined) query = query.where('f.current_likelihood', '=', filter.l);
    if (withCell && filter.i !== undefined) query = query.where('f.current_impact', '=', filter.i);
  } else if (filter.l !== undefined || filter.i !== undefined) {
    // Inherent and target cells are not stored facts: the risk's own row, found by its key.
    const column = (axis: 'likelihood' | 'impact') => sql.raw(`r.${filter.basis}_${axis}`);
    const l = filter.l === undefined ? sql`1` : sql`${column('likelihood')} = ${filter.l}`;
    const i = filter.i === undefined ? sql`1` : sql`${column('impact')} = ${filter.i}`;
    query = query.where(sql<boolean>`f.risk_id IN (SELECT r.id FROM risks r WHERE ${l} AND ${i})`);
  }
  if (filter.objective === 'none') query = query.where(sql<boolean>`(SELECT r.objective_id FROM risks r WHERE r.id = f.risk_id) IS NULL`);
  else if (filter.objective !== undefined) query = query.where(sql<boolean>`(SELECT r.objective_id FROM risks r WHERE r.id = f.risk_id) = ${filter.objective}`);
  if (filter.aboveAppetite) query = query.where('f.above_appetite', '=', 1);
  if (filter.actionsOverdue) query = query.where(sql<boolean>`EXISTS (SELECT 1 FROM open_action_facts a WHERE a.risk_id = f.risk_id AND a.due_on < ${calendar.today})`);
  if (filter.moved !== undefined) {
    const before = sql`(SELECT v.current_score FROM reviews v WHERE v.risk_id = f.risk_id AND v.reviewed_on < ${calendar.quarterStart} ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1)`;
    query = query.where(filter.moved === 'new' ? sql<boolean>`${before} IS NULL` : filter.moved === 'up' ? sql<boolean>`f.current_score > ${before}` : sql<boolean>`f.current_score < ${before}`);
  }
  return query;
}

/** How many risks the filter (heat map cell included) matches. */
export async function countRisks(db: Db, filter: RiskFilter, calendar: ReviewCalendar): Promise<number> {
  const { n } = await filtered(db, filter, calendar, true).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/** Open risks per current cell, for the heat map: the whole filter but the cell itself. */
export function heatMapCounts(db: Db, filter: RiskFilter, calendar: ReviewCalendar) {
  return filtered(db, { ...filter, status: 'open' }, calendar, false)
    .select(['f.current_likelihood as likelihood', 'f.current_impact as impact', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['f.current_likelihood', 'f.current_impact'])
    .execute();
}

const byReference = (q: Facts) => q.orderBy('f.register_code').orderBy('f.ref_number');

const ORDER: Record<RiskSort, (query: Facts, calendar: ReviewCalendar) => Facts> = {
  score: (q) => byReference(q.orderBy('f.current_score', 'desc').orderBy('f.current_likelihood', 'desc')),
  reference: byReference,
  title: (q) => q.orderBy(sql`(SELECT r.title FROM risks r WHERE r.id = f.risk_id) COLLATE NOCASE`),
  // Risks with no owner last.
  owner: (q) => q.orderBy(sql`f.owner_id IS NULL`).orderBy(sql`(SELECT o.name FROM people o WHERE o.id = f.owner_id) COLLATE NOCASE`).orderBy('f.current_score', 'desc'),
  review: (q, calendar) => q.orderBy(sql`CASE ${reviewStateSql(calendar)} WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 WHEN 'not_due' THEN 2 WHEN 'reviewed' THEN 3 ELSE 4 END`).orderBy(sql`coalesce(f.review_due_on, '')`),
};

/** The overarching view groups a register's rows by one of these (docs/domain.md); the chosen sort applies within each group. */
export type RiskGroup = 'category' | 'register' | 'owner';

const GROUP_ORDER: Record<RiskGroup, (query: Facts) => Facts> = {
  category: (q) => q.orderBy(sql`(SELECT c.name FROM categories c WHERE c.id = f.category_id) COLLATE NOCASE`).orderBy('f.category_id'),
  register: (q) => q.orderBy('f.register_code'),
  // Risks with no owner last, as a group of their own.
  owner: (q) => q.orderBy(sql`f.owner_id IS NULL`).orderBy(sql`(SELECT o.name FROM people o WHERE o.id = f.owner_id) COLLATE NOCASE`).orderBy('f.owner_id'),
};

/**
 * The ids of the risks the filter keeps, in the register's order (within groups when grouped),
 * the risk's id settling every tie; one page of them, or all of them for an export.
 */
export async function orderedRiskIds(db: Db, filter: RiskFilter, sort: RiskSort, calendar: ReviewCalendar, page?: { offset: number; limit: number }, group?: RiskGroup): Promise<number[]> {
  const grouped = group ? GROUP_ORDER[group](filtered(db, filter, calendar, true)) : filtered(db, filter, calendar, true);
  const ordered = ORDER[sort](grouped, calendar).orderBy('f.risk_id').select('f.risk_id');
  const rows = await (page ? ordered.limit(page.limit).offset(page.offset) : ordered).execute();
  return rows.map((r) => r.risk_id);
}

/**
 * One page of the register, in the order asked for (within its group, when grouped); the risk's id settles every tie, so pages
 * never overlap. The page's ids are sorted out first on the narrow facts, then only those
 * rows are read in full: sorting every matching row with its names and action counts cost
 * several times more on a division of 600 risks.
 */
export async function pageOfRisks(db: Db, filter: RiskFilter, sort: RiskSort, calendar: ReviewCalendar, page: { offset: number; limit: number }, group?: RiskGroup) {
  const ids = await orderedRiskIds(db, filter, sort, calendar, page, group);
  if (ids.length === 0) return [];
  const openActions = (eb: ExpressionBuilder<Database & { r: Database['risks'] }, 'r'>) =>
    eb.selectFrom('actions as a').whereRef('a.risk_id', '=', 'r.id').where('a.status', 'in', OPEN_ACTION_STATUSES);
  const rows = await db
    .selectFrom('risk_facts as f')
    .innerJoin('risks as r', 'r.id', 'f.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .where('f.risk_id', 'in', ids)
    .select([
      'r.id',
      'r.ref_number',
      'r.reference',
      'r.title',
      'r.status',
      'r.category_id',
      'r.owner_id',
      'r.current_likelihood',
      'r.current_impact',
      'r.target_likelihood',
      'r.target_impact',
      'g.code as register_code',
      'g.name as register_name',
      'g.kind as register_kind',
      'f.node_id',
      'c.name as category_name',
      'o.name as owner_name',
      'f.current_score',
      'f.current_level_rank',
      'f.target_score',
      'f.target_level_rank',
      'f.above_appetite',
      'f.last_direction',
      'f.review_due_on',
      reviewStateSql(calendar).as('review_state'),
    ])
    .select((eb) => [
      openActions(eb as never).select((a) => a.fn.countAll<number>().as('n')).as('open_actions'),
      openActions(eb as never).where('a.due_on', '<', calendar.today).select((a) => a.fn.countAll<number>().as('n')).as('overdue_actions'),
    ])
    .execute();
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
}

export type RegisterRow = Awaited<ReturnType<typeof pageOfRisks>>[number];

/** The quarter line of a register: its open risks, how many reviewed this quarter and how many overdue, and all its risks. */
export async function registerCounts(db: Db, nodeIds: number[] | null, calendar: ReviewCalendar) {
  let query = db.selectFrom('risk_facts as f');
  if (nodeIds !== null) query = query.where('f.node_id', 'in', inNodes(nodeIds));
  const row = await query
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`coalesce(sum(f.status = 'open'), 0)`.as('open'),
      sql<number>`coalesce(sum(f.status = 'open' AND f.review_due_on >= ${calendar.today} AND f.last_reviewed_on BETWEEN ${calendar.quarterStart} AND ${calendar.quarterEnd}), 0)`.as('reviewed'),
      sql<number>`coalesce(sum(f.status = 'open' AND f.review_due_on < ${calendar.today}), 0)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), open: Number(row.open), reviewed: Number(row.reviewed), overdue: Number(row.overdue) };
}

/**
 * registerCounts, kept in memory until a risk's facts change (risk_facts moves the 'findings'
 * counter): over the whole organisation it reads every one of 12,600 rows, a sixth of the
 * register page's SQL, and it is the same for every filter and page.
 */
export function currentRegisterCounts(db: Db, nodeIds: number[] | null, calendar: ReviewCalendar) {
  const scope = nodeIds === null ? 'all' : nodeIds.join(',');
  return rememberedUntilChanged(db, 'findings', `register-counts:${scope}:${calendar.today}:${calendar.quarterStart}:${calendar.quarterEnd}`, () => registerCounts(db, nodeIds, calendar));
}

/**
 * Owners of the risks in scope, most risks first, at most `limit` of them: the register's owner
 * filter. The counts are kept in memory until a risk's facts change (the 'findings' counter)
 * and the names taken from the people held in memory (refreshed when anyone is renamed): over
 * the organisation the counting read every risk on every view of the register.
 */
export async function currentOwnersInScope(db: Db, nodeIds: number[] | null, limit: number) {
  const scope = nodeIds === null ? 'all' : nodeIds.join(',');
  const [counted, people] = await Promise.all([
    rememberedUntilChanged(db, 'findings', `owners:${scope}:${limit}`, async () => {
      let owners = db.selectFrom('risk_facts as f').where('f.owner_id', 'is not', null);
      if (nodeIds !== null) owners = owners.where('f.node_id', 'in', inNodes(nodeIds));
      return owners.select(['f.owner_id', (eb) => eb.fn.countAll<number>().as('risks')]).groupBy('f.owner_id').orderBy('risks', 'desc').orderBy('f.owner_id').limit(limit).execute();
    }),
    listPeople(db),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return counted.flatMap((c) => {
    const name = c.owner_id === null ? undefined : names.get(c.owner_id);
    return c.owner_id === null || name === undefined ? [] : [{ id: c.owner_id, name, risks: c.risks }];
  });
}

/**
 * How many risks a filter matches, and its heat map, kept in memory until anything they read
 * changes (risk facts, risks, actions and reviews all move the 'findings' counter). A filter by
 * finding (a list of risk ids) is counted afresh: it is rare, and its key would be long.
 */
export async function currentFilterCounts(db: Db, filter: RiskFilter, calendar: ReviewCalendar) {
  const count = async () => {
    const [matching, cells] = await Promise.all([countRisks(db, filter, calendar), heatMapCounts(db, filter, calendar)]);
    return { matching, cells };
  };
  if (filter.riskIds !== undefined) return count();
  return rememberedUntilChanged(db, 'findings', `filter-counts:${JSON.stringify({ filter, calendar })}`, count);
}

/** Per node: open risks, above appetite, reviews overdue (its own registers only). */
export function riskCountsByNode(db: Db, today: string) {
  return db
    .selectFrom('risk_facts')
    .where('status', '=', 'open')
    .select([
      'node_id',
      (eb) => eb.fn.countAll<number>().as('open'),
      sql<number>`sum(above_appetite)`.as('above_appetite'),
      sql<number>`sum(review_due_on < ${today})`.as('reviews_overdue'),
    ])
    .groupBy('node_id')
    .execute();
}

/**
 * The home page's counts per node (riskCountsByNode and overdueActionsByNode), kept in memory
 * until a risk's or an action's facts change: both tables move the 'findings' counter.
 */
export function currentCountsByNode(db: Db, today: string) {
  return rememberedUntilChanged(db, 'findings', `counts-by-node:${today}`, () => Promise.all([riskCountsByNode(db, today), overdueActionsByNode(db, today)]));
}

/** Per node: open actions past their due date, on open risks; from the index of open_action_facts alone. */
export function overdueActionsByNode(db: Db, today: string) {
  return db
    .selectFrom('open_action_facts')
    .where('due_on', '<', today)
    .select(['node_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('node_id')
    .execute();
}
