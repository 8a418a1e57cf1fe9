import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/connection';
import { AppError, notFound } from '../errors';
import { PERMISSIONS, permits, type Permission, type Scope } from '../domain/roles';
import { loadTree } from '../queries/nodes';
import { signedInUser } from './session';

/**
 * Finds the part of the organisation a request is about, from its path: the node whose
 * subtree a role must cover. Undefined when the record named does not exist (a 404).
 */
export interface ScopeOf {
  /** For the route-by-role table: 'the risk in the path'. */
  describe: string;
  resolve(db: Db, req: Request): Promise<Scope | undefined>;
}

/** What a route declares about who may use it; every route has one (a test walks the router). */
export type AccessRule =
  | { kind: 'anyone' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; permission: Permission; scope: string };

export type Guard = RequestHandler & { accessRule: AccessRule };

function guard(rule: AccessRule, handler: RequestHandler): Guard {
  return Object.assign(handler, { accessRule: rule });
}

export const forbidden = (whoMay?: string) =>
  new AppError(403, 'forbidden', whoMay
    ? `You cannot do this. ${whoMay}; your roles do not include that here. Ask an admin if you need more.`
    : 'You do not have access to this. Your roles cover only some parts of the organisation; ask an admin if you need more.');

/** Open to everyone, signed in or not: sign-in, health, styles. */
export const anyone: Guard = guard({ kind: 'anyone' }, (_req, _res, next) => next());

/** The error middleware sends a GET to the sign-in page and back; anything else gets a page saying so. */
function requireSignIn(): never {
  throw new AppError(401, 'sign_in', 'Sign in to continue. If you were signed in, your session has ended: sign in again.');
}

/** Anyone signed in, whatever their roles: their home page, signing out. */
export const signedIn: Guard = guard({ kind: 'signed-in' }, (req, res, next) => {
  if (!signedInUser(res)) requireSignIn();
  next();
});

/**
 * Signed in with a role that gives `permission` over the node `scopeOf` finds. `whoMay` says,
 * in a refusal, who may do this instead ("Only an HQ reviewer accepts a return").
 */
export function allow(db: Db, permission: Permission, scopeOf: ScopeOf, whoMay?: string): Guard {
  return guard({ kind: 'permission', permission, scope: scopeOf.describe }, async (req, res, next) => {
    const user = signedInUser(res);
    if (!user) requireSignIn();
    const scope = await scopeOf.resolve(db, req);
    if (!scope) throw notFound('That page');
    if (!permits(user.grants, permission, scope)) throw forbidden(whoMay);
    // What else this person may do here, so pages offer only the buttons that will work.
    res.locals.may = Object.fromEntries(PERMISSIONS.map((p) => [p, permits(user.grants, p, scope)]));
    next();
  });
}

/** The ids from the root down to a node, from the tree held in memory. */
export async function scopeOfNode(db: Db, nodeId: number): Promise<Scope | undefined> {
  const tree = await loadTree(db);
  if (!tree.byId.has(nodeId)) return undefined;
  return { kind: 'node', path: tree.path(nodeId).map((n) => n.id) };
}
