import { Router } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { nodeInPath } from '../access/scopes';
import { buildRegisterPage, registerQuerySchema } from '../presenters/register-page';
import { idParam } from './params';

export function registerRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  router.get('/nodes/:id', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const page = await buildRegisterPage(db, clock, nodeId, registerQuerySchema.parse(req.query), (res.locals.may as Record<string, boolean> | undefined)?.manage_risks === true);
    const savedMessage = req.query.saved === 'suggestion-dismissed' ? 'Suggestion dismissed: it is not suggested here again unless the risk rises above its present level' : undefined;
    res.render('registers/register', { ...page, savedMessage });
  });
  return router;
}
