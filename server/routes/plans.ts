import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { readableNodesOf } from '../access/reader';
import { nodeInPath, planInPath } from '../access/scopes';
import { isReadable } from '../domain/roles';
import { today } from '../clock';
import { parsePlanContent } from '../domain/plan-content';
import { approvePlan, createPlan } from '../changes/plan-writes';
import { PROTECTIVE_MARKINGS } from '../domain/vocabulary';
import { notFound } from '../errors';
import { decodeBase } from '../forms/conflict';
import { editForm, optionTextDisplay, refusedForm, staleForm, type FormState } from '../forms/form-page';
import { formErrors, hasErrors, mergeErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { approvalDateErrors, approvePlanSchema, checkPlanChoices, editPlanSchema, newPlanSchema, PLAN_FIELD_LABELS } from '../forms/plan-form';
import { missingSections } from '../domain/plan-content';
import { findNode } from '../queries/nodes';
import { listPeople } from '../queries/reference';
import {
  findDraft,
  findLatestApproved,
  listLivePlans,
  listSitesOfNode,
  planReviewMonths,
  updatePlanDetails,
  type PlanDetailRow,
} from '../queries/plans';
import { placeholder, toOptions } from '../presenters/options';
import { loadPeopleChoices, nameAndJob, peopleOptions, type PeopleChoices } from '../presenters/people-options';
import { buildPlanListPage, buildPlanPage, loadPlan, planBreadcrumbs } from '../presenters/plan-page';
import { buildPlanExercisingPanel } from '../presenters/exercise-pages';
import { changeOf, idParam, livePlanFromPath } from './params';
import { pageTitle } from '../presenters/page-title';

// After a save the browser is sent back to the plan with ?saved=…; only these known words are shown.
const SAVED_MESSAGES: Record<string, string> = {
  'plan-added': 'Plan added. It starts as a draft in the standard format.',
  'plan-changed': 'Plan details saved',
  section: 'Section saved',
  'draft-started': 'Section saved in a new draft. The approved version stays in force until this draft is approved.',
  approved: 'Plan approved',
};

function savedMessage(saved: unknown): string | undefined {
  return typeof saved === 'string' && Object.hasOwn(SAVED_MESSAGES, saved) ? SAVED_MESSAGES[saved] : undefined;
}

interface PlanFormChoices {
  sites: { id: number; name: string }[];
  /** Everyone, the people of the plan's node and above listed first. */
  people: PeopleChoices;
  plans: { id: number; ref: string; title: string }[];
}

function planFormOptions(choices: PlanFormChoices, values: Record<string, string>) {
  return {
    sites: [placeholder('No one site: the whole of this part of the organisation', values.site_id), ...toOptions(choices.sites, (s) => s.id, (s) => s.name, values.site_id)],
    owners: peopleOptions(choices.people, values.owner_id, 'Select the owner', nameAndJob),
    markings: toOptions(PROTECTIVE_MARKINGS, (m) => m, (m) => m, values.protective_marking),
    copyFrom: [placeholder('The standard template', values.copy_from), ...toOptions(choices.plans, (p) => p.id, (p) => `${p.ref} ${p.title}`, values.copy_from)],
  };
}

/** The plan form's ids must name a site of the node, a person, a readable plan. */
const checkChoices = (form: Parameters<typeof checkPlanChoices>[0], choices: PlanFormChoices) =>
  checkPlanChoices(form, { sites: choices.sites, people: choices.people.everyone, plans: choices.plans });

export function planRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function nodeFromPath(value: string | string[] | undefined) {
    const node = await findNode(db, idParam(value, 'That part of the organisation'));
    if (!node) throw notFound('That part of the organisation');
    return node;
  }

  /** Sites of the node, people, and the plans this person may read (to copy one). */
  async function planFormChoices(res: Response, nodeId: number): Promise<PlanFormChoices> {
    const [sites, people, plans, readable] = await Promise.all([
      listSitesOfNode(db, nodeId),
      loadPeopleChoices(db, nodeId),
      listLivePlans(db),
      readableNodesOf(db, res),
    ]);
    return { sites, people, plans: plans.filter((p) => isReadable(readable, p.node_id)) };
  }

  // ---- A node's plans, and a new plan ----

  router.get('/nodes/:id/plans', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    res.render('plans/plans', await buildPlanListPage(db, clock, nodeId, req.query.scope === 'all'));
  });

  async function renderNewPlan(res: Response, node: { id: number; name: string }, values: Record<string, string>, status = 200, errors?: FormErrors) {
    const choices = await planFormChoices(res, node.id);
    res.status(status).render('plans/plan-new', {
      title: pageTitle('Add a plan', node.name),
      breadcrumbs: await planBreadcrumbs(db, node.id, { text: 'Add a plan' }),
      node,
      values,
      errors,
      options: planFormOptions(choices, values),
    });
  }

  router.get('/nodes/:id/plans/new', allow(db, 'manage_plans', nodeInPath), async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    await renderNewPlan(res, node, { protective_marking: 'OFFICIAL-SENSITIVE', title: `${node.name} business continuity plan` });
  });

  router.post('/nodes/:id/plans', allow(db, 'manage_plans', nodeInPath), async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(newPlanSchema, req.body);
    const choices = await planFormChoices(res, node.id);
    const errors = parsed.ok ? checkChoices(parsed.data, choices) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      await renderNewPlan(res, node, values, 400, errors);
      return;
    }
    const form = parsed.data;
    const id = await db.transaction().execute((tx) => createPlan(tx, changeOf(res, clock), {
      node,
      site: choices.sites.find((s) => s.id === form.site_id) ?? null,
      title: form.title,
      ownerId: form.owner_id,
      protectiveMarking: form.protective_marking,
      copyFrom: form.copy_from,
    }));
    res.redirect(303, `/plans/${id}?saved=plan-added`);
  });

  // ---- The plan, its versions, its details ----

  router.get('/plans/:id', allow(db, 'read', planInPath), async (req, res) => {
    const page = await buildPlanPage(db, clock, idParam(req.params.id, 'That plan'));
    const exercising = await buildPlanExercisingPanel(db, clock, page.plan.id, await readableNodesOf(db, res));
    res.render('plans/plan', { ...page, exercising, savedMessage: savedMessage(req.query.saved) });
  });

  router.get('/plans/:id/versions/:number', allow(db, 'read', planInPath), async (req, res) => {
    const page = await buildPlanPage(db, clock, idParam(req.params.id, 'That plan'), idParam(req.params.number, 'That version of the plan'));
    res.render('plans/plan', page);
  });

  const detailValues = (plan: PlanDetailRow): Record<string, string> => ({
    title: plan.title,
    site_id: plan.site_id === null ? '' : String(plan.site_id),
    owner_id: plan.owner_id === null ? '' : String(plan.owner_id),
    protective_marking: plan.protective_marking,
    version: String(plan.version),
  });

  async function renderPlanDetails(res: Response, plan: PlanDetailRow, form: FormState) {
    const choices = await planFormChoices(res, plan.node_id);
    res.status(form.status).render('plans/plan-details', {
      title: pageTitle('Edit plan details', plan.ref),
      breadcrumbs: await planBreadcrumbs(db, plan.node_id, { text: plan.ref, href: `/plans/${plan.id}` }, { text: 'Edit details' }),
      plan,
      ...form,
      options: planFormOptions(choices, form.values),
    });
  }

  router.get('/plans/:id/edit', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await loadPlan(db, idParam(req.params.id, 'That plan'));
    await renderPlanDetails(res, plan, editForm(detailValues(plan)));
  });

  router.post('/plans/:id', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await loadPlan(db, idParam(req.params.id, 'That plan'));
    const values = typedValues(req.body);
    const parsed = parseForm(editPlanSchema, req.body);
    const errors = parsed.ok ? checkChoices(parsed.data, await planFormChoices(res, plan.node_id)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      await renderPlanDetails(res, plan, refusedForm(values, errors));
      return;
    }
    const { version, ...changes } = parsed.data;
    if (!(await db.transaction().execute((tx) => updatePlanDetails(tx, changeOf(res, clock), plan, version, changes)))) {
      const current = await loadPlan(db, plan.id);
      const options = planFormOptions(await planFormChoices(res, plan.node_id), values);
      await renderPlanDetails(res, current, staleForm({
        what: 'plan',
        viewHref: `/plans/${plan.id}`,
        labels: PLAN_FIELD_LABELS,
        base: decodeBase(req.body),
        saved: detailValues(current),
        entered: values,
        display: optionTextDisplay({ site_id: options.sites, owner_id: options.owners }),
      }));
      return;
    }
    res.redirect(303, `/plans/${plan.id}?saved=plan-changed`);
  });

  // ---- Approval ----

  async function renderApprove(res: Response, plan: PlanDetailRow, values: Record<string, string>, status = 200, errors?: FormErrors, stale?: string) {
    const [draft, latest, people] = await Promise.all([findDraft(db, plan.id), findLatestApproved(db, plan.id), loadPeopleChoices(db, plan.node_id)]);
    const missing = draft ? missingSections(parsePlanContent(draft.content)) : [];
    res.status(status).render('plans/plan-approve', {
      title: pageTitle('Approve a plan', plan.ref),
      breadcrumbs: await planBreadcrumbs(db, plan.node_id, { text: plan.ref, href: `/plans/${plan.id}` }, { text: 'Approve' }),
      plan,
      draft,
      nextNumber: (latest?.number ?? 0) + 1,
      reviewMonths: await planReviewMonths(db),
      missing,
      values: { ...values, draft_id: values.draft_id ?? String(draft?.id ?? ''), version: values.version ?? String(draft?.version ?? '') },
      errors,
      stale,
      approvers: peopleOptions(people, values.approver_id, 'Select who approved the plan', nameAndJob),
    });
  }

  router.get('/plans/:id/approve', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await livePlanFromPath(db, req.params.id);
    const latest = await findLatestApproved(db, plan.id);
    await renderApprove(res, plan, {
      approved_on: today(clock),
      approver_id: plan.owner_id === null ? '' : String(plan.owner_id),
      change_summary: latest ? '' : 'First issue in the standard format',
    });
  });

  router.post('/plans/:id/approve', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await livePlanFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(approvePlanSchema, req.body);
    const [draft, latest, people] = await Promise.all([findDraft(db, plan.id), findLatestApproved(db, plan.id), listPeople(db)]);
    if (!draft) {
      await renderApprove(res, plan, {}, 409, undefined, latest ? `Version ${latest.number} was approved while this page was open, and there is no draft to approve now.` : undefined);
      return;
    }
    const missing = missingSections(parsePlanContent(draft.content));
    const missingErrors = formErrors(missing.map((m): [string, string] => [`missing-${m.number}`, `Section ${m.number}, ${m.title}: ${m.missing.join('; ')}`]));
    const errors = parsed.ok
      ? mergeErrors(
          missingErrors,
          approvalDateErrors(parsed.data.approved_on, today(clock), latest?.approved_on ?? null),
          people.some((p) => p.id === parsed.data.approver_id) ? formErrors([]) : formErrors([['approver_id', 'Select who approved the plan from the list']]),
        )
      : mergeErrors(missingErrors, parsed.errors);
    if (!parsed.ok || hasErrors(errors)) {
      await renderApprove(res, plan, values, 400, errors);
      return;
    }
    const form = parsed.data;
    const number = await db.transaction().execute((tx) => approvePlan(tx, changeOf(res, clock), plan, {
      draftId: form.draft_id,
      draftVersion: form.version,
      approverId: form.approver_id,
      approvedOn: form.approved_on,
      changeSummary: form.change_summary,
    }));
    if (number === null) {
      const by = draft.updated_by || 'Someone';
      await renderApprove(res, plan, { ...values, draft_id: String(draft.id), version: String(draft.version) }, 409, undefined,
        `${by} changed the draft after this page was opened. Read the plan again before approving it.`);
      return;
    }
    res.redirect(303, `/plans/${plan.id}?saved=approved`);
  });

  return router;
}
