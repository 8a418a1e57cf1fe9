import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { addHours } from 'date-fns/addHours';
import { subHours } from 'date-fns/subHours';
import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { deleteSession, extendSession, findSessionUser, insertSession } from '../queries/sessions';
import type { SignedInUser } from '../queries/users';
import type { Actor } from '../domain/audit';

export const SESSION_COOKIE = 'bulwark_session';
/** Before sign-in there is no session: the sign-in form's token is this cookie's value (double submit). */
export const CSRF_COOKIE = 'bulwark_csrf';
/** A session ends after this long unused: a working day. */
const SESSION_IDLE_HOURS = 8;
/** And this long after sign-in however busy it is, so a stolen cookie cannot be kept alive for ever (ASVS 3.3.1). */
export const SESSION_ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most this often, so reading pages stays free of writes. */
const TOUCH_EVERY_MINUTES = 5;

export interface CookieSettings {
  /** Behind TLS: cookies get `Secure`. */
  secure: boolean;
}

function cookieOptions(settings: CookieSettings) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: settings.secure, path: '/' };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export function signedInUser(res: Response): SignedInUser | undefined {
  return res.locals.user as SignedInUser | undefined;
}

/** Starts a session for a user who has just proved who they are. */
export async function startSession(db: Db, clock: Clock, settings: CookieSettings, res: Response, userId: number): Promise<void> {
  const token = newToken();
  const now = clock.now();
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    csrfToken: newToken(),
    nowIso: now.toISOString(),
    expiresAt: addHours(now, SESSION_IDLE_HOURS).toISOString(),
  });
  res.cookie(SESSION_COOKIE, token, cookieOptions(settings));
}

export async function endSession(db: Db, settings: CookieSettings, req: Request, res: Response): Promise<void> {
  const token = req.cookies?.[SESSION_COOKIE];
  if (typeof token === 'string') await deleteSession(db, hashToken(token));
  res.clearCookie(SESSION_COOKIE, cookieOptions(settings));
}

/**
 * Finds who is signed in (res.locals.user, .actor) and the token every form must send back
 * (res.locals.csrfToken). Signs nobody in and refuses nothing: the guards and the CSRF check do.
 */
export function loadSession(db: Db, clock: Clock, settings: CookieSettings): RequestHandler {
  return async (req, res, next) => {
    const token = req.cookies?.[SESSION_COOKIE];
    const now = clock.now();
    if (typeof token === 'string' && token.length > 0 && token.length < 100) {
      const found = await findSessionUser(db, hashToken(token), now.toISOString(), subHours(now, SESSION_ABSOLUTE_HOURS).toISOString());
      if (found) {
        res.locals.user = found.user;
        res.locals.actor = { userId: found.user.id, name: found.user.name } satisfies Actor;
        res.locals.csrfToken = found.csrfToken;
        // Only which links to show: every admin route checks the real rule itself.
        res.locals.showAdmin = found.user.grants.some((g) => g.role === 'admin' && g.node_id === null);
        // Date.parse, not date-fns' parseISO: this runs on every request, and the stored time is toISOString()'s.
        if (Date.parse(found.lastSeenAt) + TOUCH_EVERY_MINUTES * 60_000 < now.getTime()) {
          await extendSession(db, hashToken(token), now.toISOString(), addHours(now, SESSION_IDLE_HOURS).toISOString());
        }
        next();
        return;
      }
    }
    let csrf = req.cookies?.[CSRF_COOKIE];
    if (typeof csrf !== 'string' || csrf.length < 20 || csrf.length > 100) {
      csrf = newToken();
      res.cookie(CSRF_COOKIE, csrf, { ...cookieOptions(settings), sameSite: 'strict' });
    }
    res.locals.csrfToken = csrf;
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfRefused = () =>
  new AppError(403, 'csrf', 'This form has expired or was sent from another site, so nothing was saved. Go back, reload the page and try again.');

/** Paths that take a file (multipart/form-data): only these, and only multipart bodies, are left to the upload's reader. */
const UPLOAD_PATHS = [/^\/nodes\/\d{1,9}\/import$/];

/**
 * A multipart upload's body is not parsed before the route: its token is the form's first field,
 * and the upload's reader (server/spreadsheets/upload.ts) checks it with `csrfTokenMatches`
 * before it reads a byte of the file, after the route's access rule has run.
 */
export function isUploadRequest(req: Request): boolean {
  return req.method === 'POST' && UPLOAD_PATHS.some((path) => path.test(req.path)) && req.is('multipart/form-data') === 'multipart/form-data';
}

export function csrfTokenMatches(sent: unknown, res: Response): boolean {
  return sameToken(sent, res.locals.csrfToken);
}

function sameToken(sent: unknown, expected: unknown): boolean {
  if (typeof sent !== 'string' || typeof expected !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

/**
 * Every state-changing request must carry the session's token, as the hidden `_csrf` field of
 * a form or an `X-CSRF-Token` header: a page on another site can make a browser post, with its
 * cookies, but cannot read the token.
 */
export const requireCsrfToken: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (isUploadRequest(req)) return next();
  const body = req.body as Record<string, unknown> | undefined;
  const sent = body?._csrf ?? req.get('x-csrf-token');
  if (!sameToken(sent, res.locals.csrfToken)) throw csrfRefused();
  if (body) delete body._csrf;
  next();
};
