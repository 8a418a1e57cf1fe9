import type { Db, Tx } from '../../db/connection';
import { recordAudit, type Change } from './audit';

/** The plans that respond to a risk, by reference. */
export function listPlansOfRisk(db: Db | Tx, riskId: number) {
  return db
    .selectFrom('plan_risks as l')
    .innerJoin('plans as p', 'p.id', 'l.plan_id')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .select(['p.id', 'p.ref', 'p.title', 'p.node_id', 'p.retired_on', 'n.name as node_name'])
    .where('l.risk_id', '=', riskId)
    .orderBy('p.ref')
    .execute();
}

/** The risks a plan responds to, with their register code for the reference. */
export function listRisksOfPlan(db: Db | Tx, planId: number) {
  return db
    .selectFrom('plan_risks as l')
    .innerJoin('risks as r', 'r.id', 'l.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .select(['r.id', 'r.title', 'r.ref_number', 'r.status', 'g.code as register_code'])
    .where('l.plan_id', '=', planId)
    .orderBy('g.code')
    .orderBy('r.ref_number')
    .execute();
}

/** Plans of these nodes that are not retired: the ones a risk may be linked to. */
export function listLinkablePlans(db: Db | Tx, nodeIds: number[]) {
  return db
    .selectFrom('plans as p')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .select(['p.id', 'p.ref', 'p.title', 'p.node_id', 'n.name as node_name'])
    .where('p.node_id', 'in', nodeIds.length > 0 ? nodeIds : [-1])
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
  await recordAudit(tx, change.actor, { entityType: 'plan_link', entityId: planId, action: 'create', subject: facts.subject, nodeId: facts.nodeId, riskId, after: facts.values, at: change.at });
}

/** Removes the link, recorded in the risk's history; true if there was one. */
export async function unlinkPlanFromRisk(tx: Tx, change: Change, riskId: number, planId: number): Promise<boolean> {
  const result = await tx.deleteFrom('plan_risks').where('risk_id', '=', riskId).where('plan_id', '=', planId).executeTakeFirst();
  if (result.numDeletedRows !== 1n) return false;
  const facts = await linkFacts(tx, riskId, planId);
  await recordAudit(tx, change.actor, { entityType: 'plan_link', entityId: planId, action: 'delete', subject: facts.subject, nodeId: facts.nodeId, riskId, before: facts.values, at: change.at });
  return true;
}
