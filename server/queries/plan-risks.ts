import type { Db, Tx } from '../../db/connection';
import type { ReadableNodeIds } from '../domain/roles';
import { recordAudit, type Change } from './audit';

// A link joins records of two nodes, and a reader may read only one of them: every list of
// linked records takes the reader's readable nodes and filters in SQL, so a title outside them
// never leaves the database; the ones left out are only counted.

/** The audit history's entity type for a risk's link to a plan; the event's entity id is the plan's. */
export const PLAN_LINK_ENTITY = 'plan_link';

/** `IN ()` is not SQL: an empty list of readable nodes matches no node. */
const idsOrNone = (ids: readonly number[]) => (ids.length > 0 ? [...ids] : [-1]);

/** The plans that respond to a risk, by reference: those of nodes the reader may read. */
export function listPlansOfRisk(db: Db | Tx, riskId: number, readable: ReadableNodeIds) {
  return db
    .selectFrom('plan_risks as l')
    .innerJoin('plans as p', 'p.id', 'l.plan_id')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .select(['p.id', 'p.ref', 'p.title', 'p.node_id', 'p.retired_on', 'n.name as node_name'])
    .where('l.risk_id', '=', riskId)
    .$if(readable !== null, (q) => q.where('p.node_id', 'in', idsOrNone(readable ?? [])))
    .orderBy('p.ref')
    .execute();
}

/** How many plans respond to a risk from nodes the reader may not read. */
export async function countUnreadablePlansOfRisk(db: Db | Tx, riskId: number, readable: ReadableNodeIds): Promise<number> {
  if (readable === null) return 0;
  const row = await db
    .selectFrom('plan_risks as l')
    .innerJoin('plans as p', 'p.id', 'l.plan_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('l.risk_id', '=', riskId)
    .where('p.node_id', 'not in', idsOrNone(readable))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The risks a plan responds to, with their register code for the reference: those of nodes the reader may read. */
export function listRisksOfPlan(db: Db | Tx, planId: number, readable: ReadableNodeIds) {
  return db
    .selectFrom('plan_risks as l')
    .innerJoin('risks as r', 'r.id', 'l.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .select(['r.id', 'r.title', 'r.reference', 'r.status'])
    .where('l.plan_id', '=', planId)
    .$if(readable !== null, (q) => q.where('g.node_id', 'in', idsOrNone(readable ?? [])))
    .orderBy('r.reference')
    .execute();
}

/** How many risks a plan responds to from nodes the reader may not read. */
export async function countUnreadableRisksOfPlan(db: Db | Tx, planId: number, readable: ReadableNodeIds): Promise<number> {
  if (readable === null) return 0;
  const row = await db
    .selectFrom('plan_risks as l')
    .innerJoin('risks as r', 'r.id', 'l.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('l.plan_id', '=', planId)
    .where('g.node_id', 'not in', idsOrNone(readable))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Of these plans, the ids of those the reader may read (for history that names plans). */
export async function readablePlanIds(db: Db | Tx, planIds: readonly number[], readable: ReadableNodeIds): Promise<Set<number>> {
  if (planIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('plans')
    .select('id')
    .where('id', 'in', [...planIds])
    .$if(readable !== null, (q) => q.where('node_id', 'in', idsOrNone(readable ?? [])))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Plans of these nodes that are not retired and that the reader may read: the ones a risk may be linked to. */
export function listLinkablePlans(db: Db | Tx, nodeIds: readonly number[], readable: ReadableNodeIds) {
  return db
    .selectFrom('plans as p')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .select(['p.id', 'p.ref', 'p.title', 'p.node_id', 'n.name as node_name'])
    .where('p.node_id', 'in', idsOrNone(nodeIds))
    .$if(readable !== null, (q) => q.where('p.node_id', 'in', idsOrNone(readable ?? [])))
    .where('p.retired_on', 'is', null)
    .orderBy('p.ref')
    .execute();
}

async function linkFacts(tx: Tx, riskId: number, planId: number) {
  const row = await tx
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .innerJoin('plans as p', (join) => join.on('p.id', '=', planId))
    .select(['g.node_id', 'p.ref', 'p.title'])
    .where('r.id', '=', riskId)
    .executeTakeFirstOrThrow();
  return { nodeId: row.node_id, subject: `${row.ref} ${row.title}`, values: { plan: `${row.ref} ${row.title}` } };
}

/** Links a plan to a risk, recorded in the risk's history; linking twice is harmless and records nothing. */
export async function linkPlanToRisk(tx: Tx, change: Change, riskId: number, planId: number): Promise<void> {
  const result = await tx.insertInto('plan_risks').values({ risk_id: riskId, plan_id: planId, created_at: change.at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (result.numInsertedOrUpdatedRows !== 1n) return;
  const facts = await linkFacts(tx, riskId, planId);
  await recordAudit(tx, change.actor, { entityType: PLAN_LINK_ENTITY, entityId: planId, action: 'create', subject: facts.subject, nodeId: facts.nodeId, riskId, after: facts.values, at: change.at });
}

/** Removes the link, recorded in the risk's history; true if there was one. */
export async function unlinkPlanFromRisk(tx: Tx, change: Change, riskId: number, planId: number): Promise<boolean> {
  const result = await tx.deleteFrom('plan_risks').where('risk_id', '=', riskId).where('plan_id', '=', planId).executeTakeFirst();
  if (result.numDeletedRows !== 1n) return false;
  const facts = await linkFacts(tx, riskId, planId);
  await recordAudit(tx, change.actor, { entityType: PLAN_LINK_ENTITY, entityId: planId, action: 'delete', subject: facts.subject, nodeId: facts.nodeId, riskId, before: facts.values, at: change.at });
  return true;
}
