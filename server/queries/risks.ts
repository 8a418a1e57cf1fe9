import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { NewRisk, RiskUpdate } from '../../db/schema';
import { formatReference } from '../domain/references';
import { OPEN_ACTION_STATUSES } from '../domain/vocabulary';
import { recordAudit, type Change } from './audit';

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
      'r.reference',
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
  return query.orderBy('r.reference').execute();
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

/** The stored risk as the audit history sees it: its columns, what it is called, where it belongs. */
async function riskRecord(tx: Tx, id: number) {
  const row = await tx
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .selectAll('r')
    .select(['g.node_id'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { node_id, ...values } = row;
  return { values, nodeId: node_id, subject: `${values.reference} ${values.title}` };
}

/**
 * Gives the risk the next reference of its register (SCCTD-R07) and records it in the audit
 * history, in the caller's transaction. A number is never given twice: the register keeps its
 * next number, and a reference some other risk already holds (one that moved, or a register
 * whose code was reused) is skipped.
 */
export async function insertRisk(tx: Tx, change: Change, risk: Omit<NewRisk, 'ref_number' | 'reference' | 'created_at' | 'updated_at'>): Promise<number> {
  const register = await tx
    .selectFrom('registers as g')
    .select(['g.code', 'g.next_ref_number', sql<number>`(SELECT coalesce(max(ref_number), 0) + 1 FROM risks WHERE register_id = g.id)`.as('after_highest')])
    .where('g.id', '=', risk.register_id)
    .executeTakeFirstOrThrow();
  let next = Math.max(register.next_ref_number, register.after_highest);
  while (await tx.selectFrom('risks').select('id').where(sql<boolean>`reference = ${formatReference(register.code, next)} COLLATE NOCASE`).executeTakeFirst()) next++;
  await tx.updateTable('registers').set({ next_ref_number: next + 1 }).where('id', '=', risk.register_id).execute();
  const { id } = await tx
    .insertInto('risks')
    .values({ ...risk, ref_number: next, reference: formatReference(register.code, next), created_at: change.at, updated_at: change.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const saved = await riskRecord(tx, id);
  if (!saved) throw new Error(`risk ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, { entityType: 'risk', entityId: id, action: 'create', subject: saved.subject, nodeId: saved.nodeId, riskId: id, after: saved.values, at: change.at });
  return id;
}

/**
 * Applies the change only if nobody saved the risk since `version`, and records what changed
 * in the audit history; returns false (and changes nothing) if the version moved on.
 */
export async function updateRisk(tx: Tx, change: Change, id: number, version: number, changes: RiskUpdate): Promise<boolean> {
  const before = await riskRecord(tx, id);
  if (!before) return false;
  const result = await tx
    .updateTable('risks')
    .set({ ...changes, version: sql`version + 1`, updated_at: change.at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const after = await riskRecord(tx, id);
  if (!after) throw new Error(`risk ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, {
    entityType: 'risk', entityId: id, action: 'update', subject: after.subject, nodeId: after.nodeId, riskId: id, before: before.values, after: after.values, at: change.at,
  });
  return true;
}

/**
 * Moves a risk to another register, keeping its reference (it is printed on papers already
 * sent) and its reviews and actions; within its new register it holds minus its id as its
 * number, which nobody sees and no new risk can be given. Only if nobody saved the risk since
 * `version`; one audit event says from where to where and why.
 */
export async function moveRiskToRegister(
  tx: Tx,
  change: Change,
  id: number,
  version: number,
  from: { id: number; code: string; name: string },
  to: { id: number; code: string; name: string; node_id: number },
  reason: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('risks')
    .set({ register_id: to.id, ref_number: -id, version: sql`version + 1`, updated_at: change.at })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('register_id', '=', from.id)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const moved = await riskRecord(tx, id);
  if (!moved) throw new Error(`risk ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, {
    entityType: 'risk', entityId: id, action: 'update', subject: moved.subject, nodeId: to.node_id, riskId: id, at: change.at,
    before: { register: `${from.code} ${from.name}` },
    after: { register: `${to.code} ${to.name}`, reason_for_move: reason },
  });
  return true;
}
