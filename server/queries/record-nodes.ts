import type { Db } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';

// The node each kind of record belongs to, by its id: what the access rules check a request
// against. Each answers undefined when there is no such record (the route then answers 404).
// Prepared (db/prepared-query.ts): one of them runs on almost every request.

const byId = preparedQuery<{ id: number }>();

const riskNode = byId((db, value) => db.selectFrom('risks').innerJoin('registers', 'registers.id', 'risks.register_id').select('registers.node_id').where('risks.id', '=', value('id')));
const registerNode = byId((db, value) => db.selectFrom('registers').select('node_id').where('id', '=', value('id')));
const actionNode = byId((db, value) => db
  .selectFrom('actions')
  .innerJoin('risks', 'risks.id', 'actions.risk_id')
  .innerJoin('registers', 'registers.id', 'risks.register_id')
  .select('registers.node_id')
  .where('actions.id', '=', value('id')));
const planNode = byId((db, value) => db.selectFrom('plans').select('node_id').where('id', '=', value('id')));
const exerciseNode = byId((db, value) => db.selectFrom('exercises').innerJoin('plans', 'plans.id', 'exercises.plan_id').select('plans.node_id').where('exercises.id', '=', value('id')));
const findingNode = byId((db, value) => db
  .selectFrom('exercise_findings')
  .innerJoin('exercises', 'exercises.id', 'exercise_findings.exercise_id')
  .innerJoin('plans', 'plans.id', 'exercises.plan_id')
  .select('plans.node_id')
  .where('exercise_findings.id', '=', value('id')));
const proposalNode = byId((db, value) => db.selectFrom('risk_proposals').innerJoin('registers', 'registers.id', 'risk_proposals.register_id').select('registers.node_id').where('risk_proposals.id', '=', value('id')));

export async function nodeIdOfRisk(db: Db, id: number): Promise<number | undefined> {
  return (await riskNode(db, { id }))[0]?.node_id;
}

export async function nodeIdOfRegister(db: Db, id: number): Promise<number | undefined> {
  return (await registerNode(db, { id }))[0]?.node_id;
}

export async function nodeIdOfAction(db: Db, id: number): Promise<number | undefined> {
  return (await actionNode(db, { id }))[0]?.node_id;
}

export async function nodeIdOfPlan(db: Db, id: number): Promise<number | undefined> {
  return (await planNode(db, { id }))[0]?.node_id;
}

export async function nodeIdOfExercise(db: Db, id: number): Promise<number | undefined> {
  return (await exerciseNode(db, { id }))[0]?.node_id;
}

export async function nodeIdOfFinding(db: Db, id: number): Promise<number | undefined> {
  return (await findingNode(db, { id }))[0]?.node_id;
}

/** A proposal belongs to the node of the register it is proposed to: that register's managers decide it. */
export async function nodeIdOfProposal(db: Db, id: number): Promise<number | undefined> {
  return (await proposalNode(db, { id }))[0]?.node_id;
}
