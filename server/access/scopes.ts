import type { Request } from 'express';
import type { Db } from '../../db/connection';
import type { Scope } from '../domain/roles';
import { loadTree } from '../queries/nodes';
import { nodeIdOfAction, nodeIdOfExercise, nodeIdOfFinding, nodeIdOfPlan, nodeIdOfProposal, nodeIdOfRegister, nodeIdOfRisk } from '../queries/record-nodes';
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

// The tree is held in memory (loadTree): finding a node costs no query.
export const nodeInPath = recordInPath('the node in the path', async (db, id) => ((await loadTree(db)).byId.has(id) ? id : undefined));
export const riskInPath = recordInPath('the node of the risk in the path', nodeIdOfRisk);
export const registerInPath = recordInPath('the node of the register in the path', nodeIdOfRegister);
export const actionInPath = recordInPath('the node of the action in the path', nodeIdOfAction);
export const planInPath = recordInPath('the node of the plan in the path', nodeIdOfPlan);
export const exerciseInPath = recordInPath('the node of the plan of the exercise in the path', nodeIdOfExercise);
export const proposalInPath = recordInPath('the node of the register of the proposal in the path', nodeIdOfProposal);
export const findingInPath = recordInPath('the node of the plan of the finding in the path', nodeIdOfFinding);

/** Settings, lists, users: what belongs to no one node. Whole-organisation or root-node grants cover it. */
export const organisation: ScopeOf = {
  describe: 'the whole organisation',
  async resolve(db): Promise<Scope> {
    return { kind: 'organisation', rootIds: (await loadTree(db)).children(null).map((r) => r.id) };
  },
};
