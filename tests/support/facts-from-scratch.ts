import type { Db } from '../../db/connection';
import { fixedClock } from '../../server/clock';
import { isActionOpen } from '../../server/domain/actions';
import { exerciseSchedule, planReviewState, standingCalendar, worstRag, type Rag } from '../../server/domain/exercise-due';
import { missingSections, parsePlanContent } from '../../server/domain/plan-content';
import { reviewCalendar } from '../../server/domain/reviews';
import { judgeRisk, loadRiskRules } from '../../server/presenters/risk-rules';
import { boardPage, RAG_RANK, testStatesOf } from '../../server/queries/plan-facts';
import { loadSettings } from '../../server/queries/reference';
import { reviewStateSql } from '../../server/queries/risk-facts';

// The stored facts (migration 008_stored_facts) next to the same facts computed from scratch
// with the domain's rules over the raw rows, as the pages computed them before the facts were
// stored. Each helper returns both sides keyed by id, for toEqual.

/** Every risk: what risk_facts holds (with the review state judged in SQL), and what judgeRisk makes of the raw rows. */
export async function riskFactsBothWays(db: Db, today: string) {
  const rules = await loadRiskRules(db, fixedClock(today));
  const calendar = reviewCalendar(today, rules.settings.fyStartMonth);
  const risks = await db
    .selectFrom('risks as r')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .selectAll('r')
    .select(['g.code as register_code', 'g.kind as register_kind', 'g.node_id', 'c.appetite_rank'])
    .execute();
  const reviews = await db.selectFrom('reviews').select(['risk_id', 'reviewed_on', 'direction', 'id']).orderBy('reviewed_on', 'desc').orderBy('id', 'desc').execute();
  const scratch: Record<number, unknown> = {};
  for (const risk of risks) {
    const last = reviews.find((v) => v.risk_id === risk.id) ?? null;
    const judged = judgeRisk(risk, last?.reviewed_on ?? null, rules);
    scratch[risk.id] = {
      node_id: risk.node_id,
      register_kind: risk.register_kind,
      register_code: risk.register_code,
      ref_number: risk.ref_number,
      category_id: risk.category_id,
      owner_id: risk.owner_id,
      status: risk.status,
      current_likelihood: risk.current_likelihood,
      current_impact: risk.current_impact,
      current_score: judged.current.score,
      current_level_rank: judged.current.level.rank,
      target_score: judged.target.score,
      target_level_rank: judged.target.level.rank,
      above_appetite: judged.aboveAppetite ? 1 : 0,
      last_reviewed_on: last?.reviewed_on ?? null,
      last_direction: last?.direction ?? null,
      review_due_on: judged.reviewDueOn,
      review_state: judged.reviewState,
    };
  }
  const rows = await db.selectFrom('risk_facts as f').selectAll('f').select(reviewStateSql(calendar).as('review_state')).execute();
  const stored = Object.fromEntries(rows.map(({ risk_id, ...facts }) => [risk_id, facts]));
  return { stored, scratch, count: risks.length };
}

/**
 * Every plan: what plan_facts and plan_test_facts hold, with the board's SQL states for today,
 * and what the content, exerciseSchedule and planReviewState make of the raw rows.
 */
export async function planFactsBothWays(db: Db, today: string) {
  const settings = await loadSettings(db);
  const calendar = standingCalendar(today);
  const plans = await db.selectFrom('plans').selectAll().execute();
  const versions = await db.selectFrom('plan_versions').selectAll().execute();
  const exercises = await db.selectFrom('exercises').selectAll().execute();
  const findings = await db.selectFrom('exercise_findings as f').innerJoin('exercises as e', 'e.id', 'f.exercise_id').select(['f.status', 'f.due_on', 'e.plan_id']).execute();
  const scratch: Record<number, unknown> = {};
  for (const plan of plans) {
    const ofPlan = versions.filter((v) => v.plan_id === plan.id);
    const approved = ofPlan.find((v) => v.status === 'approved');
    const draft = ofPlan.find((v) => v.status === 'draft');
    const json = approved?.content ?? draft?.content;
    const content = json === undefined ? null : parsePlanContent(json);
    const approvals = ofPlan.filter((v) => v.number !== null).map((v) => v.approved_on as string).sort();
    const firstApprovedOn = approvals[0] ?? null;
    const schedule = exerciseSchedule({
      firstApprovedOn,
      requiredTypes: content?.exercising.requiredTests ?? [],
      exercises: exercises.filter((e) => e.plan_id === plan.id),
      cadence: settings.exerciseMonths,
      today,
    });
    const review = planReviewState(approved?.next_review_on ?? null, today);
    const rags = [...schedule.map((s) => s.rag), review.rag];
    const dueDays = [...schedule.filter((s) => s.rag !== null).map((s) => s.nextDueOn), approved?.next_review_on ?? null].filter((d): d is string => d !== null).sort();
    const open = findings.filter((f) => f.plan_id === plan.id && f.status !== 'closed');
    scratch[plan.id] = {
      facts: {
        node_id: plan.node_id,
        retired: plan.retired_on === null ? 0 : 1,
        approved_number: approved?.number ?? null,
        approved_on: approved?.approved_on ?? null,
        first_approved_on: firstApprovedOn,
        next_review_on: approved?.next_review_on ?? null,
        has_draft: draft ? 1 : 0,
        required_tests: content?.exercising.requiredTests ?? [],
        missing_sections: content ? missingSections(content) : [],
        missing_count: content ? missingSections(content).length : 0,
        rto_hours: content?.criticalActivities.activities.map((a) => a.rtoHours) ?? [],
        draft_missing_count: draft ? missingSections(parsePlanContent(draft.content)).length : 0,
      },
      tests: schedule.map((s) => ({ type: s.type, required: s.required ? 1 : 0, last_on: s.lastOn, next_due_on: s.nextDueOn, planned_on: s.plannedOn, missed_on: s.missedOn, state: s.state })),
      // Retired plans are not on the board.
      board: plan.retired_on !== null ? null : {
        rag_rank: rankOf(worstRag(rags)),
        reds: rags.filter((r) => r === 'red').length,
        first_due_on: dueDays[0] ?? null,
        open_findings: open.length,
        overdue_findings: open.filter((f) => f.due_on !== null && f.due_on < today).length,
      },
    };
  }
  const facts = await db.selectFrom('plan_facts').selectAll().execute();
  const tests = await testStatesOf(db, calendar, plans.map((p) => p.id));
  const board = await boardPage(db, calendar, { nodeIds: [...new Set(plans.map((p) => p.node_id))], offset: 0, limit: 100_000 });
  const stored: Record<number, unknown> = {};
  for (const { plan_id, required_tests, missing_sections, rto_hours, ...rest } of facts) {
    const row = board.find((b) => b.plan_id === plan_id);
    stored[plan_id] = {
      facts: { ...rest, required_tests: JSON.parse(required_tests), missing_sections: JSON.parse(missing_sections), rto_hours: JSON.parse(rto_hours) },
      tests: tests
        .filter((t) => t.plan_id === plan_id)
        .sort((a, b) => ['call_cascade', 'tabletop', 'live'].indexOf(a.type) - ['call_cascade', 'tabletop', 'live'].indexOf(b.type))
        .map(({ type, required, last_on, next_due_on, planned_on, missed_on, state }) => ({ type, required, last_on, next_due_on, planned_on, missed_on, state })),
      board: row ? { rag_rank: row.rag_rank, reds: row.reds, first_due_on: row.first_due_on, open_findings: row.open_findings, overdue_findings: row.overdue_findings } : null,
    };
  }
  return { stored, scratch, count: plans.length };
}

const rankOf = (rag: Rag | null) => (rag === null ? 0 : RAG_RANK[rag]);

/** Open actions of open risks: what open_action_facts holds, and what the rows say (isActionOpen, the risk's status and node). */
export async function actionFactsBothWays(db: Db) {
  const actions = await db
    .selectFrom('actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .select(['a.id', 'a.risk_id', 'a.status', 'a.due_on', 'r.status as risk_status', 'g.node_id'])
    .execute();
  const scratch = Object.fromEntries(actions
    .filter((a) => isActionOpen(a.status) && a.risk_status === 'open')
    .map((a) => [a.id, { risk_id: a.risk_id, node_id: a.node_id, due_on: a.due_on }]));
  const rows = await db.selectFrom('open_action_facts').selectAll().execute();
  const stored = Object.fromEntries(rows.map(({ action_id, ...facts }) => [action_id, facts]));
  return { stored, scratch, count: actions.length };
}
