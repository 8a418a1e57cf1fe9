import { Router, type Response } from 'express';
import type { Tx } from '../../db/connection';
import type { AppContext } from '../context';
import { allow, scopeOfNode } from '../access/guard';
import { nodeInPath, registerInPath, riskInPath } from '../access/scopes';
import { signedInUser } from '../access/session';
import { addRegister, closeRegister, moveRisk, renameRegister } from '../changes/register-changes';
import { today } from '../clock';
import { permits } from '../domain/roles';
import { notFound, retiredNode } from '../errors';
import { decodeBase } from '../forms/conflict';
import { blankForm, editForm, refusedForm, staleForm, type FormState } from '../forms/form-page';
import { formErrors, parseForm, typedValues } from '../forms/parse';
import { closeRegisterSchema, moveRiskSchema, newRegisterSchema, REGISTER_FIELD_LABELS, registerFormValues, renameRegisterSchema } from '../forms/register-form';
import { buildRegistersPage, moveTargetOptions, registerKindOptions } from '../presenters/register-management';
import { savedMessage } from '../presenters/saved-message';
import { findNode } from '../queries/nodes';
import { findRegister, type RegisterRow } from '../queries/registers';
import type { RiskDetailRow } from '../queries/risks';
import { changeOf, idParam, riskFromPath } from './params';
import { pageTitle } from '../presenters/page-title';

// Registers of a node (added, renamed, closed) and moving a risk between registers. The writes
// and their rules are in server/changes/register-changes.ts.

const SAVED_MESSAGES: Record<string, string> = {
  added: 'Register added: it can take risks now',
  renamed: 'Register saved. References already given keep the code they were given under.',
  closed: 'Register closed: its risks and history stay readable',
};

export function registerManagementRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function nodeFromPath(value: string | string[] | undefined) {
    const node = await findNode(db, idParam(value, 'That part of the organisation'));
    if (!node) throw notFound('That part of the organisation');
    return node;
  }

  async function registerFromPath(value: string | string[] | undefined): Promise<RegisterRow> {
    const register = await findRegister(db, idParam(value, 'That register'));
    if (!register) throw notFound('That register');
    return register;
  }

  router.get('/nodes/:id/registers', allow(db, 'read', nodeInPath), async (req, res) => {
    const page = await buildRegistersPage(db, idParam(req.params.id, 'That part of the organisation'));
    res.render('registers/registers', { ...page, savedMessage: savedMessage(SAVED_MESSAGES, req.query.saved) });
  });

  function renderNewRegister(res: Response, node: { id: number; name: string }, form: FormState) {
    res.status(form.status).render('registers/register-form', {
      title: `Add a register to ${node.name}`,
      heading: 'Add a register',
      caption: node.name,
      action: `/nodes/${node.id}/registers`,
      cancelHref: `/nodes/${node.id}/registers`,
      adding: true,
      ...form,
      kinds: registerKindOptions(form.values.kind),
    });
  }

  router.get('/nodes/:id/registers/new', allow(db, 'manage_registers', nodeInPath), async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    if (node.retired_on !== null) throw retiredNode(node.name, node.retired_on);
    renderNewRegister(res, node, blankForm({ code: `${node.code}-` }));
  });

  router.post('/nodes/:id/registers', allow(db, 'manage_registers', nodeInPath), async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(newRegisterSchema, req.body);
    if (!parsed.ok) {
      renderNewRegister(res, node, refusedForm(values, parsed.errors));
      return;
    }
    const outcome = await db.transaction().execute((tx) => addRegister(tx, changeOf(res, clock), node.id, parsed.data));
    if (outcome.kind === 'retired') throw retiredNode(node.name, node.retired_on ?? '');
    if (outcome.kind === 'refused') {
      renderNewRegister(res, node, refusedForm(values, formErrors(outcome.problems)));
      return;
    }
    res.redirect(303, `/nodes/${node.id}/registers?saved=added#register-${outcome.id}`);
  });

  function renderRename(res: Response, register: RegisterRow, form: FormState) {
    res.status(form.status).render('registers/register-form', {
      title: pageTitle('Change a register', register.name),
      heading: 'Change the name or code',
      caption: `${register.node_name}: ${register.name}`,
      action: `/registers/${register.id}`,
      cancelHref: `/nodes/${register.node_id}/registers`,
      adding: false,
      ...form,
    });
  }

  router.get('/registers/:id/edit', allow(db, 'manage_registers', registerInPath), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    renderRename(res, register, editForm(registerFormValues(register)));
  });

  router.post('/registers/:id', allow(db, 'manage_registers', registerInPath), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(renameRegisterSchema, req.body);
    if (!parsed.ok) {
      renderRename(res, register, refusedForm(values, parsed.errors));
      return;
    }
    const { version, ...form } = parsed.data;
    const outcome = await db.transaction().execute((tx) => renameRegister(tx, changeOf(res, clock), register.id, version, form));
    if (outcome.kind === 'refused') {
      renderRename(res, register, refusedForm(values, formErrors(outcome.problems)));
      return;
    }
    if (outcome.kind === 'stale') {
      const current = await registerFromPath(req.params.id);
      renderRename(res, current, staleForm({
        what: 'register', viewHref: `/nodes/${current.node_id}/registers`, labels: REGISTER_FIELD_LABELS,
        base: decodeBase(req.body), saved: registerFormValues(current), entered: values,
      }));
      return;
    }
    res.redirect(303, `/nodes/${register.node_id}/registers?saved=renamed#register-${register.id}`);
  });

  router.post('/registers/:id/close', allow(db, 'manage_registers', registerInPath), async (req, res) => {
    const register = await registerFromPath(req.params.id);
    const parsed = parseForm(closeRegisterSchema, req.body);
    const outcome = parsed.ok
      ? await db.transaction().execute((tx) => closeRegister(tx, changeOf(res, clock), register.id, parsed.data.version, today(clock)))
      : ({ kind: 'stale' } as const);
    if (outcome.kind === 'saved') {
      res.redirect(303, `/nodes/${register.node_id}/registers?saved=closed#register-${register.id}`);
      return;
    }
    // Refused (open risks) or stale: the registers page says why, as it now stands.
    const page = await buildRegistersPage(db, register.node_id);
    const message = outcome.kind === 'refused'
      ? outcome.problems.map(([, m]) => m).join('. ')
      : `${register.name} was changed by someone else since this page was opened. Check it and try again.`;
    res.status(409).render('registers/registers', { ...page, errors: formErrors([[`register-${register.id}`, message]]) });
  });

  // Moving a risk to another register

  async function renderMove(res: Response, risk: RiskDetailRow, form: FormState) {
    const user = signedInUser(res);
    res.status(form.status).render('risks/move', {
      title: `Move ${risk.reference} to another register`,
      risk,
      ...form,
      registers: await moveTargetOptions(db, user?.grants ?? [], risk.register_id, form.values.register_id),
    });
  }

  router.get('/risks/:id/move', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    await renderMove(res, risk, blankForm({ version: String(risk.version) }));
  });

  router.post('/risks/:id/move', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(moveRiskSchema, req.body);
    if (!parsed.ok) {
      await renderMove(res, risk, refusedForm(values, parsed.errors));
      return;
    }
    const grants = signedInUser(res)?.grants ?? [];
    const mayManageNode = async (tx: Tx, nodeId: number) => {
      const scope = await scopeOfNode(tx, nodeId);
      return scope !== undefined && permits(grants, 'manage_risks', scope);
    };
    const form = parsed.data;
    const outcome = await db.transaction().execute((tx) => moveRisk(tx, changeOf(res, clock), risk.id, form.version, form.register_id, form.reason, mayManageNode));
    if (outcome.kind === 'refused') {
      await renderMove(res, risk, refusedForm(values, formErrors(outcome.problems)));
      return;
    }
    if (outcome.kind === 'stale') {
      const current = await riskFromPath(db, req.params.id);
      await renderMove(res, current, { status: 409, values: { ...values, version: String(current.version) }, conflict: { what: 'risk', changes: [], viewHref: `/risks/${risk.id}` } });
      return;
    }
    res.redirect(303, `/risks/${risk.id}?saved=risk-moved`);
  });

  return router;
}
