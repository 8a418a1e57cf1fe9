import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { today } from '../clock';
import { notFound } from '../errors';
import { effectiveStatus, isFindingOverdue, recoveryAgainstRto } from '../domain/exercise-due';
import {
  EXERCISE_KIND_LABELS,
  EXERCISE_KINDS,
  EXERCISE_RESULT_LABELS,
  EXERCISE_RESULTS,
  EXERCISE_STATUS_LABELS,
  EXERCISE_STATUSES,
  EXERCISE_TYPES,
  FINDING_STATUS_LABELS,
  FINDING_STATUSES,
  type ExerciseKind,
} from '../domain/exercise-vocabulary';
import { versionLabel } from '../domain/plans';
import type { ReadableNodeIds } from '../domain/roles';
import { buildTree } from '../domain/tree';
import { findExercise, listApprovedVersions, planHasDraft, type ExerciseListRow, type FindingListRow } from '../queries/exercises';
import { listNodes } from '../queries/nodes';
import { countUnreadableRisksOfPlan, listRisksOfPlan } from '../queries/plan-risks';
import { findPlan } from '../queries/plans';
import { formatDay } from '../domain/dates';
import { pageTitle } from './page-title';
import { flatOptions, placeholder, toOptions, type Choice } from './options';
import { loadPeopleChoices, peopleOptions, type PeopleChoices } from './people-options';
import { loadPlanStandings } from './plan-standing';
import { RISK_NOUN, unseenLinks } from './unseen-links';

type Versions = Awaited<ReturnType<typeof listApprovedVersions>>;

/** Home › division › unit › the plan's exercises: every exercise page hangs below its plan. */
async function planBreadcrumbs(db: Db, plan: { id: number; ref: string; node_id: number }, last?: string) {
  const tree = buildTree(await listNodes(db));
  return [
    ...tree.path(plan.node_id).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })),
    { text: `${plan.ref} exercises`, href: last ? `/plans/${plan.id}/exercises` : undefined },
    ...(last ? [{ text: last }] : []),
  ];
}

/** An exercise as lists show it: its status as it stands today, and a date to sort and read by. */
export function listedExercise(e: ExerciseListRow, todayIso: string) {
  const status = effectiveStatus(e, todayIso);
  return {
    ...e,
    typeLabel: EXERCISE_KIND_LABELS[e.type],
    status,
    statusLabel: status === 'missed' && e.status === 'planned' ? 'Missed (date passed with no result)' : EXERCISE_STATUS_LABELS[status],
    statusTag: { planned: 'blue', completed: 'green', cancelled: 'grey', missed: 'red' }[status],
    resultLabel: e.result ? EXERCISE_RESULT_LABELS[e.result] : '',
    versionLabel: e.plan_version_number === null ? 'Draft' : `Version ${e.plan_version_number}`,
    date: e.held_on ?? e.planned_on,
  };
}

export function listedFinding(f: FindingListRow, todayIso: string) {
  return {
    ...f,
    statusLabel: FINDING_STATUS_LABELS[f.status],
    overdue: isFindingOverdue(f, todayIso),
    open: f.status !== 'closed',
    exerciseDate: f.exercise_held_on ?? f.exercise_planned_on,
  };
}

/**
 * The risks a plan responds to that the reader may read, with their references, and a count of
 * the others (a division's risk can name a unit's plan, and HQ's any plan).
 */
async function loadLinkedRisks(db: Db, planId: number, readable: ReadableNodeIds) {
  const [risks, hidden] = await Promise.all([listRisksOfPlan(db, planId, readable), countUnreadableRisksOfPlan(db, planId, readable)]);
  return {
    risks,
    unseenRisks: unseenLinks(hidden, risks.length, RISK_NOUN),
  };
}

/** An exercise as a title names it: a plan has several of a kind, told apart by their day ("BCP-HQ Tabletop exercise, 3 March 2026"). */
export function exerciseName(exercise: { type: ExerciseKind; plan_ref: string; held_on: string | null; planned_on: string | null }): string {
  const day = exercise.held_on ?? exercise.planned_on;
  return `${exercise.plan_ref} ${EXERCISE_KIND_LABELS[exercise.type]}${day ? `, ${formatDay(day)}` : ''}`;
}

/** A plan's exercising: the schedule per type, every exercise and finding, and the risks it answers that the reader may read. */
export async function buildPlanExercisesPage(db: Db, clock: Clock, planId: number, readable: ReadableNodeIds) {
  const plan = await findPlan(db, planId);
  if (!plan) throw notFound('That plan');
  const todayIso = today(clock);
  const [standing] = await loadPlanStandings(db, todayIso, [plan.node_id], { includeRetired: true, planIds: [planId] });
  return {
    title: pageTitle('Exercises', plan.ref),
    breadcrumbs: await planBreadcrumbs(db, plan),
    plan,
    retired: plan.retired_on !== null,
    standing,
    exercises: (standing?.exercises ?? []).map((e) => listedExercise(e, todayIso)),
    findings: (standing?.findings ?? []).map((f) => listedFinding(f, todayIso)),
    ...(await loadLinkedRisks(db, planId, readable)),
  };
}

/** One exercise: what was planned, what happened, recovery against the RTO, and its findings. */
export async function buildExercisePage(db: Db, clock: Clock, exerciseId: number) {
  const exercise = await findExercise(db, exerciseId);
  if (!exercise) throw notFound('That exercise');
  const todayIso = today(clock);
  const [standing] = await loadPlanStandings(db, todayIso, [exercise.node_id], { includeRetired: true, planIds: [exercise.plan_id] });
  const listed = listedExercise({ ...exercise }, todayIso);
  return {
    title: exerciseName(exercise),
    breadcrumbs: await planBreadcrumbs(db, { id: exercise.plan_id, ref: exercise.plan_ref, node_id: exercise.node_id }, EXERCISE_KIND_LABELS[exercise.type]),
    exercise: listed,
    invocation: exercise.type === 'real_invocation',
    countsAsLive: exercise.type === 'real_invocation' && exercise.lessons.trim() !== '',
    recoveryText: exercise.recovery_hours === null ? null : `${exercise.recovery_hours} hours`,
    recovery: recoveryAgainstRto(exercise.recovery_hours, standing?.rtoHours ?? []),
    findings: (standing?.findings ?? []).filter((f) => f.exercise_id === exercise.id).map((f) => listedFinding(f, todayIso)),
  };
}

export interface ExerciseChoices {
  /** Everyone, the people of the plan's node and above listed first. */
  people: PeopleChoices;
  versions: Versions;
  /** The draft the form offers: the plan's draft now, or on an exercise recorded as of a draft since approved, that one. */
  draft: { label: string } | null;
  /** True when "a draft" is a choice the form offers and a save may make. */
  draftOffered: boolean;
}

/**
 * Choices for the exercise forms: people, the plan's approved versions, and its draft only if it
 * has one (or, editing, the exercise was recorded as of a draft), so the list offers only versions that exist.
 */
export async function loadExerciseChoices(db: Db, plan: { id: number; node_id: number }, exercise?: { plan_version_number: number | null }): Promise<ExerciseChoices> {
  const [people, versions, hasDraft] = await Promise.all([loadPeopleChoices(db, plan.node_id), listApprovedVersions(db, plan.id), planHasDraft(db, plan.id)]);
  const latest = versions.at(-1)?.number ?? null;
  const draft = hasDraft
    ? { label: `The ${versionLabel(null, latest).toLowerCase()}` }
    : exercise?.plan_version_number === null ? { label: 'A draft (as recorded)' } : null;
  return { people, versions, draft, draftOffered: draft !== null };
}

export function exerciseOptions(choices: ExerciseChoices, values: Record<string, string>, kinds: readonly ExerciseKind[] = EXERCISE_KINDS) {
  return {
    types: toOptions(kinds, (t) => t, (t) => EXERCISE_KIND_LABELS[t], values.type),
    scheduledTypes: toOptions(EXERCISE_TYPES, (t) => t, (t) => EXERCISE_KIND_LABELS[t], values.type),
    statuses: toOptions(EXERCISE_STATUSES, (s) => s, (s) => EXERCISE_STATUS_LABELS[s], values.status),
    happened: toOptions(['no', 'yes'] as const, (h) => h, (h) => (h === 'yes' ? 'Yes: record the outcome below' : 'No: schedule it'), values.happened),
    results: [placeholder('No result yet', values.result), ...toOptions(EXERCISE_RESULTS, (r) => r, (r) => EXERCISE_RESULT_LABELS[r], values.result)],
    versions: [
      ...(choices.draft ? [placeholder(choices.draft.label, values.plan_version_number)] : []),
      ...toOptions([...choices.versions].reverse(), (v) => v.number, (v) => `Version ${v.number}, approved ${formatDay(v.approved_on)}${v.status === 'approved' ? ' (in force)' : ''}`, values.plan_version_number),
    ],
    coordinators: peopleOptions(choices.people, values.coordinator_id, 'Not assigned'),
  };
}

/** Text for a select's value in the conflict table. */
export function optionText(options: Record<string, Choice[]>, field: string, value: string): string {
  const byField: Record<string, string> = {
    type: 'types',
    status: 'statuses',
    result: 'results',
    plan_version_number: 'versions',
    coordinator_id: 'coordinators',
    owner_id: 'owners',
    closed_by_version_number: 'versions',
  };
  const key = byField[field];
  return (key ? flatOptions(options[key] ?? []).find((o) => o.value === value)?.text : undefined) ?? value;
}

export function findingOptions(people: PeopleChoices, versions: Versions, exercisedVersion: number | null, values: Record<string, string>) {
  const later = versions.filter((v) => exercisedVersion === null || v.number > exercisedVersion);
  return {
    owners: peopleOptions(people, values.owner_id, 'Not assigned'),
    statuses: toOptions(FINDING_STATUSES, (s) => s, (s) => FINDING_STATUS_LABELS[s], values.status),
    versions: [
      placeholder(later.length === 0 ? 'No later version approved yet' : 'Select the version', values.closed_by_version_number),
      ...toOptions([...later].reverse(), (v) => v.number, (v) => `Version ${v.number}, approved ${formatDay(v.approved_on)}`, values.closed_by_version_number),
    ],
  };
}

/** What the plan's own page shows of its exercising: the state per test, open findings, and the risks it answers that the reader may read. */
export async function buildPlanExercisingPanel(db: Db, clock: Clock, planId: number, readable: ReadableNodeIds) {
  const plan = await findPlan(db, planId);
  if (!plan) return undefined;
  const [standing] = await loadPlanStandings(db, today(clock), [plan.node_id], { includeRetired: true, planIds: [planId] });
  return { planId, standing, ...(await loadLinkedRisks(db, planId, readable)) };
}
