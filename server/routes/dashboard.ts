import { Router } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { nodeInPath } from '../access/scopes';
import { buildDashboardPage, dashboardQuerySchema } from '../presenters/dashboard-page';
import { idParam } from './params';

export function dashboardRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  router.get('/nodes/:id/dashboard', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    res.render('dashboard/dashboard', await buildDashboardPage(db, clock, nodeId, dashboardQuerySchema.parse(req.query)));
  });
  return router;
}
