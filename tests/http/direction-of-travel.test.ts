import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { visibleText } from '../support/forms';
import { startTestApp, type TestApp } from '../support/test-app';

// The direction of travel is an arrow and words: a key on the register, the words printed and read aloud beside each arrow, and on the risk page.

describe('the direction of travel in words', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let worsening: number;
  let fresh: number;

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    const review = (risk_id: number, reviewed_on: string, current_score: number, direction: 'new' | 'up' | 'down' | 'same') => ({
      risk_id, fy_year: 2026, fy_quarter: reviewed_on < '2026-10-01' ? 2 : 3, reviewed_on, reviewer_id: org.managerId,
      inherent_likelihood: 4, inherent_impact: 4, current_likelihood: 4, current_impact: current_score / 4, target_likelihood: 2, target_impact: 3,
      current_score, direction, commentary: 'Reviewed', mitigating_action: '', further_action: '', still_valid: 1,
    });
    worsening = await addRisk(t.handle.db, org, { title: 'Worsening risk', current_likelihood: 4, current_impact: 4 });
    await t.handle.db.insertInto('reviews').values([review(worsening, '2026-07-10', 12, 'new'), review(worsening, '2026-10-10', 16, 'up')]).execute();
    fresh = await addRisk(t.handle.db, org, { title: 'Fresh risk' });
    await t.handle.db.insertInto('reviews').values(review(fresh, '2026-10-12', 12, 'new')).execute();
  });
  afterAll(() => t.close());

  it('keys the arrows on the register page, and gives each arrow its words for print and screen readers', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}`).expect(200);
    expect(visibleText(res.text)).toContain('Travel since the previous review: ↑ Worsening · ↓ Improving · → No change · • New (first review)');
    expect(res.text).toContain('<td class="bw-direction"><span aria-hidden="true">↑</span> <span class="bw-print-words">Worsening</span></td>');
    expect(res.text).toContain('<td class="bw-direction"><span aria-hidden="true">•</span> <span class="bw-print-words">New</span></td>');
  });

  it('says it in words on the risk page, for the latest review and each one before', async () => {
    const text = visibleText((await t.http.get(`/risks/${worsening}`).expect(200)).text);
    expect(text).toContain('Direction of travel ↑ Worsening at the 2026-27 Q3 review');
    expect(text).toContain('↑ Worsening');
    expect(text).toContain('• New');
    const never = await addRisk(t.handle.db, org, { title: 'Never reviewed' });
    expect(visibleText((await t.http.get(`/risks/${never}`).expect(200)).text)).toContain('Direction of travel Not reviewed yet');
  });
});
