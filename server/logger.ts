import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
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

/**
 * One line per request when it ends: id, method, path, status, time and the signed-in user's
 * id. Statuses of 500 and above are logged as errors with the error and its cause, which the
 * error middleware hands over as `res.err`.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customProps: (_req, res) => {
      const user = (res as ServerResponse & { locals?: { user?: { id: number } } }).locals?.user;
      return user ? { userId: user.id } : {};
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
