import { sql } from 'kysely';
import type { Tx } from '../../db/connection';
import { acceptanceProblems } from '../domain/acceptance';
import { proposedFieldsOf, type ProposedRiskFields } from '../domain/escalation';
import { duplicateFingerprint } from '../domain/similarity';
import type { RiskLinkKind } from '../domain/vocabulary';
import { recordAudit, type Change } from '../queries/audit';
import { loadTree } from '../queries/nodes';
import { findRegister } from '../queries/registers';
import { findProposal } from '../queries/risk-links';
import { findRisk, insertRisk, type RiskDetailRow } from '../queries/risks';
import type { Problem } from './org-tree-changes';

// Registers joined up across levels (docs/joined-registers.md): escalation proposed and
// decided, links made and removed, de-escalation, dismissed suggestions, not-a-duplicate
// decisions and risk acceptances. Each is one named change in the caller's transaction, its
// audit events in the same transaction, one on each risk it touches so both histories tell it.

export type JoinOutcome<T = undefined> = { kind: 'done'; result: T } | { kind: 'refused'; problems: Problem[] } | { kind: 'stale'; message: string };

/** A change refused, with the message for one field of its form. */
export const refused = (field: string, message: string): { kind: 'refused'; problems: Problem[] } => ({ kind: 'refused', problems: [[field, message]] });
const done = <T>(result: T): { kind: 'done'; result: T } => ({ kind: 'done', result });
const named = (risk: { reference: string; title: string }) => `${risk.reference} ${risk.title}`;

/** May the person making the change manage risks of this node? Asked with the transaction (a query on the database would wait for it for ever). */
export type MayManageNode = (tx: Tx, nodeId: number) => Promise<boolean>;

/** Whether `ancestorId` is strictly above `nodeId` in the tree: links and escalations only ever go up, so no chain of them can close a circle. */
async function isStrictAncestor(tx: Tx, ancestorId: number, nodeId: number): Promise<boolean> {
  const tree = await loadTree(tx);
  return ancestorId !== nodeId && tree.path(nodeId).some((n) => n.id === ancestorId);
}

async function auditOnRisk(tx: Tx, change: Change, risk: { id: number; reference: string; title: string; node_id: number }, entityType: string, entityId: number, action: 'create' | 'update', values: { before?: Record<string, unknown>; after: Record<string, unknown> }) {
  await recordAudit(tx, change.actor, { entityType, entityId, action, subject: named(risk), nodeId: risk.node_id, riskId: risk.id, before: values.before ?? null, after: values.after, at: change.at });
}

// ---- Escalation ----

export interface EscalationResult {
  proposalId: number;
  /** The open risk it became at once, when the person escalating also manages the target register. */
  acceptedRiskId: number | null;
}

/**
 * Proposes the risk to a register of an ancestor of its node, pre-filled from it. When the
 * person escalating also manages the target node, the proposal is accepted in the same step.
 */
export async function escalateRisk(tx: Tx, change: Change, riskId: number, version: number, registerId: number, reason: string, mayManageNode: MayManageNode): Promise<JoinOutcome<EscalationResult>> {
  const risk = await findRisk(tx, riskId);
  if (!risk || risk.version !== version) return { kind: 'stale', message: 'The risk was changed by someone else since this page was opened. Check it and try again.' };
  if (risk.status !== 'open') return refused('register_id', `${risk.reference} is closed: only an open risk can be escalated`);
  const target = await findRegister(tx, registerId);
  if (!target || !(await isStrictAncestor(tx, target.node_id, risk.node_id))) return refused('register_id', 'Select a register of a part of the organisation above this one');
  if (target.closed_on !== null || target.node_retired_on !== null) return refused('register_id', `${target.name} is closed and takes no risks: select an open register`);
  const standing = await tx.selectFrom('risk_links as l').innerJoin('risks as h', 'h.id', 'l.to_risk_id').select('h.reference')
    .where('l.from_risk_id', '=', riskId).where('l.removed_at', 'is', null).where('h.register_id', '=', registerId).executeTakeFirst();
  if (standing) return refused('register_id', `${risk.reference} is already linked to ${standing.reference} in ${target.name}`);
  const waiting = await tx.selectFrom('risk_proposals').select('proposed_by_name').where('from_risk_id', '=', riskId).where('register_id', '=', registerId).where('status', '=', 'proposed').executeTakeFirst();
  if (waiting) return { kind: 'stale', message: `${risk.reference} is already proposed to ${target.name} by ${waiting.proposed_by_name}, waiting for a decision` };

  const { id } = await tx.insertInto('risk_proposals').values({
    kind: 'escalation', from_risk_id: riskId, register_id: registerId, fields: JSON.stringify(proposedFieldsOf(risk)), reason,
    proposed_at: change.at, proposed_by_user_id: change.actor.userId, proposed_by_name: change.actor.name,
  }).returning('id').executeTakeFirstOrThrow();
  await auditOnRisk(tx, change, risk, 'risk_proposal', id, 'create', { after: { kind: 'escalation', to_register: `${target.code} ${target.name}`, reason } });

  if (!(await mayManageNode(tx, target.node_id))) return done({ proposalId: id, acceptedRiskId: null });
  const accepted = await acceptProposal(tx, change, id);
  if (accepted.kind !== 'done') throw new Error(`proposal ${id} could not be accepted in the step that made it`);
  return done({ proposalId: id, acceptedRiskId: accepted.result });
}

/**
 * The proposal becomes an open risk of its register (a new reference there). An escalation
 * stays linked to the risk it came from; a de-escalation records where it came from in the
 * proposal. Only a proposal still waiting: a second accept, or one racing a decline, is stale.
 */
export async function acceptProposal(tx: Tx, change: Change, proposalId: number): Promise<JoinOutcome<number>> {
  const proposal = await findProposal(tx, proposalId);
  if (!proposal) return refused('decision', 'That proposal was not found');
  if (proposal.status !== 'proposed') return { kind: 'stale', message: `This proposal was already ${proposal.status} by ${proposal.decided_by_name ?? 'someone'}` };
  const register = await findRegister(tx, proposal.register_id);
  if (!register || register.closed_on !== null || register.node_retired_on !== null) return refused('decision', `${proposal.register_name} is closed and takes no risks: decline the proposal instead`);
  const fields = JSON.parse(proposal.fields) as ProposedRiskFields;
  const newRiskId = await insertRisk(tx, change, { ...fields, register_id: proposal.register_id, status: 'open', identified_on: change.at.slice(0, 10) });
  const decided = await tx.updateTable('risk_proposals')
    .set({ status: 'accepted', decided_at: change.at, decided_by_user_id: change.actor.userId, decided_by_name: change.actor.name, accepted_risk_id: newRiskId })
    .where('id', '=', proposalId).where('status', '=', 'proposed').executeTakeFirst();
  if (decided.numUpdatedRows !== 1n) throw new Error(`proposal ${proposalId} was decided inside this transaction`);
  const [from, accepted] = await Promise.all([findRisk(tx, proposal.from_risk_id), findRisk(tx, newRiskId)]);
  if (!from || !accepted) throw new Error(`a risk of proposal ${proposalId} vanished inside its own transaction`);
  await auditOnRisk(tx, change, from, 'risk_proposal', proposalId, 'update', { before: { status: 'proposed' }, after: { status: 'accepted', accepted_as: named(accepted) } });
  await auditOnRisk(tx, change, accepted, 'risk_proposal', proposalId, 'update', { before: { status: 'proposed' }, after: { status: 'accepted', proposed_from: named(from), reason: proposal.reason } });
  if (proposal.kind === 'escalation') await insertLink(tx, change, from, accepted, 'escalated', proposal.reason);
  return done(newRiskId);
}

/** The proposal is kept as a declined record, with the reason; the risk it came from is untouched. */
export async function declineProposal(tx: Tx, change: Change, proposalId: number, reason: string): Promise<JoinOutcome> {
  const proposal = await findProposal(tx, proposalId);
  if (!proposal) return refused('decision_reason', 'That proposal was not found');
  if (proposal.status !== 'proposed') return { kind: 'stale', message: `This proposal was already ${proposal.status} by ${proposal.decided_by_name ?? 'someone'}` };
  await tx.updateTable('risk_proposals')
    .set({ status: 'declined', decided_at: change.at, decided_by_user_id: change.actor.userId, decided_by_name: change.actor.name, decision_reason: reason })
    .where('id', '=', proposalId).where('status', '=', 'proposed').execute();
  const from = await findRisk(tx, proposal.from_risk_id);
  if (from) await auditOnRisk(tx, change, from, 'risk_proposal', proposalId, 'update', { before: { status: 'proposed' }, after: { status: 'declined', to_register: `${proposal.register_code} ${proposal.register_name}`, decision_reason: reason } });
  return done(undefined);
}

// ---- Links ----

async function insertLink(tx: Tx, change: Change, lower: RiskDetailRow, higher: RiskDetailRow, kind: RiskLinkKind, reason: string): Promise<number> {
  const { id } = await tx.insertInto('risk_links').values({
    from_risk_id: lower.id, to_risk_id: higher.id, kind, reason, created_at: change.at, created_by_user_id: change.actor.userId, created_by_name: change.actor.name,
  }).returning('id').executeTakeFirstOrThrow();
  await auditOnRisk(tx, change, lower, 'risk_link', id, 'create', { after: { kind, higher_risk: named(higher), reason } });
  await auditOnRisk(tx, change, higher, 'risk_link', id, 'create', { after: { kind, lower_risk: named(lower), reason } });
  return id;
}

/**
 * Links a risk as contributing to an open risk of an ancestor node's register that the person
 * may read (`mayRead`). Refused: itself, a closed risk, one not above, one not readable, a link that stands.
 */
export async function linkContributingRisk(tx: Tx, change: Change, riskId: number, higherReference: string, reason: string, mayRead: (nodeId: number) => boolean): Promise<JoinOutcome<number>> {
  const lower = await findRisk(tx, riskId);
  if (!lower) return refused('reference', 'That risk was not found');
  if (lower.status !== 'open') return refused('reference', `${lower.reference} is closed: only an open risk can be linked`);
  const row = await tx.selectFrom('risks').select('id').where(sql<boolean>`reference = ${higherReference.trim()} COLLATE NOCASE`).executeTakeFirst();
  const higher = row ? await findRisk(tx, row.id) : undefined;
  if (!higher || !mayRead(higher.node_id)) return refused('reference', `There is no risk ${higherReference.trim()} that you can see: check the reference`);
  if (higher.id === lower.id) return refused('reference', 'A risk cannot be linked to itself');
  if (higher.status !== 'open') return refused('reference', `${higher.reference} is closed: link to an open risk`);
  if (!(await isStrictAncestor(tx, higher.node_id, lower.node_id))) return refused('reference', `${higher.reference} is in ${higher.node_name}, which is not above ${lower.node_name}: a risk can only contribute to a risk higher up`);
  const standing = await tx.selectFrom('risk_links').select('id').where('removed_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('from_risk_id', '=', lower.id), eb('to_risk_id', '=', higher.id)]), eb.and([eb('from_risk_id', '=', higher.id), eb('to_risk_id', '=', lower.id)])]))
    .executeTakeFirst();
  if (standing) return refused('reference', `${lower.reference} is already linked to ${higher.reference}`);
  return done(await insertLink(tx, change, lower, higher, 'contributes', reason));
}

/** Removes a standing link, with the reason; the link stays in the record as removed. */
export async function removeLink(tx: Tx, change: Change, linkId: number, reason: string): Promise<JoinOutcome> {
  const link = await tx.selectFrom('risk_links').selectAll().where('id', '=', linkId).executeTakeFirst();
  if (!link) return refused('reason', 'That link was not found');
  if (link.removed_at !== null) return { kind: 'stale', message: `This link was already removed on ${link.removed_at.slice(0, 10)}` };
  await tx.updateTable('risk_links').set({ removed_at: change.at, removed_by_user_id: change.actor.userId, removed_reason: reason }).where('id', '=', linkId).where('removed_at', 'is', null).execute();
  const [lower, higher] = await Promise.all([findRisk(tx, link.from_risk_id), findRisk(tx, link.to_risk_id)]);
  if (lower && higher) {
    await auditOnRisk(tx, change, lower, 'risk_link', linkId, 'update', { before: { higher_risk: named(higher) }, after: { higher_risk: null, removed_reason: reason } });
    await auditOnRisk(tx, change, higher, 'risk_link', linkId, 'update', { before: { lower_risk: named(lower) }, after: { lower_risk: null, removed_reason: reason } });
  }
  return done(undefined);
}

// ---- De-escalation ----

export type DeEscalateTo = { kind: 'risk'; riskId: number } | { kind: 'register'; registerId: number };

/**
 * Hands a higher risk back down: it is closed with the reason "De-escalated to …". Either a
 * lower risk linked to it carries on (its link is removed, the story stays in both histories),
 * or a proposed risk goes to a register below for its manager to accept.
 */
export async function deEscalateRisk(tx: Tx, change: Change, riskId: number, version: number, to: DeEscalateTo, reason: string): Promise<JoinOutcome<{ proposalId: number | null }>> {
  const higher = await findRisk(tx, riskId);
  if (!higher || higher.version !== version) return { kind: 'stale', message: 'The risk was changed by someone else since this page was opened. Check it and try again.' };
  if (higher.status !== 'open') return refused('to', `${higher.reference} is already closed`);
  const today = change.at.slice(0, 10);
  let closure: string;
  let proposalId: number | null = null;
  if (to.kind === 'risk') {
    const link = await tx.selectFrom('risk_links').select('id').where('from_risk_id', '=', to.riskId).where('to_risk_id', '=', riskId).where('removed_at', 'is', null).executeTakeFirst();
    const lower = await findRisk(tx, to.riskId);
    if (!link || !lower || lower.status !== 'open') return refused('to', 'Select an open risk linked to this one');
    closure = `De-escalated to ${lower.reference}: ${reason}`;
    const standing = await tx.selectFrom('risk_links').select('id').where('to_risk_id', '=', riskId).where('removed_at', 'is', null).execute();
    for (const l of standing) await removeLink(tx, change, l.id, `${higher.reference} de-escalated to ${lower.reference}`);
  } else {
    const register = await findRegister(tx, to.registerId);
    if (!register || !(await isStrictAncestor(tx, higher.node_id, register.node_id))) return refused('to', 'Select a register of a part of the organisation below this one');
    if (register.closed_on !== null || register.node_retired_on !== null) return refused('to', `${register.name} is closed and takes no risks`);
    const { id } = await tx.insertInto('risk_proposals').values({
      kind: 'de-escalation', from_risk_id: riskId, register_id: register.id, fields: JSON.stringify(proposedFieldsOf(higher)), reason,
      proposed_at: change.at, proposed_by_user_id: change.actor.userId, proposed_by_name: change.actor.name,
    }).returning('id').executeTakeFirstOrThrow();
    proposalId = id;
    closure = `De-escalated to ${register.code} ${register.name} (proposed there): ${reason}`;
    await auditOnRisk(tx, change, higher, 'risk_proposal', id, 'create', { after: { kind: 'de-escalation', to_register: `${register.code} ${register.name}`, reason } });
  }
  const before = { status: higher.status, closed_on: null, closure_reason: null };
  const closed = await tx.updateTable('risks').set({ status: 'closed', closed_on: today, closure_reason: closure, version: sql`version + 1`, updated_at: change.at })
    .where('id', '=', riskId).where('version', '=', version).executeTakeFirst();
  if (closed.numUpdatedRows !== 1n) return { kind: 'stale', message: 'The risk was changed by someone else since this page was opened. Check it and try again.' };
  await auditOnRisk(tx, change, higher, 'risk', riskId, 'update', { before, after: { status: 'closed', closed_on: today, closure_reason: closure } });
  return done({ proposalId });
}

// ---- Suggestions, duplicates, acceptances ----

/** A suggestion to escalate a risk to `nodeId` is dismissed, while the risk stays at or below its present level. */
export async function dismissSuggestion(tx: Tx, change: Change, riskId: number, nodeId: number, reason: string): Promise<JoinOutcome> {
  const risk = await findRisk(tx, riskId);
  const facts = await tx.selectFrom('risk_facts').select(['current_level_rank', 'status']).where('risk_id', '=', riskId).executeTakeFirst();
  if (!risk || !facts || facts.status !== 'open') return refused('reason', 'That risk is not open any more');
  const tree = await loadTree(tx);
  if (tree.byId.get(risk.node_id)?.parent_id !== nodeId) return refused('reason', 'That risk is not suggested here');
  const { id } = await tx.insertInto('escalation_dismissals').values({
    risk_id: riskId, node_id: nodeId, level_rank: facts.current_level_rank, reason, dismissed_at: change.at, dismissed_by_user_id: change.actor.userId, dismissed_by_name: change.actor.name,
  }).returning('id').executeTakeFirstOrThrow();
  await auditOnRisk(tx, change, risk, 'escalation_dismissal', id, 'create', { after: { to: tree.byId.get(nodeId)?.name ?? '', reason } });
  return done(undefined);
}

/** Two risks are not duplicates: remembered against both texts as they are now (`fingerprint`, from the page), so an edit meanwhile is stale. */
export async function markNotDuplicate(tx: Tx, change: Change, aId: number, bId: number, fingerprint: string, reason: string): Promise<JoinOutcome> {
  const [first, second] = aId < bId ? [aId, bId] : [bId, aId];
  const [a, b] = await Promise.all([findRisk(tx, first), findRisk(tx, second)]);
  if (!a || !b) return refused('reason', 'One of the two risks was not found');
  if (duplicateFingerprint(a, b) !== fingerprint) return { kind: 'stale', message: `${a.reference} or ${b.reference} was edited since this page was opened: compare them again` };
  const { id } = await tx.insertInto('duplicate_decisions').values({
    risk_a_id: first, risk_b_id: second, fingerprint, reason, decided_at: change.at, decided_by_user_id: change.actor.userId, decided_by_name: change.actor.name,
  }).returning('id').executeTakeFirstOrThrow();
  await auditOnRisk(tx, change, a, 'duplicate_decision', id, 'create', { after: { other_risk: named(b), reason } });
  await auditOnRisk(tx, change, b, 'duplicate_decision', id, 'create', { after: { other_risk: named(a), reason } });
  return done(undefined);
}

export interface AcceptanceForm {
  approver_id: number;
  accepted_on: string;
  level_rank: number;
  justification: string;
  expires_on: string;
}

/** Records who accepted the risk at what level until when; checked against the risk as this transaction reads it. */
export async function recordAcceptance(tx: Tx, change: Change, riskId: number, form: AcceptanceForm, today: string): Promise<JoinOutcome<number>> {
  const risk = await findRisk(tx, riskId);
  const facts = await tx.selectFrom('risk_facts').select(['current_level_rank', 'review_due_on', 'status']).where('risk_id', '=', riskId).executeTakeFirst();
  if (!risk || !facts || facts.status !== 'open') return refused('justification', 'Only an open risk can be accepted');
  const problems = acceptanceProblems(form, { currentLevelRank: facts.current_level_rank, reviewDueOn: facts.review_due_on }, today);
  const approver = await tx.selectFrom('people').select('name').where('id', '=', form.approver_id).executeTakeFirst();
  if (!approver) problems.push(['approver_id', 'Select who approved the acceptance']);
  const level = await tx.selectFrom('matrix_levels').select('name').where('rank', '=', form.level_rank).executeTakeFirst();
  if (!level) problems.push(['level_rank', 'Select the level accepted']);
  if (problems.length > 0 || !approver || !level) return { kind: 'refused', problems };
  const { id } = await tx.insertInto('risk_acceptances').values({
    risk_id: riskId, approver_id: form.approver_id, approver_name: approver.name, accepted_on: form.accepted_on, level_rank: form.level_rank, level_name: level.name,
    justification: form.justification, expires_on: form.expires_on, recorded_at: change.at, recorded_by_user_id: change.actor.userId, recorded_by_name: change.actor.name,
  }).returning('id').executeTakeFirstOrThrow();
  await auditOnRisk(tx, change, risk, 'risk_acceptance', id, 'create', {
    after: { approver: approver.name, accepted_on: form.accepted_on, level: level.name, justification: form.justification, expires_on: form.expires_on },
  });
  return done(id);
}
