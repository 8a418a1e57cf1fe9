import type { Tx } from '../../db/connection';
import { formatDay } from '../domain/dates';
import { recordAudit, type Change } from '../queries/audit';

// Creating and revoking secret calendar feeds (docs/calendar-feeds.md). Each is audited in the
// same transaction, on the node the feed is for, so the node's history shows who can see its
// calendar from outside Bulwark.

async function subjectOf(tx: Tx, userId: number, nodeId: number): Promise<{ owner: string; node: string; subject: string }> {
  const owner = await tx.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select('people.name').where('users.id', '=', userId).executeTakeFirst();
  const node = await tx.selectFrom('nodes').select('name').where('id', '=', nodeId).executeTakeFirst();
  const names = { owner: owner?.name ?? `user ${userId}`, node: node?.name ?? `node ${nodeId}` };
  return { ...names, subject: `Calendar feed of ${names.owner} for ${names.node}` };
}

export type CreateFeedOutcome = { kind: 'created'; feedId: number } | { kind: 'already_created'; feedId: number } | { kind: 'refused' };

/**
 * A new feed for `tokenHash`. The token comes from the form (made when the page was shown), so
 * sending the form twice finds the feed the first send made instead of making a second one. A
 * token already used for another user or node, or revoked, is refused.
 */
export async function createFeed(tx: Tx, change: Change, feed: { userId: number; nodeId: number; tokenHash: string }): Promise<CreateFeedOutcome> {
  const existing = await tx.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', feed.tokenHash).executeTakeFirst();
  if (existing) {
    return existing.user_id === feed.userId && existing.node_id === feed.nodeId && existing.revoked_at === null
      ? { kind: 'already_created', feedId: existing.id }
      : { kind: 'refused' };
  }
  const { id } = await tx
    .insertInto('calendar_feeds')
    .values({ token_hash: feed.tokenHash, user_id: feed.userId, node_id: feed.nodeId, created_at: change.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { owner, node, subject } = await subjectOf(tx, feed.userId, feed.nodeId);
  await recordAudit(tx, change.actor, { entityType: 'calendar_feed', entityId: id, action: 'create', subject, nodeId: feed.nodeId, at: change.at, after: { owner, node } });
  return { kind: 'created', feedId: id };
}

export type RevokeFeedOutcome = { kind: 'revoked' } | { kind: 'already_revoked' } | { kind: 'no_such_feed' };

/** Revokes one of `userId`'s own feeds; revoking twice says so and changes nothing. */
export async function revokeFeed(tx: Tx, change: Change, userId: number, feedId: number, reason = 'Revoked by its owner'): Promise<RevokeFeedOutcome> {
  const feed = await tx.selectFrom('calendar_feeds').selectAll().where('id', '=', feedId).where('user_id', '=', userId).executeTakeFirst();
  if (!feed) return { kind: 'no_such_feed' };
  if (feed.revoked_at !== null) return { kind: 'already_revoked' };
  await tx.updateTable('calendar_feeds').set({ revoked_at: change.at }).where('id', '=', feedId).execute();
  const { subject } = await subjectOf(tx, feed.user_id, feed.node_id);
  await recordAudit(tx, change.actor, {
    entityType: 'calendar_feed', entityId: feedId, action: 'update', subject, nodeId: feed.node_id, at: change.at,
    before: { revoked: 'No' }, after: { revoked: `${formatDay(change.at.slice(0, 10))}: ${reason}` },
  });
  return { kind: 'revoked' };
}

/** Every live feed of a user, revoked: when the user is disabled (in the same transaction). */
export async function revokeFeedsOfUser(tx: Tx, change: Change, userId: number, reason: string): Promise<number> {
  const live = await tx.selectFrom('calendar_feeds').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  for (const feed of live) await revokeFeed(tx, change, userId, feed.id, reason);
  return live.length;
}
