import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { actionInPath, riskInPath } from '../access/scopes';
import { today } from '../clock';
import { notFound } from '../errors';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../domain/vocabulary';
import { ACTION_FIELD_LABELS, actionFormValues, completeActionSchema, editActionSchema, newActionSchema } from '../forms/action-form';
import { decodeBase } from '../forms/conflict';
import { blankForm, editForm, optionTextDisplay, refusedForm, staleForm, type FormState } from '../forms/form-page';
import { DATE_PARTS } from '../forms/date-input';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors, type FormProblem } from '../forms/parse';
import { findAction, insertAction, updateAction } from '../queries/actions';
import { toOptions } from '../presenters/options';
import { pageTitle, shortName } from '../presenters/page-title';
import { loadPeopleChoices, peopleOptions, type PeopleChoices } from '../presenters/people-options';
import { changeOf, idParam, riskFromPath } from './params';


interface ActionFormHeadings {
  title: string;
  heading: string;
  caption: string;
  action: string;
  cancelHref: string;
  editing: boolean;
}

function actionOptions(people: PeopleChoices, values: Record<string, string>) {
  return {
    owners: peopleOptions(people, values.owner_id, 'Not assigned'),
    statuses: toOptions(ACTION_STATUSES, (s) => s, (s) => ACTION_STATUS_LABELS[s], values.status),
  };
}

function renderActionForm(res: Response, people: PeopleChoices, headings: ActionFormHeadings, form: FormState): void {
  res.status(form.status).render('risks/action-form', { ...headings, ...form, options: actionOptions(people, form.values) });
}

/** Checks that need the database or today: the owner exists, and nothing is completed in the future. */
function checkAction(form: { owner_id: number | null; status: string; completed_on: string | null }, people: PeopleChoices, today: string): FormErrors {
  const problems: FormProblem[] = [];
  if (form.owner_id !== null && !people.everyone.some((p) => p.id === form.owner_id)) problems.push(['owner_id', 'Select the action owner from the list']);
  if (form.status === 'completed' && form.completed_on !== null && form.completed_on > today) problems.push(['completed_on', 'Date completed must be today or in the past', DATE_PARTS]);
  return formErrors(problems);
}

/** Completed actions keep their completion date; any other status has none. */
function completion(form: { status: string; completed_on: string | null }) {
  return form.status === 'completed' ? form.completed_on : null;
}

export function actionRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function loadAction(id: string | string[] | undefined) {
    const action = await findAction(db, idParam(id, 'That action'));
    if (!action) throw notFound('That action');
    return action;
  }

  const newHeadings = (risk: { id: number; title: string; reference: string }): ActionFormHeadings => ({
    title: pageTitle('Add a further action', risk.reference),
    heading: 'Add a further action',
    caption: `${risk.reference} ${risk.title}`,
    action: `/risks/${risk.id}/actions`,
    cancelHref: `/risks/${risk.id}`,
    editing: false,
  });

  // A risk has several actions: the title names this one by its words.
  const editHeadings = (action: Awaited<ReturnType<typeof loadAction>>): ActionFormHeadings => ({
    title: pageTitle('Change a further action', `${action.risk_reference} ${shortName(action.description)}`),
    heading: 'Change a further action',
    caption: `${action.risk_reference} ${action.risk_title}`,
    action: `/actions/${action.id}`,
    cancelHref: `/risks/${action.risk_id}`,
    editing: true,
  });

  router.get('/risks/:id/actions/new', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    renderActionForm(res, await loadPeopleChoices(db, risk.node_id), newHeadings(risk), blankForm({ status: 'not_started', owner_id: String(risk.manager_id ?? '') }));
  });

  router.post('/risks/:id/actions', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const people = await loadPeopleChoices(db, risk.node_id);
    const parsed = parseForm(newActionSchema, req.body);
    const errors = parsed.ok ? checkAction(parsed.data, people, today(clock)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderActionForm(res, people, newHeadings(risk), refusedForm(typedValues(req.body), errors));
      return;
    }
    await db.transaction().execute((tx) => insertAction(tx, changeOf(res, clock), { ...parsed.data, completed_on: completion(parsed.data), risk_id: risk.id }));
    res.redirect(303, `/risks/${risk.id}?saved=action-added`);
  });

  router.get('/actions/:id/edit', allow(db, 'manage_risks', actionInPath), async (req, res) => {
    const action = await loadAction(req.params.id);
    renderActionForm(res, await loadPeopleChoices(db, action.node_id), editHeadings(action), editForm(actionFormValues(action)));
  });

  router.post('/actions/:id', allow(db, 'manage_risks', actionInPath), async (req, res) => {
    const action = await loadAction(req.params.id);
    const people = await loadPeopleChoices(db, action.node_id);
    const values = typedValues(req.body);
    const parsed = parseForm(editActionSchema, req.body);
    const errors = parsed.ok ? checkAction(parsed.data, people, today(clock)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderActionForm(res, people, editHeadings(action), refusedForm(values, errors));
      return;
    }
    const { version, ...form } = parsed.data;
    const saved = await db.transaction().execute((tx) => updateAction(tx, changeOf(res, clock), action.id, version, { ...form, completed_on: completion(form) }));
    if (!saved) {
      const current = await loadAction(req.params.id);
      const options = actionOptions(people, values);
      renderActionForm(res, people, editHeadings(current), staleForm({
        what: 'action',
        viewHref: `/risks/${current.risk_id}`,
        labels: ACTION_FIELD_LABELS,
        base: decodeBase(req.body),
        saved: actionFormValues(current),
        entered: values,
        display: optionTextDisplay({ owner_id: options.owners, status: options.statuses }),
      }));
      return;
    }
    res.redirect(303, `/risks/${action.risk_id}?saved=action-changed`);
  });

  // The one-click "Mark complete" on the risk page.
  router.post('/actions/:id/complete', allow(db, 'manage_risks', actionInPath), async (req, res) => {
    const action = await loadAction(req.params.id);
    const parsed = parseForm(completeActionSchema, req.body);
    const stale = !parsed.ok || !(await db.transaction().execute((tx) =>
      updateAction(tx, changeOf(res, clock), action.id, parsed.data.version, { status: 'completed', completed_on: today(clock) })));
    if (stale) {
      const current = await loadAction(req.params.id);
      const people = await loadPeopleChoices(db, current.node_id);
      // The action changed since the risk page was opened: its form, ready to complete, shows it as it now is.
      const opened = editForm(actionFormValues(current), { status: 'completed', completed_on: today(clock) });
      renderActionForm(res, people, editHeadings(current), parsed.ok
        ? { ...opened, status: 409, conflict: { what: 'action', changes: [], viewHref: `/risks/${current.risk_id}` } }
        : refusedForm(opened.values, parsed.errors));
      return;
    }
    res.redirect(303, `/risks/${action.risk_id}?saved=action-completed`);
  });

  return router;
}

