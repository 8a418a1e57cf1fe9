import { Router } from 'express';
import type { AppContext } from '../app';
import { buildHomePage } from '../presenters/home-page';

export function homeRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.render('home', await buildHomePage(db, clock));
  });
  return router;
}
