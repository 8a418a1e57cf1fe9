import type { Db, Tx } from '../../db/connection';

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

/** Links a plan to a risk; linking twice is harmless. */
export async function linkPlanToRisk(db: Db | Tx, riskId: number, planId: number, now: string): Promise<void> {
  await db.insertInto('plan_risks').values({ risk_id: riskId, plan_id: planId, created_at: now }).onConflict((oc) => oc.doNothing()).execute();
}

/** True if there was a link to remove. */
export async function unlinkPlanFromRisk(db: Db | Tx, riskId: number, planId: number): Promise<boolean> {
  const result = await db.deleteFrom('plan_risks').where('risk_id', '=', riskId).where('plan_id', '=', planId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}
