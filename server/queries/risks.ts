import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import type { NewRisk, RiskUpdate } from '../../db/schema';
import { formatReference } from '../domain/references';
import { recordAudit, type Change } from './audit';

/** Prepared (db/prepared-query.ts): every risk page and every form about a risk reads it. */
const riskDetail = preparedQuery<{ id: number }>()((db, value) => db
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
    .where('r.id', '=', value('id')));

export async function findRisk(db: Db | Tx, id: number) {
  return (await riskDetail(db, { id }))[0];
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
