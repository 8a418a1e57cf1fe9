import { firstFreeReference, nextReviewDue, planReference, versionLabel } from '../../server/domain/plans';

describe('plan references', () => {
  it('joins the node code and the site', () => {
    expect(planReference('SCCTD-CT', 'London')).toBe('BCP-SCCTD-CT-LON');
  });

  it('leaves the site out when the plan covers the whole node', () => {
    expect(planReference('scctd', null)).toBe('BCP-SCCTD');
  });

  it('does not repeat a site the node code already names', () => {
    expect(planReference('SCCTD-SC-YORK', 'York')).toBe('BCP-SCCTD-SC-YORK');
    expect(planReference('IJOCD-OC-BHM', 'Birmingham')).toBe('BCP-IJOCD-OC-BHM');
    expect(planReference('IJOCD-EXT', 'London')).toBe('BCP-IJOCD-EXT-LON');
  });

  it('numbers a second plan for the same scope', () => {
    const taken = new Set(['BCP-SCCTD', 'BCP-SCCTD-2']);
    expect(firstFreeReference('BCP-SCCTD', (ref) => taken.has(ref))).toBe('BCP-SCCTD-3');
    expect(firstFreeReference('BCP-IJOCD', (ref) => taken.has(ref))).toBe('BCP-IJOCD');
  });
});

describe('plan review dates', () => {
  it('falls due twelve months after approval by default', () => {
    expect(nextReviewDue('2026-11-23', 12)).toBe('2027-11-23');
  });

  it('keeps month ends inside the month', () => {
    expect(nextReviewDue('2027-08-31', 6)).toBe('2028-02-29');
  });
});

describe('version labels', () => {
  it('names approved versions by number and drafts by what they follow', () => {
    expect(versionLabel(3, 3)).toBe('Version 3');
    expect(versionLabel(null, 2)).toBe('Draft (after version 2)');
    expect(versionLabel(null, null)).toBe('Draft (not yet approved)');
  });
});
