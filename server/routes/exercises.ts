import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { readableNodesOf } from '../access/reader';
import { exerciseInPath, findingInPath, planInPath } from '../access/scopes';
import { today } from '../clock';
import { notFound } from '../errors';
import { EXERCISE_KIND_LABELS, EXERCISE_TYPES } from '../domain/exercise-vocabulary';
import { decodeBase } from '../forms/conflict';
import { blankForm, editForm, refusedForm, staleForm, type FormState } from '../forms/form-page';
import {
  editExerciseSchema,
  EXERCISE_FIELD_LABELS,
  exerciseChoiceErrors,
  exerciseFormValues,
  invocationSchema,
  newExerciseDateErrors,
  newExerciseRecord,
  newExerciseSchema,
} from '../forms/exercise-form';
import { editFindingSchema, FINDING_FIELD_LABELS, findingChoiceErrors, findingFormValues, newFindingSchema } from '../forms/finding-form';
import { formErrors, hasErrors, inFieldOrder, mergeErrors, parseForm, typedValues } from '../forms/parse';
import { findExercise, findFinding, insertExercise, insertFinding, listApprovedVersions, updateExercise, updateFinding } from '../queries/exercises';
import { findPlan, type PlanDetailRow } from '../queries/plans';
import { loadPeopleChoices, type PeopleChoices } from '../presenters/people-options';
import {
  buildExercisePage,
  buildPlanExercisesPage,
  exerciseName,
  exerciseOptions,
  findingOptions,
  loadExerciseChoices,
  optionText,
  type ExerciseChoices,
} from '../presenters/exercise-pages';
import { pageTitle, shortName } from '../presenters/page-title';
import { changeOf, idParam } from './params';

type FormKind = 'new' | 'invocation' | 'edit';

interface ExerciseFormHeadings {
  kind: FormKind;
  title: string;
  heading: string;
  caption: string;
  action: string;
  cancelHref: string;
}

// The order the exercise form shows its fields in, for the error summary: a real invocation asks for its date first.
const NEW_EXERCISE_FORM_ORDER = ['type', 'happened', 'exercise_on', 'plan_version_number', 'coordinator_id', 'participants', 'scenario', 'objectives', 'result', 'recovery_hours', 'lessons'];
const EXERCISE_FORM_ORDER = ['type', 'planned_on', 'status', 'plan_version_number', 'coordinator_id', 'participants', 'scenario', 'objectives', 'held_on', 'result', 'recovery_hours', 'lessons'];
const INVOCATION_FORM_ORDER = ['held_on', 'plan_version_number', 'coordinator_id', 'participants', 'scenario', 'result', 'recovery_hours', 'lessons'];

function renderExerciseForm(res: Response, choices: ExerciseChoices, headings: ExerciseFormHeadings, form: FormState): void {
  const invocation = headings.kind === 'invocation' || form.values.type === 'real_invocation';
  const order = invocation ? INVOCATION_FORM_ORDER : headings.kind === 'new' ? NEW_EXERCISE_FORM_ORDER : EXERCISE_FORM_ORDER;
  res.status(form.status).render('exercises/exercise-form', {
    ...headings,
    ...form,
    errors: form.errors && inFieldOrder(form.errors, order),
    editing: headings.kind === 'edit',
    isNew: headings.kind === 'new',
    invocation,
    showPlanning: !invocation,
    options: exerciseOptions(choices, form.values, invocation ? ['real_invocation'] : EXERCISE_TYPES),
  });
}

interface FindingFormHeadings {
  title: string;
  heading: string;
  caption: string;
  action: string;
  cancelHref: string;
  editing: boolean;
}

// After a save the browser goes back with ?saved=…; only these known words are shown.
const SAVED_MESSAGES: Record<string, string> = {
  scheduled: 'Exercise scheduled',
  recorded: 'Exercise recorded with its outcome',
  invocation: 'Real invocation recorded',
  changed: 'Exercise saved',
  'finding-added': 'Finding added',
  'finding-changed': 'Finding saved',
  'finding-closed': 'Finding closed',
};
const savedMessage = (saved: unknown) => (typeof saved === 'string' && Object.hasOwn(SAVED_MESSAGES, saved) ? SAVED_MESSAGES[saved] : undefined);

export function exerciseRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function loadPlan(id: string | string[] | undefined): Promise<PlanDetailRow> {
    const plan = await findPlan(db, idParam(id, 'That plan'));
    if (!plan) throw notFound('That plan');
    return plan;
  }
  async function loadExercise(id: string | string[] | undefined) {
    const exercise = await findExercise(db, idParam(id, 'That exercise'));
    if (!exercise) throw notFound('That exercise');
    return exercise;
  }
  async function loadFinding(id: string | string[] | undefined) {
    const finding = await findFinding(db, idParam(id, 'That finding'));
    if (!finding) throw notFound('That finding');
    return finding;
  }

  const newHeadings = (plan: PlanDetailRow, kind: 'new' | 'invocation'): ExerciseFormHeadings => ({
    kind,
    title: pageTitle(kind === 'new' ? 'Add an exercise' : 'Record a real invocation', plan.ref),
    heading: kind === 'new' ? 'Add an exercise' : 'Record a real invocation',
    caption: `${plan.ref} ${plan.title}`,
    action: kind === 'new' ? `/plans/${plan.id}/exercises` : `/plans/${plan.id}/invocations`,
    cancelHref: `/plans/${plan.id}/exercises`,
  });

  /** A new exercise starts on the version in force, coordinated by the plan's owner. */
  const startingValues = (plan: PlanDetailRow, choices: ExerciseChoices, extra: Record<string, string>) => ({
    plan_version_number: String(choices.versions.find((v) => v.status === 'approved')?.number ?? ''),
    coordinator_id: String(plan.owner_id ?? ''),
    ...extra,
  });

  router.get('/plans/:id/exercises', allow(db, 'read', planInPath), async (req, res) => {
    const page = await buildPlanExercisesPage(db, clock, idParam(req.params.id, 'That plan'), await readableNodesOf(db, res));
    res.render('exercises/plan-exercises', { ...page, savedMessage: savedMessage(req.query.saved) });
  });

  // One form for a test to come and a test already held: ?happened=no or yes answers its first question.
  router.get('/plans/:id/exercises/new', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await loadPlan(req.params.id);
    const choices = await loadExerciseChoices(db, plan);
    const happened = req.query.happened === 'yes' || req.query.happened === 'no' ? req.query.happened : '';
    renderExerciseForm(res, choices, newHeadings(plan, 'new'), blankForm(startingValues(plan, choices, { happened })));
  });

  router.post('/plans/:id/exercises', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await loadPlan(req.params.id);
    const choices = await loadExerciseChoices(db, plan);
    const parsed = parseForm(newExerciseSchema, req.body);
    const errors = parsed.ok ? mergeErrors(newExerciseDateErrors(parsed.data, today(clock)), exerciseChoiceErrors(parsed.data, choices, today(clock))) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderExerciseForm(res, choices, newHeadings(plan, 'new'), refusedForm(typedValues(req.body), errors));
      return;
    }
    const exercise = newExerciseRecord(parsed.data);
    const id = await db.transaction().execute((tx) => insertExercise(tx, changeOf(res, clock), { ...exercise, plan_id: plan.id }));
    res.redirect(303, `/exercises/${id}?saved=${exercise.status === 'completed' ? 'recorded' : 'scheduled'}`);
  });

  router.get('/plans/:id/invocations/new', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await loadPlan(req.params.id);
    const choices = await loadExerciseChoices(db, plan);
    renderExerciseForm(res, choices, newHeadings(plan, 'invocation'), blankForm(startingValues(plan, choices, { type: 'real_invocation' })));
  });

  router.post('/plans/:id/invocations', allow(db, 'manage_plans', planInPath), async (req, res) => {
    const plan = await loadPlan(req.params.id);
    const choices = await loadExerciseChoices(db, plan);
    const parsed = parseForm(invocationSchema, req.body);
    const errors = parsed.ok ? exerciseChoiceErrors(parsed.data, choices, today(clock)) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderExerciseForm(res, choices, newHeadings(plan, 'invocation'), refusedForm({ ...typedValues(req.body), type: 'real_invocation' }, errors));
      return;
    }
    const id = await db.transaction().execute((tx) =>
      insertExercise(tx, changeOf(res, clock), { ...parsed.data, plan_id: plan.id, type: 'real_invocation', status: 'completed', planned_on: null }));
    res.redirect(303, `/exercises/${id}?saved=invocation`);
  });

  router.get('/exercises/:id', allow(db, 'read', exerciseInPath), async (req, res) => {
    const page = await buildExercisePage(db, clock, idParam(req.params.id, 'That exercise'));
    res.render('exercises/exercise', { ...page, savedMessage: savedMessage(req.query.saved) });
  });

  const editHeadings = (exercise: Awaited<ReturnType<typeof loadExercise>>): ExerciseFormHeadings => ({
    kind: 'edit',
    title: pageTitle(exercise.type === 'real_invocation' ? 'Change the real invocation' : exercise.status === 'planned' ? 'Record the outcome' : 'Change the exercise', exerciseName(exercise)),
    heading: exercise.type === 'real_invocation' ? 'Change the real invocation' : exercise.status === 'planned' ? 'Record the outcome' : 'Change the exercise',
    caption: `${exercise.plan_ref} ${EXERCISE_KIND_LABELS[exercise.type]}`,
    action: `/exercises/${exercise.id}`,
    cancelHref: `/exercises/${exercise.id}`,
  });

  router.get('/exercises/:id/edit', allow(db, 'manage_plans', exerciseInPath), async (req, res) => {
    const exercise = await loadExercise(req.params.id);
    const choices = await loadExerciseChoices(db, { id: exercise.plan_id, node_id: exercise.node_id }, exercise);
    const values = exerciseFormValues(exercise);
    // Recording the outcome of a planned exercise: offer "completed" on the planned day.
    const recordingOutcome = exercise.status === 'planned' && req.query.outcome === '1';
    renderExerciseForm(res, choices, editHeadings(exercise), editForm(values, recordingOutcome ? { status: 'completed', held_on: exercise.planned_on ?? '' } : {}));
  });

  router.post('/exercises/:id', allow(db, 'manage_plans', exerciseInPath), async (req, res) => {
    const exercise = await loadExercise(req.params.id);
    const choices = await loadExerciseChoices(db, { id: exercise.plan_id, node_id: exercise.node_id }, exercise);
    const values = typedValues(req.body);
    const parsed = parseForm(editExerciseSchema, req.body);
    let errors = parsed.ok ? exerciseChoiceErrors(parsed.data, choices, today(clock)) : parsed.errors;
    // An exercise cannot become a real invocation or the reverse: one is planned, the other is not.
    if (parsed.ok && (parsed.data.type === 'real_invocation') !== (exercise.type === 'real_invocation')) {
      errors = mergeErrors(errors, formErrors([['type', 'Select the type of exercise from the list']]));
    }
    if (parsed.ok && exercise.type === 'real_invocation' && parsed.data.status !== 'completed') {
      errors = mergeErrors(errors, formErrors([['status', 'A real invocation has happened: its status is completed']]));
    }
    if (!parsed.ok || hasErrors(errors)) {
      renderExerciseForm(res, choices, editHeadings(exercise), refusedForm({ ...values, type: exercise.type === 'real_invocation' ? 'real_invocation' : (values.type ?? '') }, errors));
      return;
    }
    const { version, ...form } = parsed.data;
    const saved = await db.transaction().execute((tx) => updateExercise(tx, changeOf(res, clock), exercise.id, version, form));
    if (!saved) {
      const current = await loadExercise(req.params.id);
      const options = exerciseOptions(choices, values);
      renderExerciseForm(res, choices, editHeadings(current), staleForm({
        what: 'exercise',
        viewHref: `/exercises/${current.id}`,
        labels: EXERCISE_FIELD_LABELS,
        base: decodeBase(req.body),
        saved: exerciseFormValues(current),
        entered: values,
        display: (field, value) => optionText(options, field, value),
      }));
      return;
    }
    res.redirect(303, `/exercises/${exercise.id}?saved=changed`);
  });

  function renderFindingForm(
    res: Response,
    people: PeopleChoices,
    versions: Awaited<ReturnType<typeof listApprovedVersions>>,
    exercisedVersion: number | null,
    headings: FindingFormHeadings,
    form: FormState,
  ): void {
    res.status(form.status).render('exercises/finding-form', {
      ...headings,
      ...form,
      errors: form.errors && inFieldOrder(form.errors, Object.keys(FINDING_FIELD_LABELS)),
      options: findingOptions(people, versions, exercisedVersion, form.values),
    });
  }

  const newFindingHeadings = (exercise: Awaited<ReturnType<typeof loadExercise>>): FindingFormHeadings => ({
    title: pageTitle('Add a finding', exerciseName(exercise)),
    heading: 'Add a finding',
    caption: `${exercise.plan_ref} ${EXERCISE_KIND_LABELS[exercise.type]}`,
    action: `/exercises/${exercise.id}/findings`,
    cancelHref: `/exercises/${exercise.id}`,
    editing: false,
  });

  router.get('/exercises/:id/findings/new', allow(db, 'manage_plans', exerciseInPath), async (req, res) => {
    const exercise = await loadExercise(req.params.id);
    const [people, versions] = await Promise.all([loadPeopleChoices(db, exercise.node_id), listApprovedVersions(db, exercise.plan_id)]);
    renderFindingForm(res, people, versions, exercise.plan_version_number, newFindingHeadings(exercise), blankForm({ owner_id: String(exercise.coordinator_id ?? '') }));
  });

  router.post('/exercises/:id/findings', allow(db, 'manage_plans', exerciseInPath), async (req, res) => {
    const exercise = await loadExercise(req.params.id);
    const [people, versions] = await Promise.all([loadPeopleChoices(db, exercise.node_id), listApprovedVersions(db, exercise.plan_id)]);
    const parsed = parseForm(newFindingSchema, req.body);
    const errors = parsed.ok
      ? findingChoiceErrors(parsed.data, people, { exercisedVersion: exercise.plan_version_number, approvedVersions: versions.map((v) => v.number), today: today(clock) })
      : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderFindingForm(res, people, versions, exercise.plan_version_number, newFindingHeadings(exercise), refusedForm(typedValues(req.body), errors));
      return;
    }
    await db.transaction().execute((tx) => insertFinding(tx, changeOf(res, clock), { ...parsed.data, exercise_id: exercise.id, status: 'open' }));
    res.redirect(303, `/exercises/${exercise.id}?saved=finding-added`);
  });

  const editFindingHeadings = (finding: Awaited<ReturnType<typeof loadFinding>>): FindingFormHeadings => ({
    // An exercise has several findings: the title names this one by its words.
    title: pageTitle(finding.status === 'closed' ? 'Change a closed finding' : 'Update or close a finding', `${finding.plan_ref} ${shortName(finding.description)}`),
    heading: finding.status === 'closed' ? 'Change a closed finding' : 'Update or close a finding',
    caption: `${finding.plan_ref} ${EXERCISE_KIND_LABELS[finding.exercise_type]}`,
    action: `/findings/${finding.id}`,
    cancelHref: `/exercises/${finding.exercise_id}`,
    editing: true,
  });

  router.get('/findings/:id/edit', allow(db, 'manage_plans', findingInPath), async (req, res) => {
    const finding = await loadFinding(req.params.id);
    const [people, versions] = await Promise.all([loadPeopleChoices(db, finding.node_id), listApprovedVersions(db, finding.plan_id)]);
    renderFindingForm(res, people, versions, finding.exercised_version_number, editFindingHeadings(finding), editForm(findingFormValues(finding)));
  });

  router.post('/findings/:id', allow(db, 'manage_plans', findingInPath), async (req, res) => {
    const finding = await loadFinding(req.params.id);
    const [people, versions] = await Promise.all([loadPeopleChoices(db, finding.node_id), listApprovedVersions(db, finding.plan_id)]);
    const values = typedValues(req.body);
    const parsed = parseForm(editFindingSchema, req.body);
    const errors = parsed.ok
      ? findingChoiceErrors(parsed.data, people, { exercisedVersion: finding.exercised_version_number, approvedVersions: versions.map((v) => v.number), today: today(clock) })
      : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) {
      renderFindingForm(res, people, versions, finding.exercised_version_number, editFindingHeadings(finding), refusedForm(values, errors));
      return;
    }
    const { version, ...form } = parsed.data;
    const closed = form.status === 'closed';
    const saved = await db.transaction().execute((tx) =>
      updateFinding(tx, changeOf(res, clock), finding.id, version, {
        ...form,
        closed_by_version_number: closed ? form.closed_by_version_number : null,
        closed_on: closed ? form.closed_on : null,
      }));
    if (!saved) {
      const current = await loadFinding(req.params.id);
      const options = findingOptions(people, versions, current.exercised_version_number, values);
      renderFindingForm(res, people, versions, current.exercised_version_number, editFindingHeadings(current), staleForm({
        what: 'finding',
        viewHref: `/exercises/${current.exercise_id}`,
        labels: FINDING_FIELD_LABELS,
        base: decodeBase(req.body),
        saved: findingFormValues(current),
        entered: values,
        display: (field, value) => optionText(options, field, value),
      }));
      return;
    }
    res.redirect(303, `/exercises/${finding.exercise_id}?saved=${closed && finding.status !== 'closed' ? 'finding-closed' : 'finding-changed'}`);
  });

  return router;
}
