import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { allow, anyone, scopeOfNode } from '../access/guard';
import { nodeInPath } from '../access/scopes';
import { signedInUser } from '../access/session';
import { FEED_TOKEN_PATTERN, feedUrl, hashFeedToken } from '../calendar/feed-token';
import { calendarText } from '../calendar/calendar-text';
import { createFeed, revokeFeed } from '../changes/calendar-feeds';
import { permits } from '../domain/roles';
import { AppError, notFound } from '../errors';
import { findFeedByTokenHash } from '../queries/calendar-feeds';
import { buildCalendarPage, buildRevokePage } from '../presenters/calendar-feeds';
import { changeOf, idParam } from './params';

// Secret calendar feeds (docs/calendar-feeds.md): made and revoked by their owner on the node's
// calendar page; fetched by a calendar program, which cannot sign in, with the token as the key.

const createSchema = z.object({ token: z.string().regex(FEED_TOKEN_PATTERN) });

/** Not found, revoked, or its owner no longer may read the node: the same answer says nothing about which. */
const feedGone = () => new AppError(404, 'not_found', 'There is no calendar here. The feed may have been revoked: make a new one in Bulwark.');

export function calendarFeedRoutes({ db, clock, publicBaseUrl }: AppContext): Router {
  const router = Router();

  router.get('/nodes/:id/calendar', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const saved = req.query.saved === 'revoked' ? 'Calendar feed revoked: calendars using it get nothing more' : undefined;
    res.render('calendar/feeds', await buildCalendarPage(db, nodeId, signedInUser(res)!.id, { savedMessage: saved }));
  });

  router.post('/nodes/:id/calendar/feeds', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const user = signedInUser(res)!;
    const parsed = createSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError(400, 'bad_request', 'This form was not sent whole, so no feed was made. Go back, reload the page and try again.');
    }
    const token = parsed.data.token;
    const outcome = await db.transaction().execute((tx) => createFeed(tx, changeOf(res, clock), { userId: user.id, nodeId, tokenHash: hashFeedToken(token) }));
    if (outcome.kind === 'refused') {
      throw new AppError(409, 'conflict', 'This form has been used already, so no feed was made. Go back, reload the page and make a new feed.');
    }
    // Shown from the POST itself, never redirected to: the URL must not sit in a GET address or
    // the browser history. Sending the form again shows the same feed (the token is the form's).
    res.render('calendar/feeds', await buildCalendarPage(db, nodeId, user.id, { createdUrl: feedUrl(publicBaseUrl, token) }));
  });

  router.get('/nodes/:id/calendar/feeds/:feedId/revoke', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    res.render('calendar/revoke', await buildRevokePage(db, nodeId, signedInUser(res)!.id, idParam(req.params.feedId, 'That calendar feed')));
  });

  router.post('/nodes/:id/calendar/feeds/:feedId/revoke', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const feedId = idParam(req.params.feedId, 'That calendar feed');
    const outcome = await db.transaction().execute((tx) => revokeFeed(tx, changeOf(res, clock), signedInUser(res)!.id, feedId));
    if (outcome.kind === 'no_such_feed') throw notFound('That calendar feed');
    // Revoking twice (a second click, another tab) lands on the same page: the feed is revoked either way.
    res.redirect(303, `/nodes/${nodeId}/calendar?saved=revoked`);
  });

  // Open to anyone holding the token: the owner's access is checked here, at every fetch.
  router.get('/feeds/:token.ics', anyone, async (req, res) => {
    const token = req.params.token;
    if (typeof token !== 'string' || !FEED_TOKEN_PATTERN.test(token)) throw feedGone();
    const feed = await findFeedByTokenHash(db, hashFeedToken(token));
    if (!feed) throw feedGone();
    if (feed.revoked_at !== null || feed.disabled_on !== null) {
      // 410: calendar programs that understand it stop asking.
      throw new AppError(410, 'gone', 'This calendar feed has been revoked. Make a new one in Bulwark.');
    }
    const scope = await scopeOfNode(db, feed.node_id);
    if (!scope || !permits(feed.grants, 'read', scope)) throw feedGone();
    const text = await calendarText(db, clock, feed.node_id, publicBaseUrl);
    res
      .type('text/calendar; charset=utf-8')
      // The URL is the secret: nothing keeps a copy, no search engine lists it.
      .set('Cache-Control', 'no-store')
      .set('X-Robots-Tag', 'noindex')
      .send(text);
  });

  return router;
}
