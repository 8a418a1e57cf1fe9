import { addDays, addMonths, format, parseISO } from 'date-fns';
import type { Db, Tx } from '../../db/connection';
import type { Clock } from '../../server/clock';
import { today } from '../../server/clock';
import { rate, recordedLevel } from '../../server/domain/matrix';
import { addQuarters, quarterOf, quarterStart } from '../../server/domain/quarters';
import { directionOfTravel } from '../../server/domain/reviews';
import { loadMatrix, loadSettings } from '../../server/queries/reference';
import { SYSTEM_ACTOR } from '../../server/access/actor';
import { insertRisk } from '../../server/queries/risks';
import { serialisePlanContent } from '../../server/domain/plan-content';
import { distinctPlanReference, nextReviewDue } from '../../server/domain/plans';
import { insertDraft, planReviewMonths, recordPlanCreated } from '../../server/queries/plans';
import { hashPassword } from '../../server/access/passwords';
import type { DemoOrganisation, DemoRisk } from './types';
import { subDays } from 'date-fns';
import { loadDemoExercises } from './load-exercises';
import { loadDemoJoinedRegisters } from './demo-joined';
import { loadDemoCalendarFeeds } from './demo-calendar-feeds';
import { loadDemoReturns } from './demo-returns';
import { moveRiskToRegister } from '../../server/queries/risks';
import { findRegister, updateRegister } from '../../server/queries/registers';

const day = (date: Date) => format(date, 'yyyy-MM-dd');

export interface DemoSummary {
  loaded: boolean;
  nodes: number;
  risks: number;
  reviews: number;
  actions: number;
  plans: number;
}

/**
 * Loads the demo organisation into an empty database, with every date placed relative to
 * today so the demo always shows a live quarter: reviews done, due and overdue. Does nothing
 * if the database already holds an organisation.
 */
export async function loadDemo(db: Db, clock: Clock, demo: DemoOrganisation): Promise<DemoSummary> {
  const existing = await db.selectFrom('nodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0) return { loaded: false, nodes: existing.n, risks: 0, reviews: 0, actions: 0, plans: 0 };
  const [matrix, settings] = await Promise.all([loadMatrix(db), loadSettings(db)]);
  const now = today(clock);
  const passwordHash = await hashPassword(demo.password);

  return db.transaction().execute(async (tx) => {
    const siteIds = new Map<string, number>();
    for (const site of demo.sites) {
      const { id } = await tx.insertInto('sites').values({ name: site.name, address: site.address }).returning('id').executeTakeFirstOrThrow();
      siteIds.set(site.key, id);
    }
    const nodeIds = new Map<string, number>();
    for (const node of demo.nodes) {
      const parentId = node.parentKey === null ? null : need(nodeIds, node.parentKey, 'node');
      const { id } = await tx
        .insertInto('nodes')
        .values({ parent_id: parentId, kind: node.kind, name: node.name, code: node.code })
        .returning('id')
        .executeTakeFirstOrThrow();
      nodeIds.set(node.key, id);
      for (const siteKey of node.siteKeys) {
        await tx.insertInto('node_sites').values({ node_id: id, site_id: need(siteIds, siteKey, 'site') }).execute();
      }
    }
    const personIds = new Map<string, number>();
    for (const person of demo.people) {
      const { id } = await tx
        .insertInto('people')
        .values({ name: person.name, email: person.email, job_title: person.jobTitle, node_id: need(nodeIds, person.nodeKey, 'node') })
        .returning('id')
        .executeTakeFirstOrThrow();
      personIds.set(person.key, id);
    }
    const userIds = new Map<string, { userId: number; name: string }>();
    for (const user of demo.users) {
      const { id } = await tx.insertInto('users').values({ person_id: need(personIds, user.personKey, 'person'), password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
      userIds.set(user.personKey, { userId: id, name: demo.people.find((p) => p.key === user.personKey)?.name ?? '' });
      for (const { role, nodeKey } of user.roles) {
        await tx.insertInto('role_grants').values({ user_id: id, role, node_id: nodeKey === null ? null : need(nodeIds, nodeKey, 'node') }).execute();
      }
    }
    const objectiveIds = new Map<string, number>();
    for (const [index, title] of demo.objectives.entries()) {
      const { id } = await tx.insertInto('objectives').values({ title, sort_order: index }).returning('id').executeTakeFirstOrThrow();
      objectiveIds.set(title, id);
    }
    const categoryIds = new Map((await tx.selectFrom('categories').select(['id', 'name']).execute()).map((c) => [c.name, c.id]));
    const registerIds = new Map<string, number>();
    for (const register of demo.registers) {
      const { id } = await tx
        .insertInto('registers')
        .values({ node_id: need(nodeIds, register.nodeKey, 'node'), kind: register.kind, name: register.name, code: register.code })
        .returning('id')
        .executeTakeFirstOrThrow();
      registerIds.set(register.key, id);
    }

    let reviews = 0;
    let actions = 0;
    for (const [index, risk] of demo.risks.entries()) {
      const identifiedOn = day(addMonths(parseISO(now), -risk.identifiedMonthsAgo));
      const riskId = await insertRisk(tx, { actor: SYSTEM_ACTOR, at: clock.now().toISOString() }, {
        register_id: need(registerIds, risk.registerKey, 'register'),
        title: risk.title,
        cause: risk.cause,
        event: risk.event,
        effect: risk.effect,
        category_id: need(categoryIds, risk.category, 'category'),
        objective_id: need(objectiveIds, risk.objective, 'objective'),
        owner_id: need(personIds, risk.ownerKey, 'person'),
        manager_id: need(personIds, risk.managerKey, 'person'),
        identified_on: identifiedOn,
        status: risk.closed ? 'closed' : 'open',
        closed_on: risk.closed ? day(addMonths(parseISO(now), -risk.closed.monthsAgo)) : null,
        closure_reason: risk.closed?.reason ?? null,
        treatment: risk.treatment,
        influence: risk.influence,
        inherent_likelihood: risk.inherent[0],
        inherent_impact: risk.inherent[1],
        current_likelihood: risk.current[0],
        current_impact: risk.current[1],
        target_likelihood: risk.target[0],
        target_impact: risk.target[1],
        existing_controls: risk.controls.join('\n'),
      });
      reviews += await insertDemoReviews(tx, risk, riskId, identifiedOn, index);
      for (const action of risk.actions) {
        await tx
          .insertInto('actions')
          .values({
            risk_id: riskId,
            description: action.description,
            owner_id: action.ownerKey ? need(personIds, action.ownerKey, 'person') : null,
            due_on: day(addDays(parseISO(now), action.dueInDays)),
            status: action.status,
            completed_on: action.status === 'completed' ? day(addDays(parseISO(now), -(action.completedDaysAgo ?? 1))) : null,
          })
          .execute();
        actions += 1;
      }
    }
    const reviewMonths = await planReviewMonths(tx);
    const refsGiven: string[] = [];
    for (const plan of demo.plans) {
      const node = demo.nodes.find((n) => n.key === plan.nodeKey);
      const site = demo.sites.find((s) => s.key === plan.siteKey) ?? null;
      if (!node) throw new Error(`Demo plan names an unknown node: ${plan.nodeKey}`);
      const approvedOn = (monthsAgo: number) => day(addMonths(parseISO(now), -monthsAgo));
      const first = plan.approved[0];
      const createdAt = `${first ? approvedOn(first.monthsAgo + 1) : day(addDays(parseISO(now), -20))}T09:00:00.000Z`;
      const planRow = await tx
        .insertInto('plans')
        .values({
          node_id: need(nodeIds, plan.nodeKey, 'node'),
          site_id: plan.siteKey === null ? null : need(siteIds, plan.siteKey, 'site'),
          ref: distinctPlanReference(node.code, site?.name ?? null, refsGiven),
          title: plan.title,
          owner_id: need(personIds, plan.ownerKey, 'person'),
          protective_marking: plan.marking,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const planId = planRow.id;
      refsGiven.push(planRow.ref);
      // Like the risks, the plans are recorded as added by System at load time; their past versions are seeded history.
      await recordPlanCreated(tx, { actor: SYSTEM_ACTOR, at: clock.now().toISOString() }, planRow);
      // Versions go in as they stand today; the evidence triggers only guard changes afterwards.
      for (const [index, version] of plan.approved.entries()) {
        const on = approvedOn(version.monthsAgo);
        await tx
          .insertInto('plan_versions')
          .values({
            plan_id: planId,
            number: index + 1,
            status: index === plan.approved.length - 1 ? 'approved' : 'superseded',
            content: serialisePlanContent(version.content),
            approver_id: need(personIds, version.approverKey, 'person'),
            approved_on: on,
            next_review_on: nextReviewDue(on, reviewMonths),
            change_summary: version.changeSummary,
            // As approval through the app keeps them: the cadences the version was approved under.
            settings_at_approval: JSON.stringify(settings),
            updated_by: demo.people.find((p) => p.key === version.approverKey)?.name ?? '',
            created_at: `${on}T09:00:00.000Z`,
            updated_at: `${on}T09:00:00.000Z`,
          })
          .execute();
      }
      if (plan.draft) {
        const savedAt = `${day(addDays(parseISO(now), -6))}T14:30:00.000Z`;
        await insertDraft(tx, { actor: { userId: null, name: plan.draft.editor }, at: savedAt }, planRow, plan.draft.content, plan.draft.changeSummary);
      }
    }
    await loadDemoExercises(tx, now, demo.exercises ?? [], demo.planRisks ?? [], personIds);
    await loadDemoMoves(tx, demo, registerIds, personIds);
    await loadDemoJoinedRegisters({ tx, now, nameOf: async (key) => demo.people.find((p) => p.key === key)?.name ?? key });
    await loadDemoReturns(tx, now, { registerIds, users: userIds, fyStartMonth: settings.fyStartMonth });
    await loadDemoCalendarFeeds(tx, now, { users: userIds, nodeIds });
    return { loaded: true, nodes: demo.nodes.length, risks: demo.risks.length, reviews, actions, plans: demo.plans.length };

    async function insertDemoReviews(trx: Tx, risk: DemoRisk, riskId: number, identifiedOn: string, index: number): Promise<number> {
      const thisQuarter = quarterOf(now, settings.fyStartMonth);
      let previousScore: number | null = null;
      let previousDate = identifiedOn;
      for (const review of risk.reviews) {
        const start = quarterStart(addQuarters(thisQuarter, -review.quartersAgo), settings.fyStartMonth);
        // Spread review dates over the first weeks of each quarter, never ahead of today or out of order.
        let reviewedOn = day(addDays(parseISO(start), 10 + ((index * 7) % 30)));
        if (reviewedOn > now) reviewedOn = now;
        if (reviewedOn < previousDate) reviewedOn = previousDate;
        const quarter = quarterOf(reviewedOn, settings.fyStartMonth);
        const score = rate(matrix, review.current[0], review.current[1]).score;
        await trx
          .insertInto('reviews')
          .values({
            risk_id: riskId,
            fy_year: quarter.fyYear,
            fy_quarter: quarter.quarter,
            reviewed_on: reviewedOn,
            reviewer_id: need(personIds, review.reviewerKey, 'person'),
            inherent_likelihood: risk.inherent[0],
            inherent_impact: risk.inherent[1],
            current_likelihood: review.current[0],
            current_impact: review.current[1],
            target_likelihood: risk.target[0],
            target_impact: risk.target[1],
            current_score: score,
            direction: directionOfTravel(previousScore, score),
            commentary: review.commentary,
            mitigating_action: review.mitigatingAction,
            further_action: review.furtherAction,
            still_valid: review.stillValid ? 1 : 0,
            ...recordedLevel(matrix, review.current[0], review.current[1]),
          })
          .execute();
        previousScore = score;
        previousDate = reviewedOn;
      }
      return risk.reviews.length;
    }
  });
}

function need<K>(map: Map<K, number>, key: K, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Demo data names an unknown ${what}: ${String(key)}`);
  return id;
}

/** Risks moved to another register after a case concluded, then the emptied registers closed, as a business manager would. */
async function loadDemoMoves(tx: Tx, demo: DemoOrganisation, registerIds: Map<string, number>, personIds: Map<string, number>): Promise<void> {
  const nameOf = async (key: string) => (await tx.selectFrom('people').select('name').where('id', '=', need(personIds, key, 'person')).executeTakeFirstOrThrow()).name;
  for (const move of demo.moves ?? []) {
    const at = subDays(new Date(), move.daysAgo).toISOString();
    const risk = await tx.selectFrom('risks').select(['id', 'version', 'register_id']).where('title', '=', move.riskTitle).executeTakeFirstOrThrow();
    const from = await findRegister(tx, risk.register_id);
    const to = await findRegister(tx, need(registerIds, move.toRegisterKey, 'register'));
    if (!from || !to) throw new Error(`demo move of ${move.riskTitle}: register missing`);
    await moveRiskToRegister(tx, { actor: { userId: null, name: await nameOf(move.byKey) }, at }, risk.id, risk.version, from, to, move.reason);
  }
  for (const register of demo.registers.filter((g) => g.closedDaysAgo !== undefined)) {
    const id = need(registerIds, register.key, 'register');
    const current = await findRegister(tx, id);
    if (!current) throw new Error(`demo register ${register.key} missing`);
    const closedOn = format(subDays(new Date(), register.closedDaysAgo ?? 0), 'yyyy-MM-dd');
    await updateRegister(tx, { actor: SYSTEM_ACTOR, at: new Date().toISOString() }, id, current.version, { closed_on: closedOn });
  }
}
