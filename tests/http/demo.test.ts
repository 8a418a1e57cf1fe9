import { DEMO_PASSWORD, demoOrganisation } from '../../scripts/demo/demo-data';
import { loadDemo } from '../../scripts/demo/load';
import { fixedClock } from '../../server/clock';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { sha256Hex } from '../../server/domain/returns';
import { signIn } from '../support/users';

describe('the demo organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads into an empty database once, and only once', async () => {
    const first = await loadDemo(t.handle.db, fixedClock(TODAY), demoOrganisation);
    expect(first).toMatchObject({ loaded: true, nodes: demoOrganisation.nodes.length, risks: demoOrganisation.risks.length });
    const second = await loadDemo(t.handle.db, fixedClock(TODAY), demoOrganisation);
    expect(second.loaded).toBe(false);
    const risks = await t.handle.db.selectFrom('risks').select('id').execute();
    // And one more: the Organised Crime risk escalated to the division and accepted there.
    expect(risks).toHaveLength(demoOrganisation.risks.length + 1);
  });

  it('has the two divisions of the reports with their units', async () => {
    const nodes = await t.handle.db.selectFrom('nodes').selectAll().execute();
    const childrenOf = (name: string) => {
      const parent = nodes.find((n) => n.name === name);
      return nodes.filter((n) => n.parent_id === parent?.id && n.kind === 'unit');
    };
    expect(childrenOf('Special Crime and Counter Terrorism Division')).toHaveLength(3);
    expect(childrenOf('International Justice and Organised Crime Division')).toHaveLength(4);
  });

  it('shows a live quarter: reviews done, due and overdue, actions in every state, some overdue', async () => {
    const home = await t.http.get('/').expect(200);
    expect(home.text).toContain('Special Crime and Counter Terrorism Division');
    const hq = await t.handle.db.selectFrom('nodes').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const register = await t.http.get(`/nodes/${hq.id}?scope=all`).expect(200);
    for (const tag of ['>Reviewed<', '>Due<', '>Overdue<']) expect(register.text).toContain(tag);
    const statuses = await t.handle.db.selectFrom('actions').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['cancelled', 'completed', 'in_progress', 'not_started']);
    expect(register.text).toMatch(/\d+ overdue/);
  });

  it('renders every node and every risk page', async () => {
    const nodes = await t.handle.db.selectFrom('nodes').select('id').execute();
    for (const node of nodes) await t.http.get(`/nodes/${node.id}?scope=all`).expect(200);
    const risks = await t.handle.db.selectFrom('risks').select('id').execute();
    for (const risk of risks) {
      const page = await t.http.get(`/risks/${risk.id}`).expect(200);
      expect(page.text).toContain('Review history');
    }
  });

  it('has a plan for each division, unit and team at its site, in every state the coordinator meets', async () => {
    const plans = await t.handle.db.selectFrom('plans').select(['id', 'ref', 'node_id']).execute();
    const nodes = await t.handle.db.selectFrom('nodes').select(['id', 'kind']).where('kind', '!=', 'organisation').execute();
    expect(nodes.every((n) => plans.some((p) => p.node_id === n.id))).toBe(true);
    const versions = await t.handle.db.selectFrom('plan_versions').select(['plan_id', 'status', 'content']).execute();
    const statusesOf = (planId: number) => versions.filter((v) => v.plan_id === planId).map((v) => v.status).sort();
    const shapes = plans.map((p) => statusesOf(p.id).join(','));
    expect(shapes).toContain('approved,superseded'); // two versions
    expect(shapes).toContain('draft'); // never approved
    expect(shapes).toContain('approved,draft'); // a draft after an approval
    const cascadeLengths = versions.map((v) => (JSON.parse(v.content) as { contacts: { cascade: unknown[] } }).contacts.cascade.length);
    expect(Math.max(...cascadeLengths)).toBe(40);
    expect(plans.map((p) => p.ref)).toContain('BCP-SCCTD-CT-LON');
  });

  it('renders every plan, every version and every section form', async () => {
    const hq = await t.handle.db.selectFrom('nodes').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const list = await t.http.get(`/nodes/${hq.id}/plans?scope=all`).expect(200);
    expect(list.text).toContain('Review overdue');
    expect(list.text).toContain('sections incomplete');
    const plans = await t.handle.db.selectFrom('plans').select('id').execute();
    for (const plan of plans) await t.http.get(`/plans/${plan.id}`).expect(200);
    const numbered = await t.handle.db.selectFrom('plan_versions').select(['plan_id', 'number']).where('number', 'is not', null).execute();
    for (const v of numbered) await t.http.get(`/plans/${v.plan_id}/versions/${v.number}`).expect(200);
    const first = plans[0]?.id;
    for (const key of ['documentControl', 'purpose', 'invocation', 'responseTeam', 'contacts', 'criticalActivities', 'resources', 'alternativeWorking', 'recovery', 'communications', 'incidentLog', 'exercising']) {
      await t.http.get(`/plans/${first}/sections/${key}/edit`).expect(200);
    }
  });

  it('has exercises in every state, and a board showing each colour', async () => {
    const db = t.handle.db;
    const statuses = await db.selectFrom('exercises').select(['status', 'type']).execute();
    expect([...new Set(statuses.map((e) => e.status))].sort()).toEqual(['cancelled', 'completed', 'planned']);
    expect(statuses.some((e) => e.type === 'real_invocation')).toBe(true);
    const findings = await db.selectFrom('exercise_findings').select(['status', 'closed_by_version_number']).execute();
    expect([...new Set(findings.map((f) => f.status))].sort()).toEqual(['closed', 'in_progress', 'open']);
    expect(findings.filter((f) => f.status === 'closed').every((f) => f.closed_by_version_number !== null)).toBe(true);
    expect(await db.selectFrom('plan_risks').selectAll().execute()).not.toHaveLength(0);

    const hq = await db.selectFrom('nodes').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const board = await t.http.get(`/nodes/${hq.id}/plans/board`).expect(200);
    for (const state of ['>Overdue<', '>Missed<', '>Due soon<', '>On track<', '>Not due: plan not approved<', '>Review overdue<']) expect(board.text).toContain(state);
    const exercises = await db.selectFrom('exercises').select('id').execute();
    for (const e of exercises) await t.http.get(`/exercises/${e.id}`).expect(200);
    const plans = await db.selectFrom('plans').select('id').execute();
    for (const plan of plans) await t.http.get(`/plans/${plan.id}/exercises`).expect(200);
    const calendar = await t.http.get(`/nodes/${hq.id}/exercises.ics`).expect(200);
    expect(calendar.text).toContain('BEGIN:VEVENT');
    // The cancelled York call cascade and the completed IJOCD one (within 90 days) go as CANCELLED.
    expect(calendar.text.split('\r\n').filter((l) => l === 'STATUS:CANCELLED').length).toBeGreaterThanOrEqual(2);
  });

  it('has calendar feeds in use and revoked, with their history, and Hannah Sowerby sees hers', async () => {
    const db = t.handle.db;
    const feeds = await db.selectFrom('calendar_feeds').selectAll().execute();
    expect(feeds.filter((f) => f.revoked_at === null)).toHaveLength(2);
    expect(feeds.filter((f) => f.revoked_at !== null)).toHaveLength(1);
    const audit = await db.selectFrom('audit_events').select('action').where('entity_type', '=', 'calendar_feed').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'create', 'create', 'update']);
    const hannah = await signIn(t.app, 'hannah.sowerby@cps.example.gov.uk', DEMO_PASSWORD);
    const scctd = await db.selectFrom('nodes').select('id').where('code', '=', 'SCCTD').executeTakeFirstOrThrow();
    const page = await hannah.get(`/nodes/${scctd.id}/calendar`).expect(200);
    expect(page.text).toContain('Feed 2');
    expect(page.text).toContain('Revoked feeds (1)');
  });

  it('has quarterly returns in every state over the last four quarters, each snapshot sealed by its hash, every return page rendering', async () => {
    const db = t.handle.db;
    const returns = await db.selectFrom('returns as r').innerJoin('return_snapshots as s', 's.return_id', 'r.id').innerJoin('registers as g', 'g.id', 'r.register_id')
      .select(['r.id', 'r.state', 'r.register_id', 'r.fy_year', 'r.fy_quarter', 'g.code', 's.json', 's.sha256']).execute();
    expect([...new Set(returns.map((r) => r.state))].sort()).toEqual(['accepted', 'challenged', 'responded', 'submitted']);
    for (const r of returns) expect(sha256Hex(r.json)).toBe(r.sha256);
    expect(new Set(returns.map((r) => `${r.fy_year}Q${r.fy_quarter}`)).size).toBe(3);
    const challenges = await db.selectFrom('return_challenges').select('text').execute();
    expect(challenges.some((c) => c.text.startsWith('Risk SCCTD-R03 has no countermeasure for the loss of the York building'))).toBe(true);
    for (const r of returns) {
      const path = `${r.fy_year}-${String((r.fy_year + 1) % 100).padStart(2, '0')}Q${r.fy_quarter}`;
      const page = await t.http.get(`/registers/${r.register_id}/returns/${path}`).expect(200);
      expect(page.text).toContain(r.sha256);
    }
    // The current quarter is a draft everywhere, and HQ's table lists it.
    const hq = await db.selectFrom('nodes').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const table = await t.http.get(`/nodes/${hq.id}/returns`).expect(200);
    for (const state of ['Not submitted', 'Submitted', 'Challenged', 'Responded', 'Accepted']) expect(table.text).toContain(`>${state}<`);
  });
});

describe('the demo users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
  });
  afterAll(() => t.close());

  const email = (key: string) => demoOrganisation.people.find((p) => p.key === key)?.email ?? '';
  const nodeId = async (code: string) => (await t.handle.db.selectFrom('nodes').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  it('sign in with the demo password, one per role', async () => {
    for (const user of demoOrganisation.users) {
      const client = await signIn(t.app, email(user.personKey), DEMO_PASSWORD);
      await client.get('/').expect(200);
    }
  });

  it('a unit manager sees and edits only their unit', async () => {
    const unitManager = demoOrganisation.users.find((u) => u.roles.some((r) => r.nodeKey === 'scctd-aru'));
    const client = await signIn(t.app, email(unitManager?.personKey ?? ''), DEMO_PASSWORD);
    const home = await client.get('/').expect(200);
    expect(home.text).toContain('Appeals and Review Unit');
    expect(home.text).not.toContain('International Justice and Organised Crime Division');
    const unit = demoOrganisation.nodes.find((n) => n.key === 'scctd-aru')?.code ?? '';
    await client.get(`/nodes/${await nodeId(unit)}`).expect(200);
    await client.get(`/nodes/${await nodeId(unit)}/risks/new`).expect(200);
    const other = demoOrganisation.nodes.find((n) => n.key === 'ijocd')?.code ?? '';
    await client.get(`/nodes/${await nodeId(other)}`).expect(403);
    await client.get(`/admin/users`).expect(403);
  });
});

describe('what each role is offered', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
  });
  afterAll(() => t.close());

  it('an HQ reviewer reads a risk without edit buttons; a business manager gets them', async () => {
    const risk = await t.handle.db.selectFrom('risks').select('id').executeTakeFirstOrThrow();
    const email = (role: string) => demoOrganisation.people.find((p) => p.key === demoOrganisation.users.find((u) => u.roles.some((r) => r.role === role && r.nodeKey === null))?.personKey)?.email ?? '';
    const reviewer = await signIn(t.app, email('hq_reviewer'), DEMO_PASSWORD);
    const page = await reviewer.get(`/risks/${risk.id}`).expect(200);
    expect(page.text).not.toContain('Edit risk');
    expect(page.text).not.toContain('Mark complete');
    const full = await t.http.get(`/risks/${risk.id}`).expect(200);
    expect(full.text).toContain('Edit risk');
  });
});
