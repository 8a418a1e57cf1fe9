import { pageTitle, recordName, shortName } from '../../server/presenters/page-title';
import { pageIdentity, routePattern } from '../support/site-crawl';

describe('page titles', () => {
  it('names the page, then its record', () => {
    expect(pageTitle('Record a review', 'IJOCD-R03')).toBe('Record a review: IJOCD-R03');
  });

  it('keeps a short name whole and cuts a long one at the last word that fits, with an ellipsis', () => {
    expect(shortName('Loss of interpreter services')).toBe('Loss of interpreter services');
    expect(shortName('Extradition casework tracked outside the case management system')).toBe('Extradition casework tracked outside the…');
    expect(shortName('  spaces   inside\nand around  ')).toBe('spaces inside and around');
  });

  it('cuts a name with no space to break at by its letters', () => {
    expect(shortName('x'.repeat(50))).toBe(`${'x'.repeat(40)}…`);
  });

  it('drops a comma or dash left at the cut', () => {
    expect(shortName('Recruitment delayed by security vetting, a backlog', 40)).toBe('Recruitment delayed by security vetting…');
  });

  it('names a risk or plan by its reference and its name cut short', () => {
    expect(recordName('IJOCD-EXT-R02', 'Extradition casework tracked outside the case management system')).toBe('IJOCD-EXT-R02 Extradition casework tracked outside the…');
  });
});

describe('the accessibility crawl', () => {
  it('takes numeric ids and quarters for any record', () => {
    expect(routePattern('/risks/12/history')).toBe(routePattern('/risks/13/history'));
    expect(routePattern('/registers/9/returns/2026-27Q2')).toBe('/registers/:id/returns/:quarter');
    expect(routePattern('/plans/1/sections/recovery/edit')).toBe('/plans/:id/sections/recovery/edit');
  });

  it('tells pages apart by path and by the query keys that pick a view or record, not by filters', () => {
    expect(pageIdentity('/nodes/2?level=4&page=2')).toBe('/nodes/2');
    expect(pageIdentity('/nodes/2?scope=all&level=4')).toBe('/nodes/2?scope=all');
    expect(pageIdentity('/nodes/2/suggestions/dismiss?risk=13')).toBe('/nodes/2/suggestions/dismiss?risk=13');
  });
});
