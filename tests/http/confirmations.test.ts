import { addPlanWithApprovals } from '../support/exercise-fixtures';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { visibleText } from '../support/forms';
import { addPlan, FIXTURE_CHANGE } from '../support/plan-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { addUser } from '../support/users';
import { linkPlanToRisk } from '../../server/queries/plan-risks';

// Issue 16, point 9: what an accessibility assessor would flag. Deleting, disabling, removing a
// role and unlinking each go through a confirmation page (the record's page offers a link, and
// only the confirmation posts); link-styled buttons say role="button"; the plan page's
// incomplete sections are an inset with a warning, not an error summary.

describe('confirmation before acting, and the small things', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  /** The forms on a page that post, by action, leaving out the header's sign-out. */
  const postActions = (html: string) => [...html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/g)].map((m) => m[1]).filter((a) => a !== '/sign-out');

  it('disables a user only from the confirmation page', async () => {
    const victim = await addUser(t.handle.db, [{ role: 'business_manager', node_id: org.unitId }]);
    const page = await t.http.get(`/admin/users/${victim.id}`).expect(200);
    expect(postActions(page.text)).not.toContain(`/admin/users/${victim.id}/disable`);
    expect(page.text).toContain(`<a href="/admin/users/${victim.id}/disable" role="button" draggable="false" class="govuk-button govuk-button--warning" data-module="govuk-button">Disable this user</a>`);
    const confirm = await t.http.get(`/admin/users/${victim.id}/disable`).expect(200);
    expect(visibleText(confirm.text)).toMatch(/Disable Test User \d+\?/);
    expect(postActions(confirm.text)).toEqual([`/admin/users/${victim.id}/disable`]);
    // Looking at the confirmation changes nothing.
    expect((await t.handle.db.selectFrom('users').select('disabled_on').where('id', '=', victim.id).executeTakeFirstOrThrow()).disabled_on).toBeNull();
    await t.http.post(`/admin/users/${victim.id}/disable`).type('form').send({}).expect(200);
    expect((await t.handle.db.selectFrom('users').select('disabled_on').where('id', '=', victim.id).executeTakeFirstOrThrow()).disabled_on).not.toBeNull();
    // Confirming again for a disabled user says so instead of offering the button.
    const again = await t.http.get(`/admin/users/${victim.id}/disable`).expect(200);
    expect(again.text).toContain('This user is disabled already');
  });

  it('removes a role only from the confirmation page, which names the role and where', async () => {
    const victim = await addUser(t.handle.db, [{ role: 'bcp_coordinator', node_id: org.divisionId }]);
    const grant = await t.handle.db.selectFrom('role_grants').select('id').where('user_id', '=', victim.id).executeTakeFirstOrThrow();
    const page = await t.http.get(`/admin/users/${victim.id}`).expect(200);
    expect(postActions(page.text).some((a) => a?.endsWith('/remove'))).toBe(false);
    expect(page.text).toContain(`href="/admin/users/${victim.id}/roles/${grant.id}/remove"`);
    const confirm = await t.http.get(`/admin/users/${victim.id}/roles/${grant.id}/remove`).expect(200);
    expect(visibleText(confirm.text)).toContain('Remove the role BCP coordinator over Special Crime Division and everything below it?');
    await t.http.post(`/admin/users/${victim.id}/roles/${grant.id}/remove`).type('form').send({}).expect(200);
    const gone = await t.http.get(`/admin/users/${victim.id}/roles/${grant.id}/remove`).expect(200);
    expect(gone.text).toContain('That role had already been removed');
  });

  it('deletes an unused category only from the confirmation page', async () => {
    const unused = await t.handle.db.insertInto('categories').values({ name: 'Estates', appetite_rank: 2, sort_order: 90 }).returning('id').executeTakeFirstOrThrow();
    const list = await t.http.get('/admin/categories').expect(200);
    expect(postActions(list.text)).not.toContain(`/admin/categories/${unused.id}/delete`);
    expect(list.text).toContain(`href="/admin/categories/${unused.id}/delete"`);
    const confirm = await t.http.get(`/admin/categories/${unused.id}/delete`).expect(200);
    expect(visibleText(confirm.text)).toContain('Delete the category “Estates”?');
    await t.http.post(`/admin/categories/${unused.id}/delete`).type('form').send({}).expect(303);
    expect(await t.handle.db.selectFrom('categories').select('id').where('id', '=', unused.id).executeTakeFirst()).toBeUndefined();
  });

  it('unlinks a plan from a risk only from the confirmation page', async () => {
    const planId = await addPlanWithApprovals(t.handle.db, org, { approvals: ['2026-10-01'], title: 'Rose Court recovery' });
    const riskId = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId });
    await t.handle.db.transaction().execute((tx) => linkPlanToRisk(tx, FIXTURE_CHANGE, riskId, planId));
    const page = await t.http.get(`/risks/${riskId}/plans`).expect(200);
    expect(postActions(page.text)).not.toContain(`/risks/${riskId}/plans/unlink`);
    expect(page.text).toContain(`href="/risks/${riskId}/plans/unlink?plan_id=${planId}"`);
    const confirm = await t.http.get(`/risks/${riskId}/plans/unlink?plan_id=${planId}`).expect(200);
    expect(visibleText(confirm.text)).toMatch(/Unlink BCP-TEST-\d+ from this risk\?/);
    expect(postActions(confirm.text)).toEqual([`/risks/${riskId}/plans/unlink`]);
    expect(confirm.text).toContain(`name="plan_id" value="${planId}"`);
    await t.http.get(`/risks/${riskId}/plans/unlink?plan_id=99999`).expect(404);
    await t.http.get(`/risks/${riskId}/plans/unlink?plan_id=x`).expect(404);
    await t.http.post(`/risks/${riskId}/plans/unlink`).type('form').send({ plan_id: String(planId) }).expect(303);
    expect(await t.handle.db.selectFrom('plan_risks').selectAll().where('risk_id', '=', riskId).execute()).toEqual([]);
  });

  it('gives every link-styled button role="button", and the admin tree its larger targets', async () => {
    const planId = await addPlanWithApprovals(t.handle.db, org, { approvals: ['2026-10-01'] });
    for (const path of [`/plans/${planId}`, `/nodes/${org.unitId}/plans`, `/plans/${planId}/exercises`, '/admin/nodes', '/admin/users']) {
      const html = (await t.http.get(path).expect(200)).text;
      const linkButtons = html.match(/<a [^>]*class="govuk-button[^>]*>/g) ?? [];
      for (const a of linkButtons) expect(a).toContain('role="button"');
    }
    const tree = await t.http.get('/admin/nodes').expect(200);
    expect(tree.text).toContain('bw-admin-tree');
  });

  it('shows a plan’s incomplete sections as an inset with a warning, not an error summary', async () => {
    const planId = await addPlan(t.handle.db, org, 'BCP-INCOMPLETE');
    const html = (await t.http.get(`/plans/${planId}`).expect(200)).text;
    expect(html).not.toContain('govuk-error-summary');
    expect(html).toContain('govuk-inset-text bw-missing');
    expect(html).toContain('govuk-warning-text');
    expect(visibleText(html)).toMatch(/\d+ sections are incomplete/);
  });
});
