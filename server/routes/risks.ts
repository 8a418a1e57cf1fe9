import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { readableNodesOf } from '../access/reader';
import { nodeInPath, riskInPath } from '../access/scopes';
import { today } from '../clock';
import { notFound, retiredNode } from '../errors';
import { decodeBase } from '../forms/conflict';
import { blankForm, editForm, optionTextDisplay, refusedForm, staleForm, type FormState } from '../forms/form-page';
import { formErrors, hasErrors, mergeErrors, parseForm, typedValues } from '../forms/parse';
import { registerOnTheWaySchema } from '../forms/register-form';
import { addRiskWithNewRegister } from '../changes/register-changes';
import { editRiskSchema, newRiskSchema, RISK_FIELD_LABELS, riskDateErrors, riskFormValues } from '../forms/risk-form';
import { findNode } from '../queries/nodes';
import { findRisk, insertRisk, updateRisk } from '../queries/risks';
import { buildRiskPage } from '../presenters/risk-page';
import { buildRiskHistoryPage } from '../presenters/risk-history-page';
import { checkRiskChoices, loadRiskFormChoices, riskFormOptions, type RiskFormChoices } from '../presenters/risk-form-page';
import { savedMessage } from '../presenters/saved-message';
import { changeOf, idParam, riskFromPath } from './params';
import { pageTitle } from '../presenters/page-title';

interface RiskFormHeadings {
  title: string;
  caption: string;
  heading: string;
  action: string;
  cancelHref: string;
  submitText: string;
  editing: boolean;
  /** A new risk for a node with no open register: the form names one, created with the risk. */
  registerOnTheWay?: boolean;
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
    // No open register yet: the form offers one, named after the node, created with the risk.
    if (choices.registers.length === 0) Object.assign(values, registerOnTheWayValues(node));
    renderRiskForm(res, choices, newRiskHeadings(node, choices), blankForm(values));
  });

  router.post('/nodes/:id/risks', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const node = await findNode(db, nodeId);
    if (!node) throw notFound('That part of the organisation');
    if (node.retired_on !== null) throw retiredNode(node.name, node.retired_on);
    const choices = await loadRiskFormChoices(db, nodeId);
    const values = typedValues(req.body);
    const headings = newRiskHeadings(node, choices);
    if (headings.registerOnTheWay) {
      await addRiskWithItsRegister();
      return;
    }
    const parsed = parseForm(newRiskSchema, req.body);
    const errors = parsed.ok ? mergeErrors(riskDateErrors(parsed.data, today(clock)), checkRiskChoices(parsed.data, choices)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderRiskForm(res, choices, headings, refusedForm(values, errors));
      return;
    }
    const id = await db.transaction().execute((tx) => insertRisk(tx, changeOf(res, clock), { ...parsed.data, status: 'open' }));
    res.redirect(303, `/risks/${id}?saved=risk-added`);

    /** The risk and the register it needs: both are saved, or neither. */
    async function addRiskWithItsRegister() {
      const risk = parseForm(newRiskSchema.omit({ register_id: true }), req.body);
      const register = parseForm(registerOnTheWaySchema, req.body);
      let errors = mergeErrors(register.ok ? formErrors([]) : register.errors, risk.ok ? mergeErrors(riskDateErrors(risk.data, today(clock)), checkRiskChoices(risk.data, choices)) : risk.errors);
      if (risk.ok && register.ok && !hasErrors(errors)) {
        const newRegister = { kind: register.data.new_register_kind, name: register.data.new_register_name, code: register.data.new_register_code };
        const outcome = await db.transaction().execute((tx) => addRiskWithNewRegister(tx, changeOf(res, clock), nodeId, newRegister, risk.data));
        if (outcome.kind === 'added') {
          res.redirect(303, `/risks/${outcome.riskId}?saved=risk-added-with-register`);
          return;
        }
        if (outcome.kind === 'retired') throw retiredNode(node?.name ?? '', node?.retired_on ?? '');
        errors = formErrors(outcome.problems);
      }
      renderRiskForm(res, choices, headings, refusedForm(values, errors));
    }
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
  'risk-added-with-register': 'Risk added, with the new register it belongs to',
  'risk-moved': 'Risk moved. It keeps its reference, reviews and actions.',
  escalated: 'Risk escalated: the register above has it as a proposal, waiting for its business managers to accept or decline it',
  'escalated-and-accepted': 'Risk escalated and accepted: this is the new risk in the register above, linked to the one it came from',
  'proposal-accepted': 'Proposal accepted: this is the new risk in your register',
  linked: 'Risks linked',
  unlinked: 'Link removed',
  'de-escalated': 'Risk de-escalated and closed',
  accepted: 'Acceptance recorded',
};

/** What the form suggests for the register created with a node's first risk. */
function registerOnTheWayValues(node: { name: string; code: string; kind: string }): Record<string, string> {
  return { new_register_kind: node.kind === 'division' || node.kind === 'organisation' ? 'divisional' : 'unit', new_register_name: `${node.name} register`, new_register_code: node.code };
}

function newRiskHeadings(node: { id: number; name: string }, choices: RiskFormChoices): RiskFormHeadings {
  return {
    title: pageTitle('Add a risk', node.name),
    caption: node.name,
    heading: 'Add a risk',
    action: `/nodes/${node.id}/risks`,
    cancelHref: `/nodes/${node.id}`,
    submitText: 'Add risk',
    editing: false,
    registerOnTheWay: choices.registers.length === 0,
  };
}

function editRiskHeadings(risk: { id: number; reference: string; node_name: string }): RiskFormHeadings {
  return {
    title: pageTitle('Edit risk', risk.reference),
    caption: risk.node_name,
    heading: 'Edit risk',
    action: `/risks/${risk.id}`,
    cancelHref: `/risks/${risk.id}`,
    submitText: 'Save changes',
    editing: true,
  };
}
