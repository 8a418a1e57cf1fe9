import { emptyPlanContent, parsePlanContent } from '../../server/domain/plan-content';
import { findDraft, findLatestApproved, insertDraft } from '../../server/queries/plans';
import { addRisk, riskFormBody, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { addPlan, completePlanContent, FIXTURE_CHANGE, planIdentity } from '../support/plan-fixtures';
import { HOSTILE_VALUES, rowsChangedSoFar, SCRIPT, SQL, withField } from '../support/hostile';
import { startTestApp, type TestApp } from '../support/test-app';

// Hundreds of requests a test: on a busy 2-core machine that takes longer than Jest's default.
jest.setTimeout(180_000);

describe('hostile input to every route that accepts it', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let riskId: number;
  let actionId: number;
  let planId: number;

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    riskId = await addRisk(t.handle.db, org);
    const action = await t.handle.db.insertInto('actions').values({ risk_id: riskId, description: 'Act', owner_id: org.ownerId, due_on: '2026-12-01', status: 'in_progress' }).returning('id').executeTakeFirstOrThrow();
    actionId = action.id;
    planId = await addPlan(t.handle.db, org, 'BCP-HOSTILE', completePlanContent());
  });
  afterAll(() => t.close());

  const version = async (table: 'risks' | 'actions' | 'plans', id: number) =>
    String((await t.handle.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  /** The plan's draft, opened again from the version in force if an approval closed it. */
  const planDraft = async () => {
    const draft = await findDraft(t.handle.db, planId);
    if (draft) return draft;
    const latest = await findLatestApproved(t.handle.db, planId);
    const plan = await planIdentity(t.handle.db, planId);
    const content = latest ? parsePlanContent(latest.content) : emptyPlanContent();
    await t.handle.db.transaction().execute((tx) => insertDraft(tx, FIXTURE_CHANGE, plan, content, ''));
    return (await findDraft(t.handle.db, planId)) ?? (() => { throw new Error('no draft'); })();
  };

  // Each route with a valid body built fresh (versions move as valid posts land).
  const routes: { name: string; path: () => string; body: () => Promise<Record<string, string>>; page: () => string }[] = [
    { name: 'add a risk', path: () => `/nodes/${org.divisionId}/risks`, body: async () => riskFormBody(org), page: () => `/nodes/${org.divisionId}` },
    {
      name: 'edit a risk',
      path: () => `/risks/${riskId}`,
      body: async () => ({ ...riskFormBody(org), status: 'open', closed_on: '', closure_reason: '', version: await version('risks', riskId) }),
      page: () => `/risks/${riskId}`,
    },
    {
      name: 'add an action',
      path: () => `/risks/${riskId}/actions`,
      body: async () => ({ description: 'Do it', owner_id: String(org.ownerId), due_on: '2027-01-10', status: 'not_started', completed_on: '' }),
      page: () => `/risks/${riskId}`,
    },
    {
      name: 'change an action',
      path: () => `/actions/${actionId}`,
      body: async () => ({ description: 'Do it again', owner_id: String(org.ownerId), due_on: '2027-01-10', status: 'in_progress', completed_on: '', version: await version('actions', actionId) }),
      page: () => `/risks/${riskId}`,
    },
    {
      name: 'complete an action',
      path: () => `/actions/${actionId}/complete`,
      body: async () => ({ version: await version('actions', actionId) }),
      page: () => `/risks/${riskId}`,
    },
    {
      name: 'record a review',
      path: () => `/risks/${riskId}/reviews`,
      body: async () => ({
        reviewed_on: '2026-11-23', reviewer_id: String(org.managerId), current_likelihood: '3', current_impact: '4',
        commentary: 'Fine', mitigating_action: '', further_action: '', still_valid: 'yes', version: await version('risks', riskId),
      }),
      page: () => `/risks/${riskId}`,
    },
    {
      name: 'add a plan',
      path: () => `/nodes/${org.unitId}/plans`,
      body: async () => ({ title: 'Plan', site_id: '', owner_id: String(org.ownerId), protective_marking: 'OFFICIAL', copy_from: String(planId) }),
      page: () => `/nodes/${org.unitId}/plans`,
    },
    {
      name: 'edit plan details',
      path: () => `/plans/${planId}`,
      body: async () => ({ title: 'Plan', site_id: '', owner_id: String(org.ownerId), protective_marking: 'OFFICIAL', version: await version('plans', planId) }),
      page: () => `/plans/${planId}`,
    },
    {
      name: 'save a plan section',
      path: () => `/plans/${planId}/sections/contacts`,
      body: async () => {
        const draft = await planDraft();
        return {
          draft_id: String(draft.id), version: String(draft.version), base: '',
          step_1: '1', caller_1: 'Alex', calls_1: 'Sam', phone_1: '07700 900001', contact_kind_1: 'internal',
          organisation_1: 'Police', contact_1: 'Control room', external_phone_1: '101', purpose_1: 'Access',
        };
      },
      page: () => `/plans/${planId}`,
    },
    {
      name: 'approve a plan',
      path: () => `/plans/${planId}/approve`,
      body: async () => {
        const draft = await planDraft();
        return { draft_id: String(draft.id), version: String(draft.version), approver_id: String(org.managerId), approved_on: '2026-11-23', change_summary: 'Approved' };
      },
      page: () => `/plans/${planId}`,
    },
  ];

  for (const route of routes) {
    it(`${route.name}: never a 500, nothing saved changed on refusal, markup always escaped`, async () => {
      const fields = Object.keys(await route.body());
      for (const field of fields) {
        for (const [label, value] of HOSTILE_VALUES) {
          // The body first: building it may reopen a plan's draft, which is not a change the post made.
          const body = await route.body();
          const before = await rowsChangedSoFar(t.handle.db);
          const res = await t.http.post(route.path()).type('form').send(withField(body, field, value));
          const context = `${route.name}, ${field} as ${label}: ${res.status}`;
          expect([context, [303, 400, 409, 413].includes(res.status)]).toEqual([context, true]);
          expect(res.text).not.toContain('<script>alert');
          expect(res.text).not.toContain('<img src=x');
          // A refusal writes nothing, in any table; a save (303) may write anything.
          const written = (await rowsChangedSoFar(t.handle.db)) - before;
          expect([context, res.status === 303 ? 'saved' : `${written} rows written`]).toEqual([context, res.status === 303 ? 'saved' : '0 rows written']);
        }
      }
      const page = await t.http.get(route.page()).expect(200);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).not.toContain('<img src=x');
    }, 180_000); // hundreds of posts: generous for a busy two-core machine

    it(`${route.name}: refuses an empty body, a JSON body and an unknown id`, async () => {
      const before = await rowsChangedSoFar(t.handle.db);
      await t.http.post(route.path()).expect((res) => expect([400, 409]).toContain(res.status));
      await t.http.post(route.path()).send({ title: SCRIPT }).expect((res) => expect([400, 409]).toContain(res.status));
      const unknown = route.path().replace(/\/\d+/, '/987654');
      await t.http.post(unknown).type('form').send(await route.body()).expect(404);
      await t.http.post(route.path().replace(/\/\d+/, `/${encodeURIComponent(SQL)}`)).type('form').send(await route.body()).expect(404);
      expect(await rowsChangedSoFar(t.handle.db)).toEqual(before);
    });
  }

  it('saves hostile text that is otherwise valid, and shows it escaped', async () => {
    const before = await rowsChangedSoFar(t.handle.db);
    const res = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, { title: SCRIPT, cause: SQL })).expect(303);
    // The count the refusals are held to sees the app's writes: it reads the app's own connection.
    expect(await rowsChangedSoFar(t.handle.db)).toBeGreaterThan(before);
    const page = await t.http.get(res.headers.location as string).expect(200);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(page.text).toContain('1&#x27;; DROP TABLE risks; --');
    const register = await t.http.get(`/nodes/${org.divisionId}`).expect(200);
    expect(register.text).toContain('&lt;script&gt;');
    expect(await t.handle.db.selectFrom('risks').select('id').execute()).not.toHaveLength(0);
  });

  it('refuses hostile query strings on the register page without an error', async () => {
    for (const value of [SCRIPT, SQL, 'x'.repeat(500)]) {
      const q = encodeURIComponent(value);
      const res = await t.http.get(`/nodes/${org.divisionId}?scope=${q}&category=${q}&kind=${q}&owner=${q}&level=${q}&review=${q}&l=${q}&i=${q}&status=${q}&sort=${q}`).expect(200);
      expect(res.text).not.toContain('<script>alert');
    }
    // Node itself refuses a request line past its header limit, before the app sees it.
    await t.http.get(`/nodes/${org.divisionId}?sort=${'x'.repeat(64 * 1024)}`).expect(431);
  });

  it('is still serving after all that', async () => {
    await t.http.get('/healthz').expect(200);
  });
});
