import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { RequestHandler } from 'express';
import { APP_VERSION } from './config';
import type { LogLevel } from './log-levels';

export type { Logger };


/** One JSON line per event on standard output (or the stream given, for tests), with secrets redacted. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bulwark', version: APP_VERSION },
      // Session cookies, CSRF tokens and passwords never reach a log.
      redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'req.body.password'], censor: '[redacted]' },
    },
    destination,
  );
}

/** A request id from a trusted proxy's header when it sent a sane one, otherwise a new one. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && /^[\w.:-]{8,100}$/.test(sent) ? sent : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** How long since `started` (performance.now()), in whole milliseconds as pino-http gave it. */
const elapsedMs = (started: number) => Math.round(performance.now() - started);

/**
 * One line per request when it ends: id, method, path, status, time and the signed-in user's
 * id. Statuses of 500 and above are logged as errors with the error and its cause, which the
 * error middleware hands over as `res.err`; a request the client dropped before its answer is a
 * warning. Written by hand rather than with pino-http, which made a child logger for every
 * request to write this one line: a fifth of a small page's time on the national bench.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req, res);
    req.id = id;
    req.log = logger;
    const line = () => {
      const user = (res.locals as { user?: { id: number } }).user;
      return { req: { id, method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: elapsedMs(started), ...(user ? { userId: user.id } : {}) };
    };
    const finished = () => {
      res.off('close', aborted);
      if (res.err !== undefined || res.statusCode >= 500) logger.error({ ...line(), err: res.err }, 'request errored');
      else if (res.statusCode >= 400) logger.warn(line(), 'request completed');
      else logger.info(line(), 'request completed');
    };
    // Closed before the answer was sent: the client went away, or a streamed answer failed
    // half-way (the route destroys the response and leaves its error in res.err).
    const aborted = () => {
      res.off('finish', finished);
      if (res.err !== undefined) logger.error({ ...line(), err: res.err }, 'request errored');
      else logger.warn(line(), 'request aborted');
    };
    res.once('finish', finished);
    res.once('close', aborted);
    next();
  };
}

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id, as sent back in X-Request-Id and written in its log line. */
    id: string;
    /** The logger, for a line about this request besides the one written when it ends. */
    log: Logger;
  }
  interface ServerResponse {
    /** The error behind a 5xx or a broken stream, for the request's log line. */
    err?: unknown;
  }
}
