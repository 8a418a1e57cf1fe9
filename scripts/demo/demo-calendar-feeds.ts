import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import type { Tx } from '../../db/connection';
import { hashFeedToken, newFeedToken } from '../../server/calendar/feed-token';
import { createFeed, revokeFeed } from '../../server/changes/calendar-feeds';

// Secret calendar feeds in the demo (docs/calendar-feeds.md), in each state: Hannah Sowerby
// (BCP coordinator, SCCTD) has a feed in use since last month and one she revoked when she
// changed phones; Stephen Mulligan's feed for IJOCD is in use. Their URLs were shown once, when
// made, and are not known to anyone: sign in as Hannah and make a new one to see the page's
// "Calendar feed made" state, then subscribe to it or fetch it with curl.

const at = (today: string, days: number, time = '09:15:00') => `${addDays(parseISO(today), days).toISOString().slice(0, 10)}T${time}.000Z`;

export async function loadDemoCalendarFeeds(
  tx: Tx,
  today: string,
  ids: { users: ReadonlyMap<string, { userId: number; name: string }>; nodeIds: ReadonlyMap<string, number> },
): Promise<void> {
  const hannah = ids.users.get('hannah-sowerby');
  const stephen = ids.users.get('stephen-mulligan');
  const scctd = ids.nodeIds.get('scctd');
  const ijocd = ids.nodeIds.get('ijocd');
  if (!hannah || !stephen || scctd === undefined || ijocd === undefined) return;
  const as = (user: { userId: number; name: string }, when: string) => ({ actor: { userId: user.userId, name: user.name }, at: when });

  const old = await createFeed(tx, as(hannah, at(today, -75)), { userId: hannah.userId, nodeId: scctd, tokenHash: hashFeedToken(newFeedToken()) });
  if (old.kind === 'created') await revokeFeed(tx, as(hannah, at(today, -33, '08:40:00')), hannah.userId, old.feedId, 'New phone: the old one is being returned to IT');
  await createFeed(tx, as(hannah, at(today, -33, '08:45:00')), { userId: hannah.userId, nodeId: scctd, tokenHash: hashFeedToken(newFeedToken()) });
  await createFeed(tx, as(stephen, at(today, -12, '14:05:00')), { userId: stephen.userId, nodeId: ijocd, tokenHash: hashFeedToken(newFeedToken()) });
}
