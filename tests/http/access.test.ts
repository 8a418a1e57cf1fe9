import request from 'supertest';
import type { AccessRule } from '../../server/access/guard';
import { describeRule, listRouteRules, type RouteRule } from '../../server/access/route-rules';
import { ROLES, roleAllows, type Grant, type Role } from '../../server/domain/roles';
import { addRisk, seedBasicOrganisation } from '../support/fixtures';
import { addPlan, completePlanContent } from '../support/plan-fixtures';
import { addExercise } from '../support/exercise-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { addUser, csrfTokenIn, signInWith, type Client } from '../support/users';

// The route-by-role table, generated from the router: every route must declare a rule, and
// every role, at every reach, gets exactly what its rule says, on the server.

interface Records {
  proposalId: number;
  divisionId: number;
  unitId: number;
  otherDivisionId: number;
  riskId: number;
  actionId: number;
  victimUserId: number;
  victimGrantId: number;
  planId: number;
  exerciseId: number;
  findingId: number;
  registerId: number;
  siteId: number;
  categoryId: number;
  objectiveId: number;
}

/** Ids for each route's path parameters: all inside the division, so a division grant reaches them. */
const PATH_PARAMETERS: [RegExp, (r: Records) => Record<string, number | string>][] = [
  [/^\/plans\/:id/, (r) => ({ id: r.planId, number: 1, key: 'contacts' })],
  // A feed that does not exist: the route's rule is what is checked, and it answers 404.
  [/^\/nodes\/:id\/calendar\/feeds\/:feedId/, (r) => ({ id: r.unitId, feedId: 999999 })],
  [/^\/nodes\/:id/, (r) => ({ id: r.unitId })],
  [/^\/feeds\/:token/, () => ({ token: 'A'.repeat(43) })],
  [/^\/risks\/:id/, (r) => ({ id: r.riskId })],
  [/^\/actions\/:id/, (r) => ({ id: r.actionId })],
  [/^\/exercises\/:id/, (r) => ({ id: r.exerciseId })],
  [/^\/findings\/:id/, (r) => ({ id: r.findingId })],
  [/^\/registers\/:id/, (r) => ({ id: r.registerId, quarter: '2026-27Q3' })],
  [/^\/proposals\/:id/, (r) => ({ id: r.proposalId })],
  [/^\/admin\/users\/:id/, (r) => ({ id: r.victimUserId, grantId: r.victimGrantId })],
  [/^\/admin\/nodes\/:id/, (r) => ({ id: r.unitId })],
  [/^\/admin\/sites\/:id/, (r) => ({ id: r.siteId })],
  [/^\/admin\/categories\/:id/, (r) => ({ id: r.categoryId })],
  [/^\/admin\/objectives\/:id/, (r) => ({ id: r.objectiveId })],
];

function concretePath(route: RouteRule, records: Records): string {
  if (!route.path.includes(':')) return route.path;
  const ids = PATH_PARAMETERS.find(([pattern]) => pattern.test(route.path))?.[1](records) ?? {};
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const id = ids[name];
    if (id === undefined) throw new Error(`No fixture for :${name} in ${route.method} ${route.path}: add one to PATH_PARAMETERS`);
    return String(id);
  });
}

type Reach = 'organisation' | 'division' | 'other-division';

function expectedAllowed(rule: AccessRule, role: Role, reach: Reach): boolean {
  if (rule.kind !== 'permission') return true;
  if (!roleAllows(role, rule.permission)) return false;
  if (reach === 'organisation') return true;
  // A division grant reaches the division's records but never organisation-wide things.
  return reach === 'division' && rule.scope !== 'the whole organisation';
}

describe('the route-by-role table', () => {
  let t: TestApp;
  let records: Records;
  let routes: RouteRule[];

  beforeAll(async () => {
    t = await startTestApp();
    const org = await seedBasicOrganisation(t.handle.db);
    const db = t.handle.db;
    const other = await db.insertInto('nodes').values({ parent_id: org.hqId, kind: 'division', name: 'Other Division', code: 'OTH' }).returning('id').executeTakeFirstOrThrow();
    const riskId = await addRisk(db, org, { register_id: org.unitRegisterId });
    const action = await db.insertInto('actions').values({ risk_id: riskId, description: 'Act', status: 'not_started' }).returning('id').executeTakeFirstOrThrow();
    const victim = await addUser(db, [{ role: 'business_manager', node_id: org.unitId }]);
    const grant = await db.selectFrom('role_grants').select('id').where('user_id', '=', victim.id).executeTakeFirstOrThrow();
    const planId = await addPlan(db, org, 'BCP-ACCESS', completePlanContent());
    await db.updateTable('plan_versions').set({ status: 'approved', number: 1, approver_id: org.ownerId, approved_on: '2026-11-01', next_review_on: '2027-11-01' }).where('plan_id', '=', planId).execute();
    const exerciseId = await addExercise(db, planId, { status: 'completed', planned_on: '2026-11-10', held_on: '2026-11-10', result: 'passed', plan_version_number: 1 });
    const finding = await db.insertInto('exercise_findings').values({ exercise_id: exerciseId, description: 'Fix it', status: 'open' }).returning('id').executeTakeFirstOrThrow();
    // The unit's risk proposed to the division's register, waiting: its page and decisions belong to the division.
    const proposal = await db.insertInto('risk_proposals').values({
      kind: 'escalation', from_risk_id: riskId, register_id: org.divisionRegisterId, fields: JSON.stringify({ title: 'Escalated', cause: '', event: '', effect: '', category_id: org.categoryId, objective_id: null, owner_id: null, manager_id: null, treatment: 'treat', influence: 'within', inherent_likelihood: 3, inherent_impact: 3, current_likelihood: 3, current_impact: 3, target_likelihood: 2, target_impact: 2, existing_controls: '' }),
      reason: 'Affects the division', proposed_at: '2026-11-01T10:00:00.000Z', proposed_by_name: 'Test',
    }).returning('id').executeTakeFirstOrThrow();
    const site = await db.insertInto('sites').values({ name: 'London', address: '' }).returning('id').executeTakeFirstOrThrow();
    records = {
      divisionId: org.divisionId, unitId: org.unitId, otherDivisionId: other.id, riskId, actionId: action.id, victimUserId: victim.id, victimGrantId: grant.id,
      planId, exerciseId, findingId: finding.id, registerId: org.unitRegisterId, proposalId: proposal.id,
      // The risk uses the category and objective, so an empty POST to delete them is refused, never carried out.
      siteId: site.id, categoryId: org.categoryId, objectiveId: org.objectiveId,
    };
    // Signing out ends the client's session, so it goes last.
    routes = listRouteRules(t.app).sort((a, b) => Number(a.path === '/sign-out') - Number(b.path === '/sign-out'));
  });
  afterAll(() => t.close());

  it('gives every route a rule', () => {
    const missing = routes.filter((r) => r.rule === undefined).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(20);
  });

  async function send(client: Client, route: RouteRule) {
    const path = concretePath(route, records);
    return route.method === 'GET' ? client.get(path) : client.post(path).type('form').send({});
  }

  const reaches: Reach[] = ['organisation', 'division', 'other-division'];
  for (const role of ROLES) {
    for (const reach of reaches) {
      it(`${role} over ${reach === 'organisation' ? 'the whole organisation' : reach === 'division' ? 'the division' : 'another division'}: allowed exactly where the rule says, otherwise 403`, async () => {
        const nodeId = reach === 'organisation' ? null : reach === 'division' ? records.divisionId : records.otherDivisionId;
        const grants: Grant[] = [{ role, node_id: nodeId }];
        const client = await signInWith(t.app, t.handle.db, grants);
        const outcomes: string[] = [];
        const wrong: string[] = [];
        for (const route of routes) {
          const rule = route.rule as AccessRule;
          const res = await send(client, route);
          const allowed = expectedAllowed(rule, role, reach);
          const refused = res.status === 403 || res.status === 401 || (res.status === 303 && String(res.headers.location).startsWith('/sign-in?next='));
          outcomes.push(`${route.method} ${route.path}: ${res.status}`);
          if (res.status >= 500 || allowed === refused || (!allowed && res.status !== 403)) {
            wrong.push(`${route.method} ${route.path} (${describeRule(rule)}): expected ${allowed ? 'allowed' : '403'}, got ${res.status}`);
          }
          // Every form a page offers carries the CSRF token.
          if (route.method === 'GET' && res.status === 200 && /text\/html/.test(String(res.headers['content-type']))) {
            const forms = res.text.match(/<form[^>]*method="post"[^]*?<\/form>/g) ?? [];
            for (const form of forms) if (!form.includes('name="_csrf"')) wrong.push(`${route.path}: a form without a CSRF token`);
          }
        }
        expect(wrong).toEqual([]);
        expect(outcomes.length).toBe(routes.length);
      });
    }
  }

  it('sends anyone not signed in to sign in, except on open routes', async () => {
    const client = request.agent(t.app);
    const signInPage = await client.get('/sign-in').expect(200);
    client.set('X-CSRF-Token', csrfTokenIn(signInPage.text));
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await send(client, route);
      const rule = route.rule as AccessRule;
      if (rule.kind === 'anyone') {
        if ([401, 403].includes(res.status) || res.status >= 500) wrong.push(`${route.method} ${route.path}: ${res.status}`);
      } else if (route.method === 'GET') {
        if (res.status !== 303 || !String(res.headers.location).startsWith('/sign-in?next=')) wrong.push(`${route.method} ${route.path}: ${res.status}`);
      } else if (res.status !== 401) {
        wrong.push(`${route.method} ${route.path}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
