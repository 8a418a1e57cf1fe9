import type { Db } from '../../db/connection';
import type { PlanVersionRow } from '../../db/schema';
import { today, type Clock } from '../clock';
import { missingSections, parsePlanContent } from '../domain/plan-content';
import { versionLabel } from '../domain/plans';
import { buildTree } from '../domain/tree';
import { PLAN_VERSION_STATUS_LABELS, PROTECTIVE_MARKINGS } from '../domain/vocabulary';
import { notFound } from '../errors';
import type { PlanPackDocument, PlanPrintDocument, PrintBlock } from '../print/plan-document';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES } from '../domain/vocabulary';
import type { Settings } from '../queries/reference';
import { listNodes } from '../queries/nodes';
import { findApprovedVersion, findDraft, findLatestApproved, findPlan, listPlansOfNodes, listVersions, type PlanDetailRow } from '../queries/plans';
import { formatLongDate, planSectionBlocks } from './plan-sections';
import { exerciseScheduleBlock } from './exercise-print';

/** Which version of a plan to print. */
export type PlanVersionChoice = { version: number } | 'latest-approved' | 'draft';

/** 'Counter Terrorism Division, London (Rose Court)': the node, and the site with the first line of its address. */
export function planScope(plan: Pick<PlanDetailRow, 'node_name' | 'site_name' | 'site_address'>): string {
  if (!plan.site_name) return plan.node_name;
  const building = plan.site_address?.split(',')[0]?.trim();
  return `${plan.node_name}, ${plan.site_name}${building ? ` (${building})` : ''}`;
}

async function chosenVersion(db: Db, planId: number, which: PlanVersionChoice): Promise<PlanVersionRow> {
  const version =
    which === 'draft' ? await findDraft(db, planId) : which === 'latest-approved' ? await findLatestApproved(db, planId) : await findApprovedVersion(db, planId, which.version);
  if (!version) throw notFound(which === 'draft' ? 'A draft of that plan' : 'That version of the plan');
  return version;
}

const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;

/**
 * The cadences a version was approved under, as kept with it (NULL for versions approved
 * before Bulwark kept them): printed with section 11, so a copy reads as it was approved.
 */
export function approvedCadencesBlock(settingsAtApproval: string | null, versionNumber: number | null): PrintBlock | null {
  if (!settingsAtApproval || versionNumber === null) return null;
  const settings = JSON.parse(settingsAtApproval) as Pick<Settings, 'planReviewMonths' | 'exerciseMonths'>;
  const tests = EXERCISE_TYPES.map((type) => `${EXERCISE_TYPE_LABELS[type]}: every ${months(settings.exerciseMonths[type])}`);
  return {
    kind: 'list',
    heading: `Cadences when version ${versionNumber} was approved`,
    ordered: false,
    items: [...tests, `Plan review: every ${months(settings.planReviewMonths)}`],
  };
}

/** The print model of one version of a plan, or of its draft, every value a display string. */
export async function buildPlanPrintDocument(db: Db, clock: Clock, planId: number, which: PlanVersionChoice): Promise<PlanPrintDocument> {
  const plan = await findPlan(db, planId);
  if (!plan) throw notFound('That plan');
  const [version, versions] = await Promise.all([chosenVersion(db, planId, which), listVersions(db, planId)]);
  const content = parsePlanContent(version.content);
  const draft = version.status === 'draft';
  const approved = versions.filter((v) => v.number !== null).sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  const latestApproved = approved.at(-1) ?? null;
  const self = versions.find((v) => v.id === version.id);

  const history = approved
    .filter((v) => draft || (v.number ?? 0) <= (version.number ?? 0))
    .map((v) => ({ version: `Version ${v.number}`, date: formatLongDate(v.approved_on), by: v.approver_name ?? '', summary: v.change_summary }));
  if (draft) {
    history.push({ version: 'Draft', date: formatLongDate(version.updated_at.slice(0, 10)), by: version.updated_by, summary: version.change_summary || 'In progress' });
  }

  const guidanceFor = new Set(draft ? missingSections(content).map((s) => s.key) : []);
  const exerciseSchedule = await exerciseScheduleBlock(db, clock, planId);
  const cadences = draft ? null : approvedCadencesBlock(version.settings_at_approval, version.number);
  const section11Extras = cadences ? [cadences, exerciseSchedule] : [exerciseSchedule];
  return {
    header: {
      planRef: plan.ref,
      title: plan.title,
      scope: planScope(plan),
      versionLabel: versionLabel(version.number, latestApproved?.number ?? null),
      draft,
      status: PLAN_VERSION_STATUS_LABELS[version.status],
      owner: plan.owner_name ?? 'Not assigned',
      approver: draft ? 'Not yet approved' : (self?.approver_name ?? ''),
      approvedOn: draft ? 'Not yet approved' : formatLongDate(version.approved_on),
      // A draft is reviewed when approved; until then the version in force sets the date.
      nextReviewDue: formatLongDate(draft ? (latestApproved?.next_review_on ?? null) : version.next_review_on) || 'Set when approved',
      protectiveMarking: plan.protective_marking,
      printedOn: formatLongDate(today(clock)),
    },
    changeHistory: history,
    distribution: content.documentControl.distribution.map((r) => ({ name: r.name, role: r.role })),
    sections: planSectionBlocks(content, guidanceFor)
      .filter((s) => s.number >= 1)
      // Section 11's dates come from the exercise records, not from the plan's text.
      .map(({ number, title, blocks }) => ({ number, title, blocks: number === 11 ? [...blocks, ...section11Extras] : blocks })),
  };
}

/** The highest of the markings, by the order of PROTECTIVE_MARKINGS; unknown markings count as the highest. */
export function highestMarking(markings: string[]): string {
  const rank = (m: string) => {
    const index = PROTECTIVE_MARKINGS.findIndex((known) => known === m);
    return index === -1 ? PROTECTIVE_MARKINGS.length : index;
  };
  return markings.reduce<string>((high, m) => (rank(m) > rank(high) ? m : high), PROTECTIVE_MARKINGS[0]);
}

/**
 * Every current plan at or below a node, in the order of the organisation tree: each plan's
 * latest approved version, or its draft when it was never approved.
 */
export async function buildPlanPackDocument(db: Db, clock: Clock, nodeId: number): Promise<PlanPackDocument> {
  const nodes = await listNodes(db);
  const tree = buildTree(nodes);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const order: number[] = [];
  const walk = (id: number) => {
    order.push(id);
    for (const child of tree.children(id)) walk(child.id);
  };
  walk(nodeId);
  const plans = (await listPlansOfNodes(db, order))
    .filter((p) => p.retired_on === null && (p.approved_number !== null || p.draft_id !== null))
    .sort((a, b) => order.indexOf(a.node_id) - order.indexOf(b.node_id) || a.ref.localeCompare(b.ref));
  const documents: PlanPrintDocument[] = [];
  for (const plan of plans) {
    documents.push(await buildPlanPrintDocument(db, clock, plan.id, plan.approved_number !== null ? { version: plan.approved_number } : 'draft'));
  }
  return {
    title: 'Business continuity plans',
    scope: tree.children(nodeId).length > 0 ? `${node.name} and everything below it` : node.name,
    printedOn: formatLongDate(today(clock)),
    protectiveMarking: highestMarking(plans.map((p) => p.protective_marking)),
    plans: documents,
  };
}
