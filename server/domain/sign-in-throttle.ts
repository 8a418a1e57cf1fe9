// Repeated failed sign-ins for one email address are first slowed, then locked for a while.
// The rule is kept per address typed, whether or not anyone has it, so it reveals nothing.

/** Failures before each attempt must wait, and the failures that lock the address. */
export const FREE_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;
const MAX_WAIT_SECONDS = 60;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MINUTES = 60;

export interface FailureRecord {
  failures: number;
  lastFailedAt: Date;
}

export type ThrottleVerdict =
  | { kind: 'allowed' }
  | { kind: 'wait'; seconds: number }
  | { kind: 'locked'; minutes: number };

/** Seconds an attempt must wait after the last failure, once there have been `failures`. */
export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  if (failures >= LOCK_AFTER_FAILURES) return LOCK_MINUTES * 60;
  return Math.min(MAX_WAIT_SECONDS, 5 * 2 ** (failures - FREE_FAILURES));
}

export function judgeAttempt(record: FailureRecord | undefined, now: Date): ThrottleVerdict {
  if (!record) return { kind: 'allowed' };
  const elapsedSeconds = (now.getTime() - record.lastFailedAt.getTime()) / 1000;
  if (elapsedSeconds >= FORGET_AFTER_MINUTES * 60) return { kind: 'allowed' };
  const remaining = Math.ceil(waitAfter(record.failures) - elapsedSeconds);
  if (remaining <= 0) return { kind: 'allowed' };
  if (record.failures >= LOCK_AFTER_FAILURES) return { kind: 'locked', minutes: Math.ceil(remaining / 60) };
  return { kind: 'wait', seconds: remaining };
}

/** The failure count after one more failure, forgetting failures that are old. */
export function afterFailure(record: FailureRecord | undefined, now: Date): FailureRecord {
  const stale = !record || (now.getTime() - record.lastFailedAt.getTime()) / 1000 >= FORGET_AFTER_MINUTES * 60;
  return { failures: stale ? 1 : record.failures + 1, lastFailedAt: now };
}
