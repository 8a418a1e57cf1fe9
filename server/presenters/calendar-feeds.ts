import type { Db } from '../../db/connection';
import { formatDay } from '../domain/dates';
import { newFeedToken } from '../calendar/feed-token';
import { listFeedsOfUser } from '../queries/calendar-feeds';
import { loadTree } from '../queries/nodes';
import { notFound } from '../errors';

// The page where a person makes and revokes their secret calendar feeds for a node
// (docs/calendar-feeds.md). The URL of a feed is shown once, when it is made: only its hash is kept.

export async function buildCalendarPage(db: Db, nodeId: number, userId: number, extra: { createdUrl?: string; savedMessage?: string } = {}) {
  const tree = await loadTree(db);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const feeds = await listFeedsOfUser(db, userId, nodeId);
  const rows = feeds.map((f, i) => ({
    id: f.id,
    // Numbered oldest first, so a feed keeps its number as newer ones are made.
    number: feeds.length - i,
    created: formatDay(f.created_at.slice(0, 10)),
    revoked: f.revoked_at === null ? null : formatDay(f.revoked_at.slice(0, 10)),
  }));
  return {
    title: `Calendar feeds: ${node.name}`,
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Calendar' }],
    node: { id: node.id, name: node.name },
    live: rows.filter((r) => r.revoked === null),
    revoked: rows.filter((r) => r.revoked !== null),
    // The token the form sends back: made now, stored (as a hash) only if the form is sent.
    newToken: newFeedToken(),
    createdUrl: extra.createdUrl,
    savedMessage: extra.savedMessage,
  };
}

export async function buildRevokePage(db: Db, nodeId: number, userId: number, feedId: number) {
  const page = await buildCalendarPage(db, nodeId, userId);
  const feed = page.live.find((f) => f.id === feedId) ?? page.revoked.find((f) => f.id === feedId);
  if (!feed) throw notFound('That calendar feed');
  return { ...page, title: `Revoke calendar feed ${feed.number}: ${page.node.name}`, feed };
}
