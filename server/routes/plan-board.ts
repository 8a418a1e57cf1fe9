import { Router } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { nodeInPath } from '../access/scopes';
import { calendarText } from '../calendar/calendar-text';
import { boardQuerySchema, buildPlanBoard } from '../presenters/plan-board';
import { idParam } from './params';

export function planBoardRoutes({ db, clock, publicBaseUrl }: AppContext): Router {
  const router = Router();

  router.get('/nodes/:id/plans/board', allow(db, 'read', nodeInPath), async (req, res) => {
    res.render('exercises/board', await buildPlanBoard(db, clock, idParam(req.params.id, 'That part of the organisation'), boardQuerySchema.parse(req.query)));
  });

  router.get('/nodes/:id/exercises.ics', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const text = await calendarText(db, clock, nodeId, publicBaseUrl);
    res
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="bulwark-exercises-${nodeId}.ics"`)
      .send(text);
  });

  return router;
}
