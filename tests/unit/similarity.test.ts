import { comparable, DUPLICATE_THRESHOLD, duplicateFingerprint, normalisedWords, similarity } from '../../server/domain/similarity';

// Real pairs from the demo organisation (scripts/demo/): those that are one risk written twice
// must score at or above the threshold; neighbours that only share a subject must not.

const score = (a: [string, string], b: [string, string]) => similarity(comparable({ title: a[0], cause: a[1] }), comparable({ title: b[0], cause: b[1] })).score;

describe('the likely-duplicate score', () => {
  it('normalises words: case, punctuation, short and common words, plurals', () => {
    expect(normalisedWords('The Loss of CPS lawyers, because of budgets!')).toEqual(['lawyer', 'budget']);
  });

  it('flags the same risk written twice at two levels', () => {
    const pairs: [[string, string], [string, string]][] = [
      [
        ['Volume of digital material delays disclosure', 'Because counter-terrorism investigations routinely seize terabytes of digital material and police schedules arrive late'],
        ['Volume of digital material outstrips capacity to review and disclose', 'Because digital material in every case has grown faster than reviewing capacity and police schedules are often incomplete'],
      ],
      [
        ['Not enough specialist lawyers to meet casework demand', 'Because vetting takes months and the pool of lawyers with counter-terrorism experience is small'],
        ['Not enough specialist counter-terrorism lawyers', 'Because vetting takes six months and experienced counter-terrorism lawyers are scarce'],
      ],
    ];
    for (const [a, b] of pairs) expect(score(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('does not flag risks that only share a subject', () => {
    const pairs: [[string, string], [string, string]][] = [
      [
        ['Threats to the personal safety of prosecutors', 'Because prosecutors in terrorism cases are named in court and targeted by extremists'],
        ['Safety and security of staff posted overseas', 'Because criminal justice advisers work in countries affected by conflict and instability'],
      ],
      [
        ['Custody time limits expire before trial', 'Because complex cases take longer to prepare than the custody time limit allows'],
        ['Slow charging decisions in deaths in custody and IOPC cases', 'Because investigations by the IOPC are long and files arrive incomplete'],
      ],
    ];
    for (const [a, b] of pairs) expect(score(a, b)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('scores a pair the same either way round, 1 for identical text and 0 for nothing shared', () => {
    const a: [string, string] = ['Loss of the York lease', 'Because the landlord may not renew'];
    const b: [string, string] = ['York lease not renewed', 'Because the landlord plans to sell'];
    expect(score(a, b)).toBeCloseTo(score(b, a), 10);
    expect(score(a, a)).toBe(1);
    expect(score(a, ['Cyber attack', 'Phishing'])).toBe(0);
  });

  it('fingerprints both texts, so an edit to either raises the pair again', () => {
    const a = { title: 'Loss of the York lease', cause: 'Landlord' };
    const b = { title: 'York lease', cause: 'Landlord' };
    expect(duplicateFingerprint(a, b)).toBe(duplicateFingerprint({ ...a, title: ' Loss of the York lease ' }, b));
    expect(duplicateFingerprint(a, b)).not.toBe(duplicateFingerprint(a, { ...b, cause: 'Landlord selling' }));
  });
});
