import { directionOfTravel, reviewDueOn, reviewState, type ReviewTiming } from '../../server/domain/reviews';

const quarterly: ReviewTiming = {
  status: 'open',
  identifiedOn: '2025-05-10',
  lastReviewedOn: '2026-08-14',
  cadenceMonths: 3,
  fyStartMonth: 4,
};

describe('review due dates', () => {
  it('makes a quarterly risk reviewed in Q2 due by the end of Q3', () => {
    expect(reviewDueOn(quarterly)).toBe('2026-12-31');
  });

  it('makes a never-reviewed risk due by the end of the quarter it was identified in', () => {
    expect(reviewDueOn({ ...quarterly, identifiedOn: '2026-10-02', lastReviewedOn: null })).toBe('2026-12-31');
  });

  it('spaces half-yearly reviews two quarters apart', () => {
    expect(reviewDueOn({ ...quarterly, cadenceMonths: 6 })).toBe('2027-03-31');
  });
});

describe('review state on a given day', () => {
  it('is due when last reviewed in the previous quarter', () => {
    expect(reviewState(quarterly, '2026-11-23')).toBe('due');
  });

  it('is reviewed when reviewed in the current quarter', () => {
    expect(reviewState({ ...quarterly, lastReviewedOn: '2026-10-05' }, '2026-11-23')).toBe('reviewed');
  });

  it('is overdue when a whole quarter went by without a review', () => {
    expect(reviewState({ ...quarterly, lastReviewedOn: '2026-05-20' }, '2026-11-23')).toBe('overdue');
  });

  it('turns overdue the day after the quarter ends', () => {
    expect(reviewState(quarterly, '2026-12-31')).toBe('due');
    expect(reviewState(quarterly, '2027-01-01')).toBe('overdue');
  });

  it('is not yet due for a half-yearly risk reviewed last quarter', () => {
    expect(reviewState({ ...quarterly, cadenceMonths: 6 }, '2026-11-23')).toBe('not_due');
  });

  it('is closed for a closed risk whatever the dates', () => {
    expect(reviewState({ ...quarterly, status: 'closed', lastReviewedOn: '2020-01-01' }, '2026-11-23')).toBe('closed');
  });
});

describe('direction of travel', () => {
  it.each([
    [null, 12, 'new'],
    [9, 12, 'up'],
    [12, 9, 'down'],
    [12, 12, 'same'],
  ] as const)('from %p to %p is %s', (previous, score, direction) => {
    expect(directionOfTravel(previous, score)).toBe(direction);
  });
});
