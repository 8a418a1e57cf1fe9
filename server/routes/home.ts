import { Router } from 'express';
import type { AppContext } from '../context';
import { signedIn } from '../access/guard';
import { signedInUser } from '../access/session';
import { readableRoots } from '../domain/roles';
import { buildHomePage } from '../presenters/home-page';

export function homeRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  router.get('/', signedIn, async (_req, res) => {
    res.render('home', await buildHomePage(db, clock, readableRoots(signedInUser(res)?.grants ?? [])));
  });
  return router;
}
