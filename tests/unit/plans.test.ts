import { confusableReferences, distinctPlanReference, firstFreeReference, nextReviewDue, planReference, versionLabel } from '../../server/domain/plans';

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

describe('references that cannot be taken for each other', () => {
  it('gives the first choice when nothing already given is like it', () => {
    expect(distinctPlanReference('SCCTD-SC', 'London', ['BCP-SCCTD-SC-YORK', 'BCP-SCCTD'])).toBe('BCP-SCCTD-SC-LON');
    expect(distinctPlanReference('SCCTD-SC-YORK', 'York', ['BCP-SCCTD-SC-LON'])).toBe('BCP-SCCTD-SC-YORK');
  });

  it('never gives a site an abbreviation one letter away from a reference already given', () => {
    // Special Crime's own plan for York, beside the York team's plan: not -YOR.
    expect(distinctPlanReference('SCCTD-SC', 'York', ['BCP-SCCTD-SC-YORK'])).toBe('BCP-SCCTD-SC-YOR-2');
    // Two sites whose names start alike get abbreviations apart.
    expect(distinctPlanReference('IJOCD-OC', 'Manchester Airport', ['BCP-IJOCD-OC-MAN'])).toBe('BCP-IJOCD-OC-MNC');
    expect(distinctPlanReference('IJOCD-OC', 'Birmingham', ['BCP-IJOCD-OC-BIRM'])).toBe('BCP-IJOCD-OC-BRN');
  });

  it('numbers the York team’s plan if Special Crime’s York plan came first', () => {
    expect(distinctPlanReference('SCCTD-SC-YORK', 'York', ['BCP-SCCTD-SC-YOR'])).toBe('BCP-SCCTD-SC-YORK-2');
  });

  it('compares a whole-node plan only with the same reference: node codes are the admin’s', () => {
    expect(distinctPlanReference('SC', null, ['BCP-SCCTD'])).toBe('BCP-SC');
    expect(distinctPlanReference('SCCTD', null, ['BCP-SCCTD', 'BCP-SCCTD-2'])).toBe('BCP-SCCTD-3');
  });

  it('tells apart what differs by more than an abbreviation', () => {
    expect(confusableReferences('BCP-SCCTD-SC-YOR', 'BCP-SCCTD-SC-YORK')).toBe(true);
    expect(confusableReferences('BCP-SCCTD-SC-YRK', 'BCP-SCCTD-SC-YORK')).toBe(true);
    expect(confusableReferences('BCP-SCCTD-SC-LON', 'BCP-SCCTD-SC-LDN')).toBe(false);
    expect(confusableReferences('BCP-SCCTD-SC-YOR-2', 'BCP-SCCTD-SC-YORK')).toBe(false);
    expect(confusableReferences('BCP-SCCTD', 'BCP-SCCTD-2')).toBe(false);
  });
});
