import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { readableNodesOf } from '../access/reader';
import { nodeInPath, riskInPath } from '../access/scopes';
import { today } from '../clock';
import { notFound, retiredNode } from '../errors';
import { decodeBase } from '../forms/conflict';
import { blankForm, editForm, optionTextDisplay, refusedForm, staleForm, type FormState } from '../forms/form-page';
import { hasErrors, mergeErrors, parseForm, typedValues } from '../forms/parse';
import { editRiskSchema, newRiskSchema, RISK_FIELD_LABELS, riskDateErrors, riskFormValues } from '../forms/risk-form';
import { findNode } from '../queries/nodes';
import { findRisk, insertRisk, updateRisk } from '../queries/risks';
import { buildRiskPage } from '../presenters/risk-page';
import { buildRiskHistoryPage } from '../presenters/risk-history-page';
import { checkRiskChoices, loadRiskFormChoices, riskFormOptions, type RiskFormChoices } from '../presenters/risk-form-page';
import { savedMessage } from '../presenters/saved-message';
import { changeOf, idParam, riskFromPath } from './params';

interface RiskFormHeadings {
  title: string;
  caption: string;
  heading: string;
  action: string;
  cancelHref: string;
  submitText: string;
  editing: boolean;
}

function renderRiskForm(res: Response, choices: RiskFormChoices, headings: RiskFormHeadings, form: FormState): void {
  res.status(form.status).render('risks/risk-form', { ...headings, ...form, options: riskFormOptions(choices, form.values) });
}

/** What a select or radio value looked like on the form, for the conflict table. */
function displayWith(choices: RiskFormChoices, values: Record<string, string>) {
  const options = riskFormOptions(choices, values);
  return optionTextDisplay({
    category_id: options.categories,
    objective_id: options.objectives,
    owner_id: options.owners,
    manager_id: options.managers,
    treatment: options.treatments,
    influence: options.influences,
    status: options.statuses,
  });
}

export function riskRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  router.get('/nodes/:id/risks/new', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const node = await findNode(db, nodeId);
    if (!node) throw notFound('That part of the organisation');
    if (node.retired_on !== null) throw retiredNode(node.name, node.retired_on);
    const choices = await loadRiskFormChoices(db, nodeId);
    // Treatment and influence are left for the manager to choose: a default would be a judgement nobody made.
    const values: Record<string, string> = { identified_on: today(clock) };
    if (choices.registers.length === 1) values.register_id = String(choices.registers[0]?.id);
    renderRiskForm(res, choices, newRiskHeadings(node), blankForm(values));
  });

  router.post('/nodes/:id/risks', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const node = await findNode(db, nodeId);
    if (!node) throw notFound('That part of the organisation');
    if (node.retired_on !== null) throw retiredNode(node.name, node.retired_on);
    const choices = await loadRiskFormChoices(db, nodeId);
    const values = typedValues(req.body);
    const parsed = parseForm(newRiskSchema, req.body);
    const errors = parsed.ok ? mergeErrors(riskDateErrors(parsed.data, today(clock)), checkRiskChoices(parsed.data, choices)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderRiskForm(res, choices, newRiskHeadings(node), refusedForm(values, errors));
      return;
    }
    const id = await db.transaction().execute((tx) => insertRisk(tx, changeOf(res, clock), { ...parsed.data, status: 'open' }));
    res.redirect(303, `/risks/${id}?saved=risk-added`);
  });

  router.get('/risks/:id', allow(db, 'read', riskInPath), async (req, res) => {
    const page = await buildRiskPage(db, clock, idParam(req.params.id, 'That risk'), await readableNodesOf(db, res));
    res.render('risks/risk', { ...page, savedMessage: savedMessage(SAVED_MESSAGES, req.query.saved) });
  });

  router.get('/risks/:id/history', allow(db, 'read', riskInPath), async (req, res) => {
    res.render('risks/risk-history', await buildRiskHistoryPage(db, idParam(req.params.id, 'That risk'), await readableNodesOf(db, res)));
  });

  router.get('/risks/:id/edit', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const choices = await loadRiskFormChoices(db, risk.node_id);
    renderRiskForm(res, choices, editRiskHeadings(risk), editForm(riskFormValues(risk)));
  });

  router.post('/risks/:id', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const choices = await loadRiskFormChoices(db, risk.node_id);
    const values = typedValues(req.body);
    const parsed = parseForm(editRiskSchema, req.body);
    const errors = parsed.ok ? mergeErrors(riskDateErrors(parsed.data, today(clock)), checkRiskChoices(parsed.data, choices)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderRiskForm(res, choices, editRiskHeadings(risk), refusedForm(values, errors));
      return;
    }
    const { version, ...form } = parsed.data;
    const closed = form.status === 'closed';
    const saved = await db.transaction().execute((tx) => updateRisk(tx, changeOf(res, clock), risk.id, version, {
      ...form,
      closed_on: closed ? form.closed_on : null,
      closure_reason: closed ? form.closure_reason : null,
    }));
    if (!saved) {
      const current = await findRisk(db, risk.id);
      if (!current) throw notFound('That risk');
      renderRiskForm(res, choices, editRiskHeadings(current), staleForm({
        what: 'risk',
        viewHref: `/risks/${risk.id}`,
        labels: RISK_FIELD_LABELS,
        base: decodeBase(req.body),
        saved: riskFormValues(current),
        entered: values,
        display: displayWith(choices, values),
      }));
      return;
    }
    res.redirect(303, `/risks/${risk.id}?saved=risk-changed`);
  });

  return router;
}

const SAVED_MESSAGES: Record<string, string> = {
  'risk-added': 'Risk added',
  'risk-changed': 'Changes saved',
  'action-added': 'Action added',
  'action-changed': 'Action saved',
  'action-completed': 'Action marked complete',
  review: 'Review recorded',
  'review-closed': 'Review recorded and the risk closed',
};

function newRiskHeadings(node: { id: number; name: string }): RiskFormHeadings {
  return {
    title: 'Add a risk',
    caption: node.name,
    heading: 'Add a risk',
    action: `/nodes/${node.id}/risks`,
    cancelHref: `/nodes/${node.id}`,
    submitText: 'Add risk',
    editing: false,
  };
}

function editRiskHeadings(risk: { id: number; title: string; node_name: string }): RiskFormHeadings {
  return {
    title: `Edit ${risk.title}`,
    caption: risk.node_name,
    heading: 'Edit risk',
    action: `/risks/${risk.id}`,
    cancelHref: `/risks/${risk.id}`,
    submitText: 'Save changes',
    editing: true,
  };
}
