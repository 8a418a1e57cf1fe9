import type { Db } from '../../db/connection';
import type { NewExercise } from '../../db/schema';
import type { ExerciseType } from '../../server/domain/exercise-vocabulary';
import { approveDraft, findDraft, insertDraft, insertPlan } from '../../server/queries/plans';
import type { BasicOrganisation } from './fixtures';
import { completePlanContent } from './plan-fixtures';

let planCounter = 0;

/**
 * A complete plan of the unit (or the node given), approved once per date in `approvals`
 * (versions 1, 2…; none: a plan never approved), requiring the tests given.
 */
export async function addPlanWithApprovals(
  db: Db,
  org: BasicOrganisation,
  options: { approvals?: string[]; requiredTests?: ExerciseType[]; nodeId?: number; title?: string } = {},
): Promise<number> {
  const content = completePlanContent();
  if (options.requiredTests) content.exercising.requiredTests = options.requiredTests;
  const n = ++planCounter;
  return db.transaction().execute(async (tx) => {
    const change = (at: string) => ({ actor: { userId: null, name: 'Tester' }, at });
    const ref = `BCP-TEST-${n}`;
    const id = await insertPlan(
      tx,
      change('2024-01-01T00:00:00.000Z'),
      { node_id: options.nodeId ?? org.unitId, site_id: null, ref, title: options.title ?? `Test plan ${n}`, owner_id: org.ownerId, protective_marking: 'OFFICIAL-SENSITIVE' },
      content,
    );
    const plan = { id, ref, node_id: options.nodeId ?? org.unitId };
    for (const [index, approvedOn] of (options.approvals ?? []).entries()) {
      if (index > 0) await insertDraft(tx, change(`${approvedOn}T09:00:00.000Z`), plan, content, `Change ${index + 1}`);
      const draft = await findDraft(tx, id);
      if (!draft) throw new Error('no draft');
      const nextReviewOn = `${Number(approvedOn.slice(0, 4)) + 1}${approvedOn.slice(4)}`;
      await approveDraft(tx, change(`${approvedOn}T10:00:00.000Z`), plan, {
        draftId: draft.id, draftVersion: draft.version, approverId: org.ownerId, approvedOn, nextReviewOn, changeSummary: `Approved ${approvedOn}`,
      });
    }
    return id;
  });
}

export async function addExercise(db: Db, planId: number, exercise: Partial<NewExercise> = {}): Promise<number> {
  const { id } = await db
    .insertInto('exercises')
    .values({ plan_id: planId, type: 'tabletop', status: 'planned', planned_on: '2027-01-15', ...exercise })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
