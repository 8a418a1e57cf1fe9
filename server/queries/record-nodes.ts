import type { Db } from '../../db/connection';

// The node each kind of record belongs to, by its id: what the access rules check a request
// against. Each answers undefined when there is no such record (the route then answers 404).

export async function nodeIdOfRisk(db: Db, id: number): Promise<number | undefined> {
  return (await db.selectFrom('risks').innerJoin('registers', 'registers.id', 'risks.register_id').select('registers.node_id').where('risks.id', '=', id).executeTakeFirst())?.node_id;
}

export async function nodeIdOfRegister(db: Db, id: number): Promise<number | undefined> {
  return (await db.selectFrom('registers').select('node_id').where('id', '=', id).executeTakeFirst())?.node_id;
}

export async function nodeIdOfAction(db: Db, id: number): Promise<number | undefined> {
  return (await db
    .selectFrom('actions')
    .innerJoin('risks', 'risks.id', 'actions.risk_id')
    .innerJoin('registers', 'registers.id', 'risks.register_id')
    .select('registers.node_id')
    .where('actions.id', '=', id)
    .executeTakeFirst())?.node_id;
}

export async function nodeIdOfPlan(db: Db, id: number): Promise<number | undefined> {
  return (await db.selectFrom('plans').select('node_id').where('id', '=', id).executeTakeFirst())?.node_id;
}

export async function nodeIdOfExercise(db: Db, id: number): Promise<number | undefined> {
  return (await db.selectFrom('exercises').innerJoin('plans', 'plans.id', 'exercises.plan_id').select('plans.node_id').where('exercises.id', '=', id).executeTakeFirst())?.node_id;
}

export async function nodeIdOfFinding(db: Db, id: number): Promise<number | undefined> {
  return (await db
    .selectFrom('exercise_findings')
    .innerJoin('exercises', 'exercises.id', 'exercise_findings.exercise_id')
    .innerJoin('plans', 'plans.id', 'exercises.plan_id')
    .select('plans.node_id')
    .where('exercise_findings.id', '=', id)
    .executeTakeFirst())?.node_id;
}

/** A proposal belongs to the node of the register it is proposed to: that register's managers decide it. */
export async function nodeIdOfProposal(db: Db, id: number): Promise<number | undefined> {
  return (await db.selectFrom('risk_proposals').innerJoin('registers', 'registers.id', 'risk_proposals.register_id').select('registers.node_id').where('risk_proposals.id', '=', id).executeTakeFirst())?.node_id;
}
