import type { Db } from '../../db/connection';
import type { SecurityEventKind } from '../../db/schema';
import type { Clock } from '../clock';
import { formatAuditInstant } from '../domain/audit';
import { judgeAttempt } from '../domain/sign-in-throttle';
import { listSecurityEvents } from '../queries/security-log';
import { findSignInFailures } from '../queries/sessions';

const EVENTS_SHOWN = 10;

const EVENT_WORDS: Record<SecurityEventKind, string> = {
  sign_in_failed: 'Failed sign-in',
  address_locked: 'Locked after too many failed sign-ins',
  lock_cleared: 'Lock cleared',
};

/** What the user page says about an address's failed sign-ins: any wait or lock now, and the latest log entries. */
export async function signInStanding(db: Db, clock: Clock, email: string) {
  const emailKey = email.toLowerCase();
  const [row, events] = await Promise.all([findSignInFailures(db, emailKey), listSecurityEvents(db, emailKey, EVENTS_SHOWN)]);
  const record = row && { failures: row.failures, lastFailedAt: new Date(row.last_failed_at) };
  const verdict = judgeAttempt(record, clock.now());
  const state =
    verdict.kind === 'locked'
      ? `Locked for ${verdict.minutes} more minute${verdict.minutes === 1 ? '' : 's'} after ${record?.failures} failed sign-ins`
      : verdict.kind === 'wait'
        ? `Must wait ${verdict.seconds} second${verdict.seconds === 1 ? '' : 's'} before the next attempt, after ${record?.failures} failed sign-ins`
        : record
          ? `Can sign in; ${record.failures} failed attempt${record.failures === 1 ? '' : 's'} counted in the last hour`
          : 'Can sign in';
  return {
    state,
    lastFailedAt: record ? formatAuditInstant(record.lastFailedAt.toISOString()) : null,
    /** Anything counted can be cleared, so an admin helping someone on the phone need not wait either. */
    canClear: Boolean(record),
    events: events.map((e) => ({
      at: formatAuditInstant(e.at),
      what: EVENT_WORDS[e.kind],
      detail: e.actor_name ? `${e.detail} (by ${e.actor_name})` : e.detail,
    })),
  };
}
