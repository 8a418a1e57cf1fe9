import { acceptanceProblems, acceptanceStanding } from '../../server/domain/acceptance';
import { escalationTriggers, isDismissalStanding } from '../../server/domain/escalation';

describe('escalation triggers', () => {
  const risk = { currentLevelRank: 2, influence: 'within' as const, aboveAppetiteAtLastTwoReviews: false };
  it('fire at or above the level set for the kind of node', () => {
    expect(escalationTriggers({ ...risk, currentLevelRank: 3 }, 3)).toEqual(['level']);
    expect(escalationTriggers({ ...risk, currentLevelRank: 4 }, 3)).toEqual(['level']);
    expect(escalationTriggers(risk, 3)).toEqual([]);
  });
  it('fire one level lower for a risk outside our control, and for one above appetite two quarters running', () => {
    expect(escalationTriggers({ ...risk, influence: 'outside' }, 3)).toEqual(['outside-control']);
    expect(escalationTriggers({ ...risk, influence: 'outside', currentLevelRank: 1 }, 3)).toEqual([]);
    expect(escalationTriggers({ ...risk, influence: 'partly' }, 3)).toEqual([]);
    expect(escalationTriggers({ ...risk, aboveAppetiteAtLastTwoReviews: true }, 4)).toEqual(['above-appetite-twice']);
  });
  it('keep a dismissal while the risk stays at or below the level it had', () => {
    expect(isDismissalStanding(3, 3)).toBe(true);
    expect(isDismissalStanding(3, 2)).toBe(true);
    expect(isDismissalStanding(3, 4)).toBe(false);
  });
});

describe('risk acceptance', () => {
  const terms = { level_rank: 3, expires_on: '2026-12-31' };
  it('is valid until its expiry and while the risk stays at or below the level accepted', () => {
    expect(acceptanceStanding(null, 3, '2026-11-23')).toBe('none');
    expect(acceptanceStanding(terms, 3, '2026-12-31')).toBe('valid');
    expect(acceptanceStanding(terms, 3, '2027-01-01')).toBe('expired');
    expect(acceptanceStanding(terms, 4, '2026-11-23')).toBe('risen');
  });
  it('refuses an expiry after the next review, a level below the current one, and a date accepted in the future', () => {
    const risk = { currentLevelRank: 3, reviewDueOn: '2026-12-31' };
    expect(acceptanceProblems({ accepted_on: '2026-11-20', expires_on: '2026-12-31', level_rank: 3 }, risk, '2026-11-23')).toEqual([]);
    expect(acceptanceProblems({ accepted_on: '2026-11-20', expires_on: '2027-01-01', level_rank: 3 }, risk, '2026-11-23').map(([field]) => field)).toEqual(['expires_on']);
    expect(acceptanceProblems({ accepted_on: '2026-11-20', expires_on: '2026-12-01', level_rank: 2 }, risk, '2026-11-23').map(([field]) => field)).toEqual(['level_rank']);
    expect(acceptanceProblems({ accepted_on: '2026-11-24', expires_on: '2026-12-01', level_rank: 3 }, risk, '2026-11-23').map(([field]) => field)).toEqual(['accepted_on']);
  });
});
