import type { Tx } from '../../db/connection';
import { parsePlanContent, planTemplate, type PlanContent } from '../domain/plan-content';
import { distinctPlanReference, nextReviewDue } from '../domain/plans';
import type { Change } from '../queries/audit';
import { approveDraft, findDraft, findLatestApproved, insertDraft, insertPlan, updateDraft, type PlanIdentity } from '../queries/plans';
import { loadSettings } from '../queries/reference';

// The plan writes with more than one step: creating a plan with its reference, saving a section
// (into the draft, or opening the next draft from the version in force), approving a draft.

export interface NewPlanInput {
  node: { id: number; code: string };
  site: { id: number; name: string } | null;
  title: string;
  ownerId: number;
  protectiveMarking: string;
  /** A plan whose latest content (draft, else version in force) the new plan starts from; null: the standard template. */
  copyFrom: number | null;
}

/** A new plan, its reference derived from node and site and never reused, starting as a draft. */
export async function createPlan(tx: Tx, change: Change, input: NewPlanInput): Promise<number> {
  let content = planTemplate();
  if (input.copyFrom !== null) {
    const source = (await findDraft(tx, input.copyFrom)) ?? (await findLatestApproved(tx, input.copyFrom));
    if (source) content = parsePlanContent(source.content);
  }
  // Read inside the transaction: two plans created at once for one site cannot take one reference.
  const taken = (await tx.selectFrom('plans').select('ref').execute()).map((p) => p.ref);
  const ref = distinctPlanReference(input.node.code, input.site?.name ?? null, taken);
  return insertPlan(tx, change, {
    node_id: input.node.id,
    site_id: input.site?.id ?? null,
    ref,
    title: input.title,
    owner_id: input.ownerId,
    protective_marking: input.protectiveMarking,
  }, content);
}

/** What the section form was opened on: a draft at a version, or (draft null) the version in force. */
export interface SectionFormOrigin {
  draft: { id: number; version: number } | null;
  startsFromVersion: number | null;
}

export type SectionSaveOutcome = 'section' | 'draft-started' | 'stale';

/**
 * Saves one section of a plan. With a draft, the section goes into it, provided the draft is the
 * one the form was opened on, or someone saved it meanwhile but left this section as it was
 * (`sectionAsOpened`), so two people can work on different sections at once. Without one, the
 * first save opens the next draft from the version in force, provided that is still the version
 * the form was opened on. Anything else is 'stale' and nothing is written.
 */
export async function savePlanSection(
  tx: Tx,
  change: Change,
  plan: PlanIdentity,
  origin: SectionFormOrigin,
  applySection: (content: PlanContent) => PlanContent,
  sectionAsOpened: (content: PlanContent) => boolean,
): Promise<SectionSaveOutcome> {
  const draft = await findDraft(tx, plan.id);
  if (draft) {
    const content = parsePlanContent(draft.content);
    const current = origin.draft !== null && draft.id === origin.draft.id && draft.version === origin.draft.version;
    if (!current && !sectionAsOpened(content)) return 'stale';
    const saved = await updateDraft(tx, change, plan, draft, draft.version, { content: applySection(content) });
    return saved ? 'section' : 'stale';
  }
  const latest = await findLatestApproved(tx, plan.id);
  if (origin.draft !== null || !latest || latest.number !== origin.startsFromVersion) return 'stale';
  await insertDraft(tx, change, plan, applySection(parsePlanContent(latest.content)), '');
  return 'draft-started';
}

export interface ApprovalInput {
  draftId: number;
  draftVersion: number;
  approverId: number;
  approvedOn: string;
  changeSummary: string;
}

/** Freezes the draft as the next version, due for review after the plan review cadence; null when the draft changed since the form was opened. */
export async function approvePlan(tx: Tx, change: Change, plan: PlanIdentity, input: ApprovalInput): Promise<number | null> {
  const settings = await loadSettings(tx);
  return approveDraft(tx, change, plan, {
    ...input,
    nextReviewOn: nextReviewDue(input.approvedOn, settings.planReviewMonths),
    // The version is evidence: it keeps the cadences it was approved under, whatever an admin sets later.
    settingsAtApproval: JSON.stringify(settings),
  });
}
