import type { Request } from 'express';
import type { Db } from '../../db/connection';
import type { Scope } from '../domain/roles';
import { loadTree } from '../queries/nodes';
import { scopeOfNode, type ScopeOf } from './guard';

/** A path id as a number, or undefined when it cannot name a record (the route then 404s). */
function pathId(req: Request, name = 'id'): number | undefined {
  const value = req.params[name];
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** A scope found from one record named in the path: the node that record belongs to. */
export function recordInPath(describe: string, nodeIdOf: (db: Db, id: number) => Promise<number | undefined>, param = 'id'): ScopeOf {
  return {
    describe,
    async resolve(db, req) {
      const id = pathId(req, param);
      if (id === undefined) return undefined;
      const nodeId = await nodeIdOf(db, id);
      return nodeId === undefined ? undefined : scopeOfNode(db, nodeId);
    },
  };
}

export const nodeInPath = recordInPath('the node in the path', async (db, id) => ((await loadTree(db)).byId.has(id) ? id : undefined));

export const riskInPath = recordInPath('the node of the risk in the path', async (db, id) =>
  (await db.selectFrom('risks').innerJoin('registers', 'registers.id', 'risks.register_id').select('registers.node_id').where('risks.id', '=', id).executeTakeFirst())?.node_id);

export const actionInPath = recordInPath('the node of the action in the path', async (db, id) =>
  (await db
    .selectFrom('actions')
    .innerJoin('risks', 'risks.id', 'actions.risk_id')
    .innerJoin('registers', 'registers.id', 'risks.register_id')
    .select('registers.node_id')
    .where('actions.id', '=', id)
    .executeTakeFirst())?.node_id);

/** Settings, lists, users: what belongs to no one node. Whole-organisation or root-node grants cover it. */
export const organisation: ScopeOf = {
  describe: 'the whole organisation',
  async resolve(db): Promise<Scope> {
    return { kind: 'organisation', rootIds: (await loadTree(db)).children(null).map((r) => r.id) };
  },
};

export const planInPath = recordInPath('the node of the plan in the path', async (db, id) =>
  (await db.selectFrom('plans').select('node_id').where('id', '=', id).executeTakeFirst())?.node_id);

export const exerciseInPath = recordInPath('the node of the plan of the exercise in the path', async (db, id) =>
  (await db.selectFrom('exercises').innerJoin('plans', 'plans.id', 'exercises.plan_id').select('plans.node_id').where('exercises.id', '=', id).executeTakeFirst())?.node_id);

export const findingInPath = recordInPath('the node of the plan of the finding in the path', async (db, id) =>
  (await db
    .selectFrom('exercise_findings')
    .innerJoin('exercises', 'exercises.id', 'exercise_findings.exercise_id')
    .innerJoin('plans', 'plans.id', 'exercises.plan_id')
    .select('plans.node_id')
    .where('exercise_findings.id', '=', id)
    .executeTakeFirst())?.node_id);
