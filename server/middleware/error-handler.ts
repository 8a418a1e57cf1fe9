import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, notFound } from '../errors';

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('The page'));

/** Statuses and messages for errors body-parser and Express raise themselves. */
function fromHttpError(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null || !('status' in err) || typeof err.status !== 'number') return null;
  if (err.status === 413) return new AppError(413, 'too_large', 'What you sent is too large. Shorten the text and try again.');
  if (err.status >= 400 && err.status < 500) return new AppError(err.status, 'bad_request', 'The request could not be understood. Go back and try again.');
  return null;
}

const ERROR_TITLES: Record<number, string> = { 401: 'Sign in', 403: 'You do not have access', 404: 'Page not found' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = err instanceof AppError ? err : fromHttpError(err);
  const status = appError?.status ?? 500;
  // Every server error reaches the request's log line with its cause: a printer that timed out
  // (503) as much as a bug (500). Refusals (4xx) are the user's to fix and need no stack.
  if (status >= 500) res.err = err;
  const message = appError?.message ?? 'Something went wrong on our side. Nothing you entered has been lost: go back and try again.';
  if (res.headersSent) return;
  if (appError?.code === 'sign_in' && req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
    res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  res.status(status);
  if (req.path === '/healthz' || req.accepts(['html', 'json']) === 'json') {
    res.json({ error: appError?.code ?? 'internal_error', message });
    return;
  }
  const signInLink = appError?.code === 'sign_in' || appError?.code === 'csrf';
  res.render('error', { title: ERROR_TITLES[status] ?? 'There is a problem', status, message, signInLink: signInLink && !res.locals.user }, (renderError, html) => {
    if (renderError) {
      req.log.error({ err: renderError }, 'the error page failed to render');
      res.type('html').send(`<!doctype html><title>Error ${status}</title><h1>Error ${status}</h1><p>${escapeHtml(message)}</p>`);
      return;
    }
    res.send(html);
  });
};
