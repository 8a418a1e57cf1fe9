import type { Db } from '../../db/connection';
import { preparedQuery, type PreparedQuery } from '../../db/prepared-query';

// The node each kind of record belongs to, by its id: what the access rules check a request
// against. Each answers undefined when there is no such record (the route then answers 404).
// Prepared (db/prepared-query.ts): one of them runs on almost every request.

const byId = preparedQuery<{ id: number }>();

/** The node of the one record a query finds by id, or undefined when there is none. */
const nodeIdOf = (query: PreparedQuery<{ id: number }, { node_id: number }>) =>
  async (db: Db, id: number): Promise<number | undefined> => (await query(db, { id }))[0]?.node_id;

export const nodeIdOfRisk = nodeIdOf(byId((db, value) => db.selectFrom('risks').innerJoin('registers', 'registers.id', 'risks.register_id').select('registers.node_id').where('risks.id', '=', value('id'))));
export const nodeIdOfRegister = nodeIdOf(byId((db, value) => db.selectFrom('registers').select('node_id').where('id', '=', value('id'))));
export const nodeIdOfAction = nodeIdOf(byId((db, value) => db
  .selectFrom('actions')
  .innerJoin('risks', 'risks.id', 'actions.risk_id')
  .innerJoin('registers', 'registers.id', 'risks.register_id')
  .select('registers.node_id')
  .where('actions.id', '=', value('id'))));
export const nodeIdOfPlan = nodeIdOf(byId((db, value) => db.selectFrom('plans').select('node_id').where('id', '=', value('id'))));
export const nodeIdOfExercise = nodeIdOf(byId((db, value) => db.selectFrom('exercises').innerJoin('plans', 'plans.id', 'exercises.plan_id').select('plans.node_id').where('exercises.id', '=', value('id'))));
export const nodeIdOfFinding = nodeIdOf(byId((db, value) => db
  .selectFrom('exercise_findings')
  .innerJoin('exercises', 'exercises.id', 'exercise_findings.exercise_id')
  .innerJoin('plans', 'plans.id', 'exercises.plan_id')
  .select('plans.node_id')
  .where('exercise_findings.id', '=', value('id'))));
/** A proposal belongs to the node of the register it is proposed to: that register's managers decide it. */
export const nodeIdOfProposal = nodeIdOf(byId((db, value) => db.selectFrom('risk_proposals').innerJoin('registers', 'registers.id', 'risk_proposals.register_id').select('registers.node_id').where('risk_proposals.id', '=', value('id'))));
