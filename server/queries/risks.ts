import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { NewRisk, RiskUpdate } from '../../db/schema';
import { OPEN_ACTION_STATUSES } from '../domain/vocabulary';

/**
 * One row per risk with what lists need: names joined, the latest review and action counts
 * as correlated subqueries, so a list of any length costs one statement.
 */
export function listRiskSummaries(db: Db, options: { nodeIds?: number[]; today: string }) {
  let query = db
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    // Only what lists show or judge: every extra column costs measurably across 600 rows.
    .select([
      'r.id',
      'r.ref_number',
      'r.title',
      'r.status',
      'r.identified_on',
      'r.category_id',
      'r.owner_id',
      'r.current_likelihood',
      'r.current_impact',
      'r.target_likelihood',
      'r.target_impact',
      'g.code as register_code',
      'g.name as register_name',
      'g.kind as register_kind',
      'g.node_id',
      'c.name as category_name',
      'c.appetite_rank',
      'o.name as owner_name',
    ])
    .select((eb) => {
      const latestReview = () =>
        eb.selectFrom('reviews as v').whereRef('v.risk_id', '=', 'r.id').orderBy('v.reviewed_on', 'desc').orderBy('v.id', 'desc').limit(1);
      const openActions = () => eb.selectFrom('actions as a').whereRef('a.risk_id', '=', 'r.id').where('a.status', 'in', OPEN_ACTION_STATUSES);
      return [
        latestReview().select('v.reviewed_on').as('last_reviewed_on'),
        latestReview().select('v.direction').as('last_direction'),
        openActions().select((a) => a.fn.countAll<number>().as('n')).as('open_actions'),
        openActions().where('a.due_on', '<', options.today).select((a) => a.fn.countAll<number>().as('n')).as('overdue_actions'),
      ];
    });
  if (options.nodeIds) query = query.where('g.node_id', 'in', options.nodeIds.length > 0 ? options.nodeIds : [-1]);
  return query.orderBy('g.code').orderBy('r.ref_number').execute();
}

export type RiskSummaryRow = Awaited<ReturnType<typeof listRiskSummaries>>[number];

export function findRisk(db: Db | Tx, id: number) {
  return db
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .innerJoin('nodes as n', 'n.id', 'g.node_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('objectives as j', 'j.id', 'r.objective_id')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .leftJoin('people as m', 'm.id', 'r.manager_id')
    .selectAll('r')
    .select([
      'g.code as register_code',
      'g.name as register_name',
      'g.kind as register_kind',
      'g.node_id',
      'n.name as node_name',
      'c.name as category_name',
      'c.appetite_rank',
      'j.title as objective_title',
      'o.name as owner_name',
      'm.name as manager_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type RiskDetailRow = NonNullable<Awaited<ReturnType<typeof findRisk>>>;

/** Numbers the risk within its register; run inside a transaction so two creates never share a number. */
export async function insertRisk(tx: Tx, risk: Omit<NewRisk, 'ref_number'>): Promise<number> {
  const { next } = await tx
    .selectFrom('risks')
    .select(sql<number>`coalesce(max(ref_number), 0) + 1`.as('next'))
    .where('register_id', '=', risk.register_id)
    .executeTakeFirstOrThrow();
  const { id } = await tx
    .insertInto('risks')
    .values({ ...risk, ref_number: next })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Applies the change only if nobody saved the risk since `version`; returns false otherwise. */
export async function updateRisk(db: Db | Tx, id: number, version: number, changes: RiskUpdate, now: string): Promise<boolean> {
  const result = await db
    .updateTable('risks')
    .set({ ...changes, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
