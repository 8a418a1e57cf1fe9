import { Router } from 'express';
import { sql } from 'kysely';
import type { AppContext } from '../context';
import { anyone } from '../access/guard';
import { APP_VERSION } from '../config';

export function healthRoutes({ db }: AppContext): Router {
  const router = Router();
  router.get('/healthz', anyone, async (_req, res) => {
    let database = 'ok';
    try {
      await sql`select 1`.execute(db);
    } catch {
      database = 'unavailable';
    }
    res.status(database === 'ok' ? 200 : 503).json({ status: database === 'ok' ? 'ok' : 'degraded', version: APP_VERSION, database });
  });
  return router;
}

