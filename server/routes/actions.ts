import { Router, type Response } from 'express';
import type { AppContext } from '../app';
import { allow } from '../access/guard';
import { actionInPath, riskInPath } from '../access/scopes';
import { today } from '../clock';
import { notFound } from '../errors';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../domain/vocabulary';
import { formatReference } from '../domain/references';
import { ACTION_FIELD_LABELS, actionFormValues, completeActionSchema, editActionSchema, newActionSchema } from '../forms/action-form';
import { decodeBase, encodeBase, mergeStaleEdit, type ConflictNotice } from '../forms/conflict';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { findAction, insertAction, updateAction } from '../queries/actions';
import { listPeople } from '../queries/reference';

import { placeholder, toOptions } from '../presenters/options';
import { changeOf, idParam, riskFromPath } from './params';

type People = Awaited<ReturnType<typeof listPeople>>;

interface ActionFormPage {
  status?: number;
  heading: string;
  caption: string;
  action: string;
  cancelHref: string;
  editing: boolean;
  values: Record<string, string>;
  errors?: FormErrors;
  conflict?: ConflictNotice;
}

function actionOptions(people: People, values: Record<string, string>) {
  return {
    owners: [placeholder('Not assigned', values.owner_id), ...toOptions(people, (p) => p.id, (p) => p.name, values.owner_id)],
    statuses: toOptions(ACTION_STATUSES, (s) => s, (s) => ACTION_STATUS_LABELS[s], values.status),
  };
}

function renderActionForm(res: Response, people: People, page: ActionFormPage): void {
  res.status(page.status ?? 200).render('action-form', { title: page.heading, ...page, options: actionOptions(people, page.values) });
}

/** Checks that need the database or today: the owner exists, and nothing is completed in the future. */
function checkAction(form: { owner_id: number | null; status: string; completed_on: string | null }, people: People, today: string): FormErrors {
  const problems: [string, string][] = [];
  if (form.owner_id !== null && !people.some((p) => p.id === form.owner_id)) problems.push(['owner_id', 'Select the action owner from the list']);
  if (form.status === 'completed' && form.completed_on !== null && form.completed_on > today) problems.push(['completed_on', 'The date completed cannot be in the future']);
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

  const newPage = (risk: { id: number; title: string; register_code: string; ref_number: number }, values: Record<string, string>): ActionFormPage => ({
    heading: 'Add a further action',
    caption: `${formatReference(risk.register_code, risk.ref_number)} ${risk.title}`,
    action: `/risks/${risk.id}/actions`,
    cancelHref: `/risks/${risk.id}`,
    editing: false,
    values,
  });

  const editPage = (action: Awaited<ReturnType<typeof loadAction>>, values: Record<string, string>): ActionFormPage => ({
    heading: 'Change a further action',
    caption: `${formatReference(action.register_code, action.ref_number)} ${action.risk_title}`,
    action: `/actions/${action.id}`,
    cancelHref: `/risks/${action.risk_id}`,
    editing: true,
    values,
  });

  router.get('/risks/:id/actions/new', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    renderActionForm(res, await listPeople(db), newPage(risk, { status: 'not_started', owner_id: String(risk.manager_id ?? '') }));
  });

  router.post('/risks/:id/actions', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const people = await listPeople(db);
    const parsed = parseForm(newActionSchema, req.body);
    const errors = parsed.ok ? checkAction(parsed.data, people, today(clock)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderActionForm(res, people, { ...newPage(risk, typedValues(req.body)), status: 400, errors });
      return;
    }
    await db.transaction().execute((tx) => insertAction(tx, changeOf(res, clock), { ...parsed.data, completed_on: completion(parsed.data), risk_id: risk.id }));
    res.redirect(303, `/risks/${risk.id}?saved=action-added`);
  });

  router.get('/actions/:id/edit', allow(db, 'manage_risks', actionInPath), async (req, res) => {
    const action = await loadAction(req.params.id);
    const values = actionFormValues(action);
    renderActionForm(res, await listPeople(db), editPage(action, { ...values, base: encodeBase(values) }));
  });

  router.post('/actions/:id', allow(db, 'manage_risks', actionInPath), async (req, res) => {
    const action = await loadAction(req.params.id);
    const people = await listPeople(db);
    const values = typedValues(req.body);
    const parsed = parseForm(editActionSchema, req.body);
    const errors = parsed.ok ? checkAction(parsed.data, people, today(clock)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderActionForm(res, people, { ...editPage(action, values), status: 400, errors });
      return;
    }
    const { version, ...form } = parsed.data;
    const saved = await db.transaction().execute((tx) => updateAction(tx, changeOf(res, clock), action.id, version, { ...form, completed_on: completion(form) }));
    if (!saved) {
      const current = await loadAction(req.params.id);
      const savedValues = actionFormValues(current);
      const options = actionOptions(people, values);
      const display = (field: string, value: string) =>
        (field === 'owner_id' ? options.owners : field === 'status' ? options.statuses : []).find((o) => o.value === value)?.text ?? value;
      const merged = mergeStaleEdit(ACTION_FIELD_LABELS, decodeBase(req.body), savedValues, values, display);
      renderActionForm(res, people, {
        ...editPage(current, { ...merged.values, version: savedValues.version ?? '', base: encodeBase(savedValues) }),
        status: 409,
        conflict: { what: 'action', changes: merged.changes, viewHref: `/risks/${current.risk_id}` },
      });
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
      const people = await listPeople(db);
      renderActionForm(res, people, {
        ...editPage(current, { ...actionFormValues(current), status: 'completed', completed_on: today(clock), base: encodeBase(actionFormValues(current)) }),
        status: parsed.ok ? 409 : 400,
        errors: parsed.ok ? undefined : parsed.errors,
        conflict: parsed.ok ? { what: 'action', changes: [], viewHref: `/risks/${current.risk_id}` } : undefined,
      });
      return;
    }
    res.redirect(303, `/risks/${action.risk_id}?saved=action-completed`);
  });

  return router;
}

