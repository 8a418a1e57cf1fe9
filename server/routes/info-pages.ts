import { Router } from 'express';
import type { AppContext } from '../context';
import { anyone } from '../access/guard';

// The pages every public service publishes, linked from the footer and open to anyone: the
// accessibility statement (required of public sector websites by the 2018 regulations),
// privacy and cookies. Their titles leave out "for Bulwark": the layout ends every title with it.
const PAGES = [
  { path: '/accessibility', view: 'info/accessibility', title: 'Accessibility statement' },
  { path: '/privacy', view: 'info/privacy', title: 'Privacy notice' },
  { path: '/cookies', view: 'info/cookies', title: 'Cookies' },
] as const;

export function infoPageRoutes(_ctx: AppContext): Router {
  const router = Router();
  for (const page of PAGES) {
    router.get(page.path, anyone, (_req, res) => {
      res.render(page.view, { title: page.title });
    });
  }
  return router;
}
