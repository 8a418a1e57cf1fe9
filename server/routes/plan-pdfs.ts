import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { nodeInPath, planInPath } from '../access/scopes';
import { AppError } from '../errors';
import { buildPlanPackDocument, buildPlanPrintDocument, type PlanVersionChoice } from '../presenters/plan-print';
import { findLatestApproved } from '../queries/plans';
import { buildRegisterPack } from '../presenters/register-pack';
import { buildAcceptedRegisterPack } from '../presenters/register-pack-accepted';
import { registerQuerySchema } from '../presenters/register-page';
import { signedInUser } from '../access/session';
import { idParam } from './params';

/** ?version=N prints approved version N, ?version=draft the draft; otherwise the version in force, or the draft of a plan never approved. */
async function versionAsked(db: AppContext['db'], planId: number, asked: unknown): Promise<PlanVersionChoice> {
  if (asked === 'draft') return 'draft';
  if (asked === undefined) return (await findLatestApproved(db, planId)) ? 'latest-approved' : 'draft';
  return { version: idParam(typeof asked === 'string' ? asked : undefined, 'That version of the plan') };
}

function sendPdf(res: Response, pdf: Buffer, filename: string): void {
  res.type('application/pdf');
  res.set('Content-Disposition', `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  // A printed plan may be OFFICIAL-SENSITIVE: nothing between here and the reader keeps a copy.
  res.set('Cache-Control', 'no-store');
  res.send(pdf);
}

export function planPdfRoutes({ db, clock, printer }: AppContext): Router {
  const router = Router();

  // Before /plans/:id, which would otherwise take "12.pdf" for an id.
  router.get('/plans/:id.pdf', allow(db, 'read', planInPath), async (req, res) => {
    const planId = idParam(req.params.id, 'That plan');
    const doc = await buildPlanPrintDocument(db, clock, planId, await versionAsked(db, planId, req.query.version));
    const version = doc.header.draft ? 'draft' : doc.header.versionLabel.replace(/\D+/g, 'v');
    sendPdf(res, await printer.plan(doc), `${doc.header.planRef}-${version}.pdf`);
  });

  router.get('/nodes/:id/plans.pdf', allow(db, 'read', nodeInPath), async (req, res) => {
    const pack = await buildPlanPackDocument(db, clock, idParam(req.params.id, 'That part of the organisation'));
    if (pack.plans.length === 0) throw new AppError(404, 'no_plans', `There are no plans for ${pack.scope} yet, so there is nothing to print.`);
    sendPdf(res, await printer.pack(pack), `plans-${pack.scope.slice(0, 40)}.pdf`);
  });

  // The register pack for the Audit and Risk Committee, with the register page's filters (docs/dashboard-and-pack.md).
  router.get('/nodes/:id/register.pdf', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const by = signedInUser(res)?.name ?? 'unknown';
    // ?quarter= prints the pack as accepted in that quarter's returns (a malformed or future quarter is a 400).
    if (req.query.quarter !== undefined) {
      const pack = await buildAcceptedRegisterPack(db, clock, nodeId, req.query.quarter, by);
      sendPdf(res, await printer.registerPack(pack), `register-pack-${pack.node.name.slice(0, 40)}-${pack.quarterLabel}-as-accepted.pdf`);
      return;
    }
    const pack = await buildRegisterPack(db, clock, nodeId, registerQuerySchema.parse(req.query), by);
    sendPdf(res, await printer.registerPack(pack), `register-pack-${pack.node.name.slice(0, 40)}-${pack.quarterLabel}.pdf`);
  });

  return router;
}
