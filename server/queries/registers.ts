import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { RegisterKind } from '../domain/vocabulary';
import { recordAudit, type Change } from './audit';

/** A node's registers, open first, with how many open risks each holds. */
export function listRegistersWithCounts(db: Db, nodeId: number) {
  return db
    .selectFrom('registers as g')
    .select(['g.id', 'g.node_id', 'g.kind', 'g.name', 'g.code', 'g.closed_on', 'g.version'])
    .select((eb) => eb.selectFrom('risks as r').whereRef('r.register_id', '=', 'g.id').where('r.status', '=', 'open').select((r) => r.fn.countAll<number>().as('n')).as('open_risks'))
    .where('g.node_id', '=', nodeId)
    .orderBy(sql`g.closed_on IS NOT NULL`)
    .orderBy('g.name')
    .execute();
}

export function findRegister(db: Db | Tx, id: number) {
  return db
    .selectFrom('registers as g')
    .innerJoin('nodes as n', 'n.id', 'g.node_id')
    .selectAll('g')
    .select(['n.name as node_name', 'n.retired_on as node_retired_on'])
    .where('g.id', '=', id)
    .executeTakeFirst();
}

export type RegisterRow = NonNullable<Awaited<ReturnType<typeof findRegister>>>;

/** Another register already using this code, compared without case. */
export function findRegisterWithCode(db: Db | Tx, code: string, exceptId?: number) {
  let query = db.selectFrom('registers').select(['id', 'name']).where(sql<boolean>`lower(code) = lower(${code})`);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

export async function countOpenRisksOfRegister(db: Db | Tx, registerId: number): Promise<number> {
  const { n } = await db.selectFrom('risks').select((eb) => eb.fn.countAll<number>().as('n')).where('register_id', '=', registerId).where('status', '=', 'open').executeTakeFirstOrThrow();
  return n;
}

/** Open registers of the given nodes, with their node's name: where a risk may move to. */
export function listOpenRegistersOfNodes(db: Db, nodeIds: number[]) {
  return db
    .selectFrom('registers as g')
    .innerJoin('nodes as n', 'n.id', 'g.node_id')
    .select(['g.id', 'g.name', 'g.code', 'g.kind', 'g.node_id', 'n.name as node_name'])
    .where('g.closed_on', 'is', null)
    .where('n.retired_on', 'is', null)
    .where('g.node_id', 'in', nodeIds.length > 0 ? nodeIds : [-1])
    .orderBy('n.name')
    .orderBy('g.name')
    .execute();
}

const registerValues = (g: { kind: string; name: string; code: string; closed_on: string | null }) => ({ kind: g.kind, name: g.name, code: g.code, closed_on: g.closed_on });

function registerEvent(register: { id: number; node_id: number; code: string; name: string }, at: string) {
  return { entityType: 'register', entityId: register.id, subject: `${register.code} ${register.name}`, nodeId: register.node_id, at };
}

export async function insertRegister(tx: Tx, change: Change, register: { node_id: number; kind: RegisterKind; name: string; code: string }): Promise<number> {
  const { id } = await tx.insertInto('registers').values(register).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, change.actor, { ...registerEvent({ id, ...register }, change.at), action: 'create', after: registerValues({ ...register, closed_on: null }) });
  return id;
}

/** Applies the change only if nobody saved the register since `version`; false (nothing written) otherwise. */
export async function updateRegister(tx: Tx, change: Change, id: number, version: number, changes: { name?: string; code?: string; closed_on?: string | null }): Promise<boolean> {
  const before = await findRegister(tx, id);
  if (!before || before.version !== version) return false;
  const result = await tx.updateTable('registers').set({ ...changes, version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const after = { ...before, ...changes };
  await recordAudit(tx, change.actor, { ...registerEvent(after, change.at), action: 'update', before: registerValues(before), after: registerValues(after) });
  return true;
}
