import { Router, type Response } from 'express';
import type { Tx } from '../../db/connection';
import type { AppContext } from '../context';
import { allow, scopeOfNode } from '../access/guard';
import { readableNodesOf } from '../access/reader';
import { signedInUser } from '../access/session';
import { nodeInPath, proposalInPath, riskInPath } from '../access/scopes';
import { today } from '../clock';
import { isReadable, permits } from '../domain/roles';
import { blankForm, refusedForm, type FormState } from '../forms/form-page';
import { formErrors, parseForm, typedValues } from '../forms/parse';
import {
  acceptanceSchema, declineSchema, deEscalateSchema, deEscalationTarget, dismissSchema, escalateSchema, linkSchema, notDuplicateSchema, unlinkSchema,
} from '../forms/joined-forms';
import {
  acceptProposal, declineProposal, deEscalateRisk, dismissSuggestion, escalateRisk, linkContributingRisk, markNotDuplicate, recordAcceptance, removeLink,
  refused, type JoinOutcome,
} from '../changes/joined-registers';
import {
  acceptanceFormPage, deEscalateFormPage, duplicatesPage, escalateFormPage, linkFormPage, notDuplicateFormPage, proposalPage, suggestionDismissPage, unlinkFormPage,
} from '../presenters/joined-pages';
import { changeOf, idParam, riskFromPath } from './params';

// Registers joined up across levels (docs/joined-registers.md): routes only parse, call a
// change from server/changes/joined-registers.ts, and render a page model from
// server/presenters/joined-pages.ts.

/** A refused change back on its form (400), a stale one with its message (409). */
function outcomeForm(values: Record<string, string>, outcome: Exclude<JoinOutcome<unknown>, { kind: 'done' }>, staleField: string): FormState {
  if (outcome.kind === 'refused') return refusedForm(values, formErrors(outcome.problems));
  return { ...refusedForm(values, formErrors([[staleField, outcome.message]])), status: 409 };
}

export function joinedRegisterRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  const grantsOf = (res: Response) => signedInUser(res)?.grants ?? [];
  const mayManageNodeFor = (res: Response) => async (tx: Tx, nodeId: number) => {
    const scope = await scopeOfNode(tx, nodeId);
    return scope !== undefined && permits(grantsOf(res), 'manage_risks', scope);
  };
  const render = (res: Response, view: string, page: { status?: number; [key: string]: unknown }) => res.status(page.status ?? 200).render(view, page);

  // ---- Escalating a risk up ----

  router.get('/risks/:id/escalate', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    render(res, 'joined/escalate', await escalateFormPage(db, risk, blankForm({ version: String(risk.version) })));
  });

  router.post('/risks/:id/escalate', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(escalateSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/escalate', await escalateFormPage(db, risk, refusedForm(values, parsed.errors)));
    const { register_id, reason, version } = parsed.data;
    const outcome = await db.transaction().execute((tx) => escalateRisk(tx, changeOf(res, clock), risk.id, version, register_id, reason, mayManageNodeFor(res)));
    if (outcome.kind !== 'done') return render(res, 'joined/escalate', await escalateFormPage(db, risk, outcomeForm(values, outcome, 'register_id')));
    res.redirect(303, outcome.result.acceptedRiskId !== null ? `/risks/${outcome.result.acceptedRiskId}?saved=escalated-and-accepted` : `/risks/${risk.id}?saved=escalated`);
  });

  // ---- Deciding a proposal ----

  router.get('/proposals/:id', allow(db, 'read', proposalInPath), async (req, res) => {
    const savedMessage = req.query.saved === 'proposal-declined' ? 'Proposal declined: it is kept as a declined record, and the risk it came from is not changed' : undefined;
    render(res, 'joined/proposal', { ...(await proposalPage(db, idParam(req.params.id, 'That proposal'), await readableNodesOf(db, res), blankForm({}))), savedMessage });
  });

  router.post('/proposals/:id/accept', allow(db, 'manage_risks', proposalInPath), async (req, res) => {
    const id = idParam(req.params.id, 'That proposal');
    const outcome = await db.transaction().execute((tx) => acceptProposal(tx, changeOf(res, clock), id));
    if (outcome.kind !== 'done') return render(res, 'joined/proposal', await proposalPage(db, id, await readableNodesOf(db, res), outcomeForm({}, outcome, 'decision')));
    res.redirect(303, `/risks/${outcome.result}?saved=proposal-accepted`);
  });

  router.post('/proposals/:id/decline', allow(db, 'manage_risks', proposalInPath), async (req, res) => {
    const id = idParam(req.params.id, 'That proposal');
    const values = typedValues(req.body);
    const parsed = parseForm(declineSchema, req.body);
    const readable = await readableNodesOf(db, res);
    if (!parsed.ok) return render(res, 'joined/proposal', await proposalPage(db, id, readable, refusedForm(values, parsed.errors)));
    const outcome = await db.transaction().execute((tx) => declineProposal(tx, changeOf(res, clock), id, parsed.data.decision_reason));
    if (outcome.kind !== 'done') return render(res, 'joined/proposal', await proposalPage(db, id, readable, outcomeForm(values, outcome, 'decision_reason')));
    res.redirect(303, `/proposals/${id}?saved=proposal-declined`);
  });

  // ---- Contributing links ----

  router.get('/risks/:id/links/new', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const suggested = typeof req.query.to === 'string' ? req.query.to.slice(0, 40) : '';
    render(res, 'joined/link', await linkFormPage(db, risk, blankForm({ reference: suggested })));
  });

  router.post('/risks/:id/links', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(linkSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/link', await linkFormPage(db, risk, refusedForm(values, parsed.errors)));
    const readable = await readableNodesOf(db, res);
    const outcome = await db.transaction().execute((tx) =>
      linkContributingRisk(tx, changeOf(res, clock), risk.id, parsed.data.reference, parsed.data.reason, (nodeId) => isReadable(readable, nodeId)));
    if (outcome.kind !== 'done') return render(res, 'joined/link', await linkFormPage(db, risk, outcomeForm(values, outcome, 'reference')));
    res.redirect(303, `/risks/${risk.id}?saved=linked#links`);
  });

  router.get('/risks/:id/unlink', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    render(res, 'joined/unlink', await unlinkFormPage(db, risk, blankForm({ link: typeof req.query.link === 'string' ? req.query.link : '' })));
  });

  router.post('/risks/:id/unlink', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(unlinkSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/unlink', await unlinkFormPage(db, risk, refusedForm(values, parsed.errors)));
    const outcome = await db.transaction().execute(async (tx) => {
      const link = await tx.selectFrom('risk_links').select(['from_risk_id', 'to_risk_id']).where('id', '=', parsed.data.link).executeTakeFirst();
      // A link is removed from either of its two risks' pages, by a manager of that risk.
      if (!link || (link.from_risk_id !== risk.id && link.to_risk_id !== risk.id)) return refused('reason', 'That link is not one of this risk\'s');
      return removeLink(tx, changeOf(res, clock), parsed.data.link, parsed.data.reason);
    });
    if (outcome.kind !== 'done') return render(res, 'joined/unlink', await unlinkFormPage(db, risk, outcomeForm(values, outcome, 'reason')));
    res.redirect(303, `/risks/${risk.id}?saved=unlinked#links`);
  });

  // ---- De-escalation ----

  router.get('/risks/:id/de-escalate', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    render(res, 'joined/de-escalate', await deEscalateFormPage(db, risk, blankForm({ version: String(risk.version) })));
  });

  router.post('/risks/:id/de-escalate', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(deEscalateSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/de-escalate', await deEscalateFormPage(db, risk, refusedForm(values, parsed.errors)));
    const outcome = await db.transaction().execute((tx) => deEscalateRisk(tx, changeOf(res, clock), risk.id, parsed.data.version, deEscalationTarget(parsed.data.to), parsed.data.reason));
    if (outcome.kind !== 'done') return render(res, 'joined/de-escalate', await deEscalateFormPage(db, risk, outcomeForm(values, outcome, 'to')));
    res.redirect(303, `/risks/${risk.id}?saved=de-escalated`);
  });

  // ---- Risk acceptance ----

  router.get('/risks/:id/acceptances/new', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    render(res, 'joined/acceptance', await acceptanceFormPage(db, clock, risk, blankForm({ accepted_on: today(clock) })));
  });

  router.post('/risks/:id/acceptances', allow(db, 'manage_risks', riskInPath), async (req, res) => {
    const risk = await riskFromPath(db, req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(acceptanceSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/acceptance', await acceptanceFormPage(db, clock, risk, refusedForm(values, parsed.errors)));
    const outcome = await db.transaction().execute((tx) => recordAcceptance(tx, changeOf(res, clock), risk.id, parsed.data, today(clock)));
    if (outcome.kind !== 'done') return render(res, 'joined/acceptance', await acceptanceFormPage(db, clock, risk, outcomeForm(values, outcome, 'justification')));
    res.redirect(303, `/risks/${risk.id}?saved=accepted`);
  });

  // ---- Suggestions and duplicates, on a node ----

  router.get('/nodes/:id/suggestions/dismiss', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    render(res, 'joined/dismiss', await suggestionDismissPage(db, nodeId, blankForm({ risk: typeof req.query.risk === 'string' ? req.query.risk : '' })));
  });

  router.post('/nodes/:id/suggestions/dismiss', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const values = typedValues(req.body);
    const parsed = parseForm(dismissSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/dismiss', await suggestionDismissPage(db, nodeId, refusedForm(values, parsed.errors)));
    const outcome = await db.transaction().execute((tx) => dismissSuggestion(tx, changeOf(res, clock), parsed.data.risk, nodeId, parsed.data.reason));
    if (outcome.kind !== 'done') return render(res, 'joined/dismiss', await suggestionDismissPage(db, nodeId, outcomeForm(values, outcome, 'reason')));
    res.redirect(303, `/nodes/${nodeId}?saved=suggestion-dismissed#suggestions`);
  });

  router.get('/nodes/:id/duplicates', allow(db, 'read', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const savedMessage = req.query.saved === 'not-duplicate' ? 'Marked as not a duplicate: the pair is not flagged again unless either risk\'s title or cause changes.' : undefined;
    render(res, 'joined/duplicates', { ...(await duplicatesPage(db, nodeId, await readableNodesOf(db, res))), savedMessage });
  });

  router.get('/nodes/:id/duplicates/not-duplicate', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const values = { a: String(req.query.a ?? ''), b: String(req.query.b ?? '') };
    render(res, 'joined/not-duplicate', await notDuplicateFormPage(db, nodeId, blankForm(values)));
  });

  router.post('/nodes/:id/duplicates/not-duplicate', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const nodeId = idParam(req.params.id, 'That part of the organisation');
    const values = typedValues(req.body);
    const parsed = parseForm(notDuplicateSchema, req.body);
    if (!parsed.ok) return render(res, 'joined/not-duplicate', await notDuplicateFormPage(db, nodeId, refusedForm(values, parsed.errors)));
    const { a, b, fingerprint, reason } = parsed.data;
    const readable = await readableNodesOf(db, res);
    const outcome = await db.transaction().execute(async (tx) => {
      const nodes = await tx.selectFrom('risks as r').innerJoin('registers as g', 'g.id', 'r.register_id').select('g.node_id').where('r.id', 'in', [a, b]).execute();
      if (nodes.length !== 2 || !nodes.every((n) => isReadable(readable, n.node_id))) return refused('reason', 'One of the two risks was not found');
      return markNotDuplicate(tx, changeOf(res, clock), a, b, fingerprint, reason);
    });
    if (outcome.kind !== 'done') return render(res, 'joined/not-duplicate', await notDuplicateFormPage(db, nodeId, outcomeForm(values, outcome, 'reason')));
    res.redirect(303, `/nodes/${nodeId}/duplicates?saved=not-duplicate`);
  });

  return router;
}
