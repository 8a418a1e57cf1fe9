import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Tx } from '../connection';
import type { DemoExercise, DemoPlanRisk } from './types';

const day = (date: Date) => format(date, 'yyyy-MM-dd');

/**
 * Inserts the demo exercises, their findings and the plan-risk links, after the plans and
 * risks. Plans and risks are found by title; each exercise names the version in force on its day.
 */
export async function loadDemoExercises(
  tx: Tx,
  now: string,
  exercises: readonly DemoExercise[],
  links: readonly DemoPlanRisk[],
  personIds: ReadonlyMap<string, number>,
): Promise<{ exercises: number; findings: number; links: number }> {
  const on = (days: number | undefined) => (days === undefined ? null : day(addDays(parseISO(now), days)));
  const person = (key: string) => {
    const id = personIds.get(key);
    if (id === undefined) throw new Error(`Demo exercise names an unknown person: ${key}`);
    return id;
  };
  const planId = async (title: string) => {
    const plan = await tx.selectFrom('plans').select('id').where('title', '=', title).executeTakeFirst();
    if (!plan) throw new Error(`Demo exercise names an unknown plan: ${title}`);
    return plan.id;
  };
  let findings = 0;
  for (const exercise of exercises) {
    const plan = await planId(exercise.plan);
    const date = on(exercise.heldInDays ?? exercise.plannedInDays) ?? now;
    const versions = await tx.selectFrom('plan_versions').select(['number', 'approved_on']).where('plan_id', '=', plan).where('number', 'is not', null).orderBy('number').execute();
    const inForce = versions.filter((v) => (v.approved_on ?? '') <= date).at(-1);
    const { id } = await tx
      .insertInto('exercises')
      .values({
        plan_id: plan,
        plan_version_number: inForce?.number ?? null,
        type: exercise.type,
        status: exercise.status,
        planned_on: on(exercise.plannedInDays),
        held_on: on(exercise.heldInDays),
        coordinator_id: person(exercise.coordinatorKey),
        participants: exercise.participants.join('\n'),
        scenario: exercise.scenario,
        objectives: exercise.objectives.join('\n'),
        result: exercise.result ?? null,
        recovery_hours: exercise.recoveryHours ?? null,
        lessons: exercise.lessons ?? '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const finding of exercise.findings ?? []) {
      const closedBy = finding.closedByVersion === undefined ? undefined : versions.find((v) => v.number === finding.closedByVersion);
      if (finding.closedByVersion !== undefined && !closedBy) throw new Error(`Demo finding names a version the plan does not have: ${finding.closedByVersion}`);
      await tx
        .insertInto('exercise_findings')
        .values({
          exercise_id: id,
          description: finding.description,
          owner_id: person(finding.ownerKey),
          due_on: on(finding.dueInDays),
          status: finding.status,
          closed_by_version_number: closedBy?.number ?? null,
          closed_on: closedBy?.approved_on ?? null,
        })
        .execute();
      findings += 1;
    }
  }
  for (const link of links) {
    const risk = await tx.selectFrom('risks').select('id').where('title', '=', link.risk).executeTakeFirst();
    if (!risk) throw new Error(`Demo link names an unknown risk: ${link.risk}`);
    await tx.insertInto('plan_risks').values({ risk_id: risk.id, plan_id: await planId(link.plan) }).execute();
  }
  return { exercises: exercises.length, findings, links: links.length };
}
