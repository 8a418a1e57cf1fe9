import type { Response } from 'express';

import type { Actor } from '../domain/audit';

export type { Actor };

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'System' };

/** The person behind this request, set by the sign-in middleware. */
export function actorOf(res: Response): Actor {
  return (res.locals.actor as Actor | undefined) ?? SYSTEM_ACTOR;
}
