import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** The register's table of risks alone: suggestions and findings elsewhere on the page name risks too. */
const registerRows = (html: string) => html.slice(html.indexOf('bw-register'), html.indexOf('</tbody>', html.indexOf('bw-register')));

describe('the organisation and register pages', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let unitRiskId: number;

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    // Division: one high risk reviewed this quarter, one low risk never reviewed since last year.
    const reviewed = await addRisk(t.handle.db, org, { title: 'Disclosure failures in complex cases', current_likelihood: 4, current_impact: 4 });
    await t.handle.db.insertInto('reviews').values({
      risk_id: reviewed, fy_year: 2026, fy_quarter: 3, reviewed_on: '2026-10-10', reviewer_id: org.managerId,
      inherent_likelihood: 4, inherent_impact: 4, current_likelihood: 4, current_impact: 4, target_likelihood: 2, target_impact: 3,
      current_score: 16, direction: 'new', commentary: 'Reviewed', mitigating_action: '', further_action: '', still_valid: 1,
    }).execute();
    await addRisk(t.handle.db, org, { title: 'Loss of the York lease', current_likelihood: 1, current_impact: 2, identified_on: '2025-06-01' });
    // Unit: one risk, no owner, with an overdue action.
    unitRiskId = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Appeals backlog grows', owner_id: null, current_likelihood: 3, current_impact: 3 });
    await t.handle.db.insertInto('actions').values({ risk_id: unitRiskId, description: 'Recruit two lawyers', due_on: '2026-10-01', status: 'in_progress' }).execute();
  });
  afterAll(() => t.close());

  it('shows the tree on the home page with rolled-up counts', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.text).toContain('Special Crime Division');
    expect(res.text).toContain('Appeals Unit');
    const divisionRow = res.text.slice(res.text.indexOf('Special Crime Division'), res.text.indexOf('Appeals Unit'));
    // 3 open risks below the division; 1 above the Operational appetite (High): the 16; 2 never reviewed since identified; 1 action overdue.
    expect(divisionRow.match(/govuk-table__cell--numeric">([^<]*(<strong[^>]*>)?\d+)/g)?.map((s) => s.replace(/\D/g, ''))).toEqual(['3', '1', '2', '1']);
  });

  it("lists only the node's own risks unless asked for every descendant's", async () => {
    const own = await t.http.get(`/nodes/${org.divisionId}`).expect(200);
    expect(registerRows(own.text)).toContain('Disclosure failures in complex cases');
    expect(registerRows(own.text)).not.toContain('Appeals backlog grows');
    expect(own.text).toContain('Reviewed this quarter (2026-27 Q3): 1 of 2');

    const all = await t.http.get(`/nodes/${org.divisionId}?scope=all`).expect(200);
    expect(all.text).toContain('Appeals backlog grows');
    expect(all.text).toContain('Reviewed this quarter (2026-27 Q3): 1 of 3');
  });

  it('filters the list by a heat map cell and marks the cell', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}?scope=all&l=4&i=4`).expect(200);
    expect(res.text).toContain('Disclosure failures in complex cases');
    expect(res.text).not.toContain('Loss of the York lease');
    expect(res.text).toContain('bw-heatmap__selected');
    expect(res.text).toMatch(/href="\/nodes\/\d+\?scope&#x3D;all&amp;l&#x3D;1&amp;i&#x3D;2"/);
  });

  it('filters by review state and owner', async () => {
    const overdue = await t.http.get(`/nodes/${org.divisionId}?scope=all&review=overdue`).expect(200);
    expect(overdue.text).toContain('Loss of the York lease');
    expect(overdue.text).not.toContain('Disclosure failures in complex cases');
    const noOwner = await t.http.get(`/nodes/${org.divisionId}?scope=all&owner=none`).expect(200);
    expect(noOwner.text).toContain('Appeals backlog grows');
    expect(noOwner.text).not.toContain('Loss of the York lease');
  });

  it('ignores filter values that make no sense rather than failing', async () => {
    await t.http.get(`/nodes/${org.divisionId}?l=9&i=x&sort=drop+table&category=-1&scope[]=all`).expect(200);
  });

  it('sorts by score, worst first, by default', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}?scope=all`).expect(200);
    const order = ['Disclosure failures', 'Appeals backlog', 'Loss of the York lease'].map((title) => registerRows(res.text).indexOf(title));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('answers 404 for an unknown or malformed node', async () => {
    await t.http.get('/nodes/999999').expect(404);
    await t.http.get('/nodes/abc').expect(404);
    await t.http.get('/risks/0').expect(404);
  });

  it('shows a risk with its scores, controls, actions and reviews', async () => {
    const res = await t.http.get(`/risks/${unitRiskId}`).expect(200);
    expect(res.text).toContain('Appeals backlog grows');
    expect(res.text).toContain('SCD-AU-R');
    expect(res.text).toContain('Recruit two lawyers');
    expect(res.text).toContain('Overdue');
    expect(res.text).toContain('Daily backups');
    expect(res.text).toContain('No owner');
  });
});

describe('the register page query count', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  async function queriesFor(path: string): Promise<number> {
    const before = t.handle.queryCount.value;
    await t.http.get(path).expect(200);
    return t.handle.queryCount.value - before;
  }

  it('runs the same number of queries for 5 risks as for 500', async () => {
    const addMany = async (count: number) => {
      for (let n = 0; n < count; n++) {
        const riskId = await addRisk(t.handle.db, org, { register_id: n % 2 === 0 ? org.divisionRegisterId : org.unitRegisterId });
        await t.handle.db.insertInto('actions').values({ risk_id: riskId, description: 'Act', due_on: '2026-01-01', status: 'not_started' }).execute();
      }
    };
    // Quality findings are computed once after a change and then kept in memory: each count is of a second view.
    await addMany(5);
    await queriesFor(`/nodes/${org.divisionId}?scope=all`);
    const forFive = await queriesFor(`/nodes/${org.divisionId}?scope=all`);
    await addMany(495);
    await queriesFor(`/nodes/${org.divisionId}?scope=all`);
    const forFiveHundred = await queriesFor(`/nodes/${org.divisionId}?scope=all`);
    expect(forFiveHundred).toBe(forFive);
    // 12 for the page (one asks whether the findings kept in memory are still current), plus finding the session, its roles and the node's path for the access check.
    expect(forFive).toBeLessThan(16);
  });
});
