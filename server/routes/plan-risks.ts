import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { riskInPath } from '../access/scopes';
import { readableNodesOf } from '../access/reader';
import { isReadable } from '../domain/roles';
import { planLinkSchema } from '../forms/plan-link-form';
import { formErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { linkPlanToRisk, unlinkPlanFromRisk } from '../queries/plan-risks';
import { findPlan } from '../queries/plans';
import type { RiskDetailRow } from '../queries/risks';
import { loadLinkablePlans, loadLinkedPlans } from '../presenters/risk-plans';
import { confirmPage } from '../presenters/confirm-page';
import { placeholder, toOptions } from '../presenters/options';
import { notFound } from '../errors';
import { changeOf, riskFromPath } from './params';
import { pageTitle } from '../presenters/page-title';

const SAVED: Record<string, string> = { linked: 'Plan linked', unlinked: 'Plan unlinked' };

export function planRiskRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function renderLinks(res: Response, risk: RiskDetailRow, extra: { status?: number; errors?: FormErrors; values?: Record<string, string>; savedMessage?: string } = {}) {
    const readable = await readableNodesOf(db, res);
    const [{ plans: linked, unseen }, linkable] = await Promise.all([loadLinkedPlans(db, clock, risk.id, readable), loadLinkablePlans(db, risk.node_id, readable)]);
    const unlinked = linkable.filter((p) => !linked.some((l) => l.id === p.id));
    const { reference } = risk;
    res.status(extra.status ?? 200).render('exercises/risk-plans', {
      title: pageTitle('Linked plans', reference),
      risk: { ...risk, reference },
      linked,
      unseenPlans: unseen,
      options: [placeholder('Select a plan', extra.values?.plan_id), ...toOptions(unlinked, (p) => p.id, (p) => `${p.ref} ${p.title} (${p.node_name})`, extra.values?.plan_id)],
      canLink: unlinked.length > 0,
      errors: extra.errors,
      savedMessage: extra.savedMessage,
    });
  }

  router.get('/risks/:id/plans', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const saved = typeof req.query.saved === 'string' && Object.hasOwn(SAVED, req.query.saved) ? SAVED[req.query.saved] : undefined;
    await renderLinks(res, risk, { savedMessage: saved });
  });

  router.post('/risks/:id/plans', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const parsed = parseForm(planLinkSchema, req.body);
    const linkable = parsed.ok ? await loadLinkablePlans(db, risk.node_id, await readableNodesOf(db, res)) : [];
    if (!parsed.ok || !linkable.some((p) => p.id === parsed.data.plan_id)) {
      const errors = parsed.ok ? formErrors([['plan_id', 'Select a plan from the list']]) : parsed.errors;
      await renderLinks(res, risk, { status: 400, errors, values: typedValues(req.body) });
      return;
    }
    await db.transaction().execute((tx) => linkPlanToRisk(tx, changeOf(res, clock), risk.id, parsed.data.plan_id));
    res.redirect(303, `/risks/${risk.id}/plans?saved=linked`);
  });

  // Confirmation first: the "Unlink" in the table of linked plans is a link to this page.
  router.get('/risks/:id/plans/unlink', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const parsed = parseForm(planLinkSchema, req.query);
    const plan = parsed.ok ? await findPlan(db, parsed.data.plan_id) : undefined;
    // A plan the person cannot read is not theirs to unlink, and its name is not shown.
    if (!parsed.ok || !plan || !isReadable(await readableNodesOf(db, res), plan.node_id)) throw notFound('That plan');
    res.render('confirm', confirmPage({
      title: `Unlink ${plan.ref} from ${risk.reference}`,
      caption: `${risk.reference} · ${risk.node_name}`,
      heading: `Unlink ${plan.ref} from this risk?`,
      details: [`${plan.ref} ${plan.title} will no longer be listed as a plan that responds to “${risk.title}”, and its tests no longer show on the risk. You can link it again.`],
      action: `/risks/${risk.id}/plans/unlink`,
      hidden: [{ name: 'plan_id', value: String(plan.id) }],
      button: 'Unlink the plan',
      cancelHref: `/risks/${risk.id}/plans`,
    }));
  });

  router.post('/risks/:id/plans/unlink', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const parsed = parseForm(planLinkSchema, req.body);
    // Unlinking what is already unlinked (a second click, another tab) is not an error.
    if (!parsed.ok) {
      await renderLinks(res, risk, { status: 400, errors: parsed.errors });
      return;
    }
    // Only plans the person can see are theirs to unlink; another is treated as not linked, so
    // the answer says nothing about a plan they cannot read.
    const plan = await findPlan(db, parsed.data.plan_id);
    if (plan && isReadable(await readableNodesOf(db, res), plan.node_id)) {
      await db.transaction().execute((tx) => unlinkPlanFromRisk(tx, changeOf(res, clock), risk.id, parsed.data.plan_id));
    }
    res.redirect(303, `/risks/${risk.id}/plans?saved=unlinked`);
  });

  return router;
}
