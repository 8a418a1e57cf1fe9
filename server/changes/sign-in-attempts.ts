import type { Db } from '../../db/connection';
import { afterFailure, judgeAttempt, LOCK_AFTER_FAILURES, type FailureRecord, type ThrottleVerdict } from '../domain/sign-in-throttle';
import { recordSecurityEvent } from '../queries/security-log';
import { clearSignInFailures, findSignInFailures, saveSignInFailures } from '../queries/sessions';
import type { Change } from '../queries/audit';

export type AttemptClaim = { kind: 'claimed'; failuresIfWrong: number } | { kind: 'refused'; verdict: Exclude<ThrottleVerdict, { kind: 'allowed' }> };

async function failureRecord(db: Db, emailKey: string): Promise<FailureRecord | undefined> {
  const row = await findSignInFailures(db, emailKey);
  return row && { failures: row.failures, lastFailedAt: new Date(row.last_failed_at) };
}

/**
 * Decides whether a sign-in attempt may check its password, and if so counts it as a failure
 * before the (slow, off-thread) hash is checked, in one transaction with the decision. Parallel
 * attempts for one address therefore see each other's claims and are throttled exactly as
 * sequential ones are; a right password undoes the claim with `signInSucceeded`.
 */
export async function claimSignInAttempt(db: Db, emailKey: string, now: Date): Promise<AttemptClaim> {
  return db.transaction().execute(async (tx) => {
    const record = await failureRecord(tx, emailKey);
    const verdict = judgeAttempt(record, now);
    if (verdict.kind !== 'allowed') return { kind: 'refused', verdict };
    const after = afterFailure(record, now);
    await saveSignInFailures(tx, emailKey, after.failures, after.lastFailedAt.toISOString());
    return { kind: 'claimed', failuresIfWrong: after.failures };
  });
}

/** A claimed attempt whose password was wrong: it is already counted; the log says so, and when it locked the address. */
export async function signInFailed(db: Db, emailKey: string, userId: number | null, failures: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const at = now.toISOString();
    await recordSecurityEvent(tx, { at, kind: 'sign_in_failed', emailKey, userId, detail: `failure ${failures}` });
    if (failures === LOCK_AFTER_FAILURES) await recordSecurityEvent(tx, { at, kind: 'address_locked', emailKey, userId, detail: `after ${failures} failed sign-ins` });
  });
}

/** A right password: the failures counted for the address (its own claim included) are forgotten. */
export async function signInSucceeded(db: Db, emailKey: string): Promise<void> {
  await clearSignInFailures(db, emailKey);
}

/**
 * An admin lifts the throttle on a user's address, by hand or by setting a new password; logged
 * only when there was something to clear. Takes the transaction of the change it is part of.
 */
export async function clearSignInLock(db: Db, change: Change, user: { id: number; email: string }, how: string): Promise<boolean> {
  const emailKey = user.email.toLowerCase();
  const record = await failureRecord(db, emailKey);
  if (!record) return false;
  await clearSignInFailures(db, emailKey);
  await recordSecurityEvent(db, {
    at: change.at,
    kind: 'lock_cleared',
    emailKey,
    userId: user.id,
    actorUserId: change.actor.userId,
    detail: `${how}, after ${record.failures} failed sign-in${record.failures === 1 ? '' : 's'}`,
  });
  return true;
}
