import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import type { NewPlan, PlanRow, PlanVersionRow } from '../../db/schema';
import type { AuditValues } from '../domain/audit';
import { recordAudit, type Change } from './audit';
import { parsePlanContent, serialisePlanContent, type PlanContent } from '../domain/plan-content';

/** A plan with the names its pages show. */
export async function findPlan(db: Db | Tx, id: number) {
  return (await planDetail(db, { id }))[0];
}

// The plan page's queries, prepared (db/prepared-query.ts): built and compiled once.
const byPlan = preparedQuery<{ id: number }>();

const planDetail = byPlan((db, value) => db
  .selectFrom('plans as p')
  .innerJoin('nodes as n', 'n.id', 'p.node_id')
  .leftJoin('sites as s', 's.id', 'p.site_id')
  .leftJoin('people as o', 'o.id', 'p.owner_id')
  .selectAll('p')
  .select(['n.name as node_name', 'n.code as node_code', 's.name as site_name', 's.address as site_address', 'o.name as owner_name'])
  .where('p.id', '=', value('id')));

const draftOfPlan = byPlan((db, value) => db.selectFrom('plan_versions').selectAll().where('plan_id', '=', value('id')).where('status', '=', 'draft'));

const latestApprovedOfPlan = byPlan((db, value) => db
  .selectFrom('plan_versions')
  .selectAll()
  .where('plan_id', '=', value('id'))
  .where('number', 'is not', null)
  .orderBy('number', 'desc')
  .limit(1));

const versionsOfPlan = byPlan((db, value) => db
  .selectFrom('plan_versions as v')
  .leftJoin('people as a', 'a.id', 'v.approver_id')
  .select([
    'v.id',
    'v.number',
    'v.status',
    'v.approved_on',
    'v.next_review_on',
    'v.change_summary',
    'v.updated_at',
    'v.created_at',
    'a.name as approver_name',
    'v.updated_by',
  ])
  .where('v.plan_id', '=', value('id'))
  .orderBy(sql`v.number IS NULL`, 'desc')
  .orderBy('v.number', 'desc'));

export type PlanDetailRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/**
 * Plans of the given nodes (or only the plans given), each with its version in force, whether a
 * draft is open, and the stored facts of its content (migration 008): the lists, the pack and
 * every plan's standing start here, and none of them parses a plan's content to do it.
 */
export function listPlansOfNodes(db: Db, nodeIds: number[], planIds?: number[]) {
  if (nodeIds.length === 0 || planIds?.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('plans as p')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .innerJoin('plan_facts as f', 'f.plan_id', 'p.id')
    .leftJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('people as o', 'o.id', 'p.owner_id')
    .leftJoin('plan_versions as a', (join) => join.onRef('a.plan_id', '=', 'p.id').on('a.status', '=', 'approved'))
    .leftJoin('plan_versions as d', (join) => join.onRef('d.plan_id', '=', 'p.id').on('d.status', '=', 'draft'))
    .select([
      'p.id',
      'p.ref',
      'p.title',
      'p.node_id',
      'p.site_id',
      'p.protective_marking',
      'p.retired_on',
      'n.name as node_name',
      's.name as site_name',
      'o.name as owner_name',
      'a.number as approved_number',
      'a.approved_on',
      'a.next_review_on',
      'd.id as draft_id',
      'f.first_approved_on',
      'f.required_tests',
      'f.missing_sections',
      'f.rto_hours',
      'f.draft_missing_count',
    ])
    .where('p.node_id', 'in', nodeIds);
  if (planIds) query = query.where('p.id', 'in', planIds);
  return query.orderBy('p.ref').execute();
}

export type PlanListRow = Awaited<ReturnType<typeof listPlansOfNodes>>[number];

/** Plans in use (not retired) per node. */
export async function countPlansByNode(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('plans')
    .select(['node_id', (eb) => eb.fn.countAll<number>().as('plans')])
    .where('retired_on', 'is', null)
    .groupBy('node_id')
    .execute();
  return new Map(rows.map((r) => [r.node_id, Number(r.plans)]));
}

export async function findDraft(db: Db | Tx, planId: number) {
  return (await draftOfPlan(db, { id: planId }))[0];
}

export function findApprovedVersion(db: Db | Tx, planId: number, number: number) {
  return db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('number', '=', number).executeTakeFirst();
}

/** The version in force: the one approved last, or undefined if none has been approved yet. */
export async function findLatestApproved(db: Db | Tx, planId: number) {
  return (await latestApprovedOfPlan(db, { id: planId }))[0];
}

/** Every version, newest first, the draft on top, with the approver's and last editor's names. */
export function listVersions(db: Db | Tx, planId: number) {
  return versionsOfPlan(db, { id: planId });
}

export type VersionListRow = Awaited<ReturnType<typeof listVersions>>[number];

/** What the audit history and the write functions need to know of a plan. */
export interface PlanIdentity {
  id: number;
  ref: string;
  node_id: number;
}

/** A version as the audit history keeps it: its state and each section, so an event holds only the sections that changed. */
function versionValues(version: Pick<PlanVersionRow, 'status' | 'number' | 'approver_id' | 'approved_on' | 'next_review_on' | 'change_summary'>, content: PlanContent | null): AuditValues {
  return {
    status: version.status,
    number: version.number,
    approver_id: version.approver_id,
    approved_on: version.approved_on,
    next_review_on: version.next_review_on,
    change_summary: version.change_summary,
    ...(content ?? {}),
  };
}

function versionEvent(plan: PlanIdentity, versionId: number, at: string) {
  return { entityType: 'plan_version', entityId: versionId, subject: plan.ref, nodeId: plan.node_id, at };
}

const planValues = (plan: Pick<PlanRow, 'ref' | 'title' | 'node_id' | 'site_id' | 'owner_id' | 'protective_marking' | 'retired_on'>): AuditValues => ({
  ref: plan.ref,
  title: plan.title,
  node_id: plan.node_id,
  site_id: plan.site_id,
  owner_id: plan.owner_id,
  protective_marking: plan.protective_marking,
  retired_on: plan.retired_on,
});

/** Records a plan's creation; the demo loader, which writes versions as they stand, calls it too. */
export async function recordPlanCreated(tx: Tx, change: Change, plan: PlanRow): Promise<void> {
  await recordAudit(tx, change.actor, { entityType: 'plan', entityId: plan.id, action: 'create', subject: `${plan.ref} ${plan.title}`, nodeId: plan.node_id, after: planValues(plan), at: change.at });
}

/** A new plan and its first draft, in one transaction, both in the audit history. */
export async function insertPlan(tx: Tx, change: Change, plan: NewPlan, content: PlanContent): Promise<number> {
  const row = await tx
    .insertInto('plans')
    .values({ ...plan, created_at: change.at, updated_at: change.at })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordPlanCreated(tx, change, row);
  await insertDraft(tx, change, row, content, '');
  return row.id;
}

/** Opens the plan's draft; the database refuses a second one. */
export async function insertDraft(tx: Tx, change: Change, plan: PlanIdentity, content: PlanContent, changeSummary: string): Promise<number> {
  const { id } = await tx
    .insertInto('plan_versions')
    .values({
      plan_id: plan.id,
      number: null,
      status: 'draft',
      content: serialisePlanContent(content),
      change_summary: changeSummary,
      updated_by: change.actor.name,
      created_at: change.at,
      updated_at: change.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const values = versionValues({ status: 'draft', number: null, approver_id: null, approved_on: null, next_review_on: null, change_summary: changeSummary }, content);
  await recordAudit(tx, change.actor, { ...versionEvent(plan, id, change.at), action: 'create', after: values });
  return id;
}

/** Saves the draft only if nobody saved it since `version`; returns false otherwise. The audit event holds the sections that changed. */
export async function updateDraft(
  tx: Tx,
  change: Change,
  plan: PlanIdentity,
  draft: PlanVersionRow,
  version: number,
  changes: { content?: PlanContent; changeSummary?: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('plan_versions')
    .set({
      ...(changes.content ? { content: serialisePlanContent(changes.content) } : {}),
      ...(changes.changeSummary !== undefined ? { change_summary: changes.changeSummary } : {}),
      updated_by: change.actor.name,
      updated_at: change.at,
      version: sql`version + 1`,
    })
    .where('id', '=', draft.id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const before = parsePlanContent(draft.content);
  await recordAudit(tx, change.actor, {
    ...versionEvent(plan, draft.id, change.at),
    action: 'update',
    before: versionValues(draft, before),
    after: versionValues({ ...draft, change_summary: changes.changeSummary ?? draft.change_summary }, changes.content ?? before),
  });
  return true;
}

export interface Approval {
  draftId: number;
  draftVersion: number;
  approverId: number;
  approvedOn: string;
  nextReviewOn: string;
  changeSummary: string;
  /** JSON of the settings in force, kept with the version as approved. */
  settingsAtApproval?: string | null;
}

/**
 * Freezes the draft as the next numbered version and supersedes the one before; returns the
 * new number, or null if the draft moved on (or was approved) since the form was shown.
 */
export async function approveDraft(tx: Tx, change: Change, plan: PlanIdentity, approval: Approval): Promise<number | null> {
  const draft = await tx
    .selectFrom('plan_versions')
    .selectAll()
    .where('id', '=', approval.draftId)
    .where('plan_id', '=', plan.id)
    .where('status', '=', 'draft')
    .where('version', '=', approval.draftVersion)
    .executeTakeFirst();
  if (!draft) return null;
  const { next } = await tx
    .selectFrom('plan_versions')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
    .where('plan_id', '=', plan.id)
    .executeTakeFirstOrThrow();
  const previous = await tx.selectFrom('plan_versions').selectAll().where('plan_id', '=', plan.id).where('status', '=', 'approved').executeTakeFirst();
  if (previous) {
    await tx.updateTable('plan_versions').set({ status: 'superseded' }).where('id', '=', previous.id).execute();
    await recordAudit(tx, change.actor, { ...versionEvent(plan, previous.id, change.at), action: 'update', before: { status: 'approved' }, after: { status: 'superseded' } });
  }
  const approved = {
    status: 'approved' as const,
    number: next,
    approver_id: approval.approverId,
    approved_on: approval.approvedOn,
    next_review_on: approval.nextReviewOn,
    change_summary: approval.changeSummary,
    settings_at_approval: approval.settingsAtApproval ?? null,
  };
  await tx
    .updateTable('plan_versions')
    .set({ ...approved, updated_at: change.at, version: sql`version + 1` })
    .where('id', '=', draft.id)
    .execute();
  await recordAudit(tx, change.actor, { ...versionEvent(plan, draft.id, change.at), action: 'update', before: versionValues(draft, null), after: versionValues(approved, null) });
  return next;
}

/** Applies a change to the plan's details only if nobody saved them since `version`. */
export async function updatePlanDetails(
  tx: Tx,
  change: Change,
  plan: PlanRow,
  version: number,
  changes: { title: string; owner_id: number | null; protective_marking: string; site_id: number | null },
): Promise<boolean> {
  const result = await tx
    .updateTable('plans')
    .set({ ...changes, updated_at: change.at, version: sql`version + 1` })
    .where('id', '=', plan.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  await recordAudit(tx, change.actor, {
    entityType: 'plan',
    entityId: plan.id,
    action: 'update',
    subject: `${plan.ref} ${changes.title}`,
    nodeId: plan.node_id,
    before: planValues(plan),
    after: planValues({ ...plan, ...changes }),
    at: change.at,
  });
  return true;
}

export function listSitesOfNode(db: Db, nodeId: number) {
  return db
    .selectFrom('node_sites as ns')
    .innerJoin('sites as s', 's.id', 'ns.site_id')
    .select(['s.id', 's.name', 's.address'])
    .where('ns.node_id', '=', nodeId)
    .orderBy('s.name')
    .execute();
}

/** The months from approval to the next review (the `plan_review_months` setting). */
export async function planReviewMonths(db: Db | Tx): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'plan_review_months').executeTakeFirst();
  const months = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(months) && months > 0 ? months : 12;
}

/** Every plan not retired, by reference: the plans a new plan may be copied from (filtered by what the reader may read). */
export function listLivePlans(db: Db) {
  return db.selectFrom('plans').select(['id', 'ref', 'title', 'node_id']).where('retired_on', 'is', null).orderBy('ref').execute();
}

/** What a section form edits now: the draft, or the version in force when there is no draft (undefined: a plan with neither). */
export async function findWorkingCopy(db: Db, planId: number) {
  const draft = await findDraft(db, planId);
  if (draft) return { draft, content: parsePlanContent(draft.content), startsFromVersion: null };
  const latest = await findLatestApproved(db, planId);
  if (!latest) return undefined;
  return { draft: null, content: parsePlanContent(latest.content), startsFromVersion: latest.number };
}
