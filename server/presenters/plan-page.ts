import type { Db } from '../../db/connection';
import type { PlanVersionRow } from '../../db/schema';
import { today, type Clock } from '../clock';
import { missingSections, parsePlanContent, SECTIONS } from '../domain/plan-content';
import { versionLabel } from '../domain/plans';
import { buildTree } from '../domain/tree';
import { PLAN_VERSION_STATUS_LABELS } from '../domain/vocabulary';
import { notFound } from '../errors';
import { listNodes } from '../queries/nodes';
import { findApprovedVersion, findDraft, findLatestApproved, findPlan, listPlansOfNodes, listVersions, type PlanDetailRow } from '../queries/plans';
import { pageTitle, recordName } from './page-title';
import { planScope } from './plan-print';
import { planSectionBlocks } from './plan-sections';

/** Breadcrumbs from the root down to the node's plans, then whatever the page adds. */
export async function planBreadcrumbs(db: Db, nodeId: number, ...tail: { text: string; href?: string }[]) {
  const tree = buildTree(await listNodes(db));
  return [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Plans', href: `/nodes/${nodeId}/plans` }, ...tail];
}

/** The plan loaded from the path, or a 404 page. */
export async function loadPlan(db: Db, planId: number): Promise<PlanDetailRow> {
  const plan = await findPlan(db, planId);
  if (!plan) throw notFound('That plan');
  return plan;
}

/**
 * A plan's page. Without a version number it shows the working copy: the draft if there is one,
 * otherwise the version in force (editing it starts the next draft). With one it shows that
 * frozen version, read only.
 */
export async function buildPlanPage(db: Db, clock: Clock, planId: number, versionNumber?: number) {
  const plan = await loadPlan(db, planId);
  const [draft, latest, versions] = await Promise.all([findDraft(db, planId), findLatestApproved(db, planId), listVersions(db, planId)]);
  let shown: PlanVersionRow | undefined;
  if (versionNumber !== undefined) {
    shown = await findApprovedVersion(db, planId, versionNumber);
    if (!shown) throw notFound('That version of the plan');
  } else {
    shown = draft ?? latest;
  }
  if (!shown) throw notFound('A version of that plan');

  const content = parsePlanContent(shown.content);
  const isDraft = shown.status === 'draft';
  const missing = missingSections(content);
  const editable = versionNumber === undefined && plan.retired_on === null;
  const shownEntry = versions.find((v) => v.id === shown.id);
  const reviewDue = latest?.next_review_on ?? null;
  const day = today(clock);
  const label = versionLabel(shown.number, latest?.number ?? null);

  return {
    title: versionNumber === undefined ? recordName(plan.ref, plan.title) : pageTitle(label, recordName(plan.ref, plan.title)),
    breadcrumbs: await planBreadcrumbs(db, plan.node_id, ...(versionNumber !== undefined ? [{ text: plan.ref, href: `/plans/${plan.id}` }, { text: label }] : [{ text: plan.ref }])),
    plan: { ...plan, scope: planScope(plan) },
    shown: {
      id: shown.id,
      number: shown.number,
      label,
      status: shown.status,
      statusLabel: PLAN_VERSION_STATUS_LABELS[shown.status],
      isDraft,
      approverName: shownEntry?.approver_name ?? null,
      approvedOn: shown.approved_on,
      nextReviewOn: shown.next_review_on,
      updatedBy: shown.updated_by,
      updatedAt: shown.updated_at,
      changeSummary: shown.change_summary,
    },
    inForce: latest ? { number: latest.number, approvedOn: latest.approved_on, nextReviewOn: latest.next_review_on } : null,
    reviewOverdue: reviewDue !== null && reviewDue < day,
    /** Viewing an old version: a note says which version is in force now. */
    viewingOld: versionNumber !== undefined && shown.status === 'superseded',
    editable,
    /** Saving a section from this page starts a new draft copied from the version in force. */
    editStartsDraft: editable && !isDraft,
    canApprove: editable && isDraft && missing.length === 0,
    missing: isDraft ? missing : [],
    sections: planSectionBlocks(content, new Set(isDraft ? missing.map((m) => m.key) : [])).map((s) => ({
      ...s,
      editHref: editable ? `/plans/${plan.id}/sections/${s.key}/edit` : null,
      missing: isDraft ? (missing.find((m) => m.key === s.key)?.missing ?? []) : [],
    })),
    versions: versions.map((v) => ({
      ...v,
      label: v.number === null ? 'Draft' : `Version ${v.number}`,
      statusLabel: PLAN_VERSION_STATUS_LABELS[v.status],
      href: v.number === null ? `/plans/${plan.id}` : `/plans/${plan.id}/versions/${v.number}`,
      current: v.id === shown.id,
    })),
    sectionCount: SECTIONS.length,
  };
}

/** A node's plans (and, with everything below, every plan of its subtree), each with its state today. */
export async function buildPlanListPage(db: Db, clock: Clock, nodeId: number, includeDescendants: boolean) {
  const tree = buildTree(await listNodes(db));
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const ids = includeDescendants ? tree.subtreeIds(nodeId) : [nodeId];
  const day = today(clock);
  const rows = await listPlansOfNodes(db, ids);
  return {
    title: pageTitle(includeDescendants ? 'Plans, including everything below' : 'Plans', node.name),
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Plans' }],
    node,
    includeDescendants,
    hasDescendants: tree.children(nodeId).length > 0,
    canAdd: node.retired_on === null,
    plans: rows.map((row) => {
      const missing = row.draft_missing_count;
      return {
        id: row.id,
        ref: row.ref,
        title: row.title,
        nodeName: row.node_name,
        siteName: row.site_name,
        ownerName: row.owner_name,
        approvedNumber: row.approved_number,
        approvedOn: row.approved_on,
        nextReviewOn: row.next_review_on,
        reviewOverdue: row.next_review_on !== null && row.next_review_on < day,
        hasDraft: row.draft_id !== null,
        missing,
        retired: row.retired_on !== null,
        empty: row.approved_number === null && row.draft_id === null,
      };
    }),
  };
}
