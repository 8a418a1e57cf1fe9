import { Router } from 'express';
import type { AppContext } from '../../context';
import { adminOnly } from './guard';
import { adminNodeRoutes } from './nodes';
import { adminSiteRoutes } from './sites';
import { adminListRoutes } from './lists';
import { adminMatrixRoutes } from './matrix';
import { adminSettingsRoutes } from './settings';

const SECTIONS = [
  { href: '/admin/nodes', title: 'Organisation tree', description: 'Add, rename, move and retire divisions, units and teams.' },
  { href: '/admin/users', title: 'Users and roles', description: 'Who can sign in, and the roles each person holds over parts of the organisation.' },
  { href: '/admin/sites', title: 'Sites', description: 'The buildings people work in, and which teams, units and divisions work at each.' },
  { href: '/admin/categories', title: 'Risk categories and appetite', description: 'The categories a risk can have, their order, and the highest acceptable level for each.' },
  { href: '/admin/objectives', title: 'Strategic objectives', description: 'The objectives a risk can threaten, in order.' },
  { href: '/admin/matrix', title: 'Risk matrix', description: 'Labels for each likelihood and impact, the levels and their colours, and the level of every cell.' },
  { href: '/admin/settings', title: 'Cadences and settings', description: 'The financial year, how often registers are reviewed, plans reviewed and exercises held.' },
];

/** Everything under /admin: the landing page and each area's routes. */
export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  const admin = adminOnly(ctx.db);
  router.get('/admin', admin, (_req, res) => {
    res.render('admin/index', { title: 'Admin', sections: SECTIONS });
  });
  router.use(adminNodeRoutes(ctx));
  router.use(adminSiteRoutes(ctx));
  router.use(adminListRoutes(ctx));
  router.use(adminMatrixRoutes(ctx));
  router.use(adminSettingsRoutes(ctx));
  return router;
}
