import type { Response } from 'express';

/** Who is making a change, as the audit history records it. */
export interface Actor {
  /** The signed-in user; null for scripts and the demo loader. */
  userId: number | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'System' };

/** The person behind this request, set by the sign-in middleware. */
export function actorOf(res: Response): Actor {
  return (res.locals.actor as Actor | undefined) ?? SYSTEM_ACTOR;
}
