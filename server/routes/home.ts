import { Router } from 'express';
import type { AppContext } from '../context';
import { signedIn } from '../access/guard';
import { signedInUser } from '../access/session';
import { readableRoots } from '../domain/roles';
import { buildHomePage } from '../presenters/home-page';
import { buildReturnLines } from '../presenters/return-pages';
import { today } from '../clock';

export function homeRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  router.get('/', signedIn, async (_req, res) => {
    const grants = signedInUser(res)?.grants ?? [];
    const [page, returnLines] = await Promise.all([buildHomePage(db, clock, readableRoots(grants)), buildReturnLines(db, today(clock), grants)]);
    res.render('home', { ...page, returnLines });
  });
  return router;
}
