import { findingsOf, FINDING_RULES, loweredWithoutCompletedAction, type RiskFindingFacts } from '../../server/domain/quality-rules';

// Every rule on hand-built cases: a sound risk fires nothing, and each case below fires its rule and only the rules it names.

const sound: RiskFindingFacts = {
  riskId: 7,
  nodeId: 3,
  ownerId: 12,
  existingControls: 'Weekly disclosure review by the unit head',
  openActions: 1,
  overdueActions: 0,
  openActionsWithoutOwner: 0,
  openActionsWithoutDueDate: 0,
  aboveAppetite: false,
  reviewOverdue: false,
  currentScore: 9,
  targetScore: 4,
  loweredWithoutCompletedAction: false,
  treatment: 'treat',
  acceptance: 'none',
  undecidedDuplicates: 0,
  linkedPlansWithOverdueTest: 0,
  escalationWaitingSince: null,
  today: '2026-12-02',
};

const codes = (facts: Partial<RiskFindingFacts>) => findingsOf({ ...sound, ...facts }).map((f) => f.code).sort();

describe('quality rules', () => {
  it('find nothing on a sound risk', () => {
    expect(codes({})).toEqual([]);
  });

  const cases: [string, Partial<RiskFindingFacts>, string[]][] = [
    ['no-owner', { ownerId: null }, ['no-owner']],
    ['no-control-no-action', { existingControls: '  ', openActions: 0 }, ['no-control-no-action']],
    ['above-appetite-no-action', { aboveAppetite: true, openActions: 0 }, ['above-appetite-no-action']],
    ['review-overdue', { reviewOverdue: true }, ['review-overdue']],
    ['action-overdue', { overdueActions: 2 }, ['action-overdue']],
    ['action-no-owner', { openActionsWithoutOwner: 1 }, ['action-no-owner']],
    ['action-no-due-date', { openActionsWithoutDueDate: 1 }, ['action-no-due-date']],
    ['target-above-current', { targetScore: 12 }, ['target-above-current']],
    ['lowered-without-action', { loweredWithoutCompletedAction: true }, ['lowered-without-action']],
    ['tolerated-without-acceptance', { treatment: 'tolerate', aboveAppetite: true, openActions: 0 }, ['tolerated-without-acceptance']],
    ['acceptance-lapsed (expired)', { treatment: 'tolerate', aboveAppetite: true, acceptance: 'expired' }, ['acceptance-lapsed']],
    ['acceptance-lapsed (risen)', { treatment: 'tolerate', aboveAppetite: true, acceptance: 'risen' }, ['acceptance-lapsed']],
    ['likely-duplicate', { undecidedDuplicates: 1 }, ['likely-duplicate']],
    ['plan-test-overdue', { linkedPlansWithOverdueTest: 1 }, ['plan-test-overdue']],
    ['escalation-waiting', { escalationWaitingSince: '2026-10-01' }, ['escalation-waiting']],
  ];
  it.each(cases)('%s fires on its case and nothing else does', (_name, facts, expected) => {
    expect(codes(facts)).toEqual(expected);
  });

  it('covers every rule with a case', () => {
    const covered = new Set(cases.flatMap(([, , expected]) => expected));
    expect(FINDING_RULES.map((r) => r.code).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('does not fire where the rule stops', () => {
    // A control with no action is a countermeasure; an acceptance still valid needs nothing; 30 days is not over 30.
    expect(codes({ openActions: 0 })).toEqual([]);
    expect(codes({ treatment: 'tolerate', aboveAppetite: true, acceptance: 'valid', openActions: 0 })).toEqual([]);
    expect(codes({ escalationWaitingSince: '2026-11-02' })).toEqual([]);
    expect(codes({ targetScore: 9 })).toEqual([]);
    expect(codes({ treatment: 'tolerate', aboveAppetite: false })).toEqual([]);
  });

  it('say why in words and link to the form that fixes it', () => {
    const [finding] = findingsOf({ ...sound, overdueActions: 2 });
    expect(finding).toEqual({ code: 'action-overdue', severity: 'medium', label: 'Action overdue', reason: '2 further actions are past the due date.', fixHref: '/risks/7#actions' });
  });
});

describe('current lowered with no completed action', () => {
  const last = { score: 12, on: '2026-10-05' };
  const previous = { score: 16, on: '2026-07-03' };
  it('fires when the score fell since the last review and nothing was completed since', () => {
    expect(loweredWithoutCompletedAction({ currentScore: 9, lastReview: last, previousReview: previous, completedActionDays: ['2026-09-01'] })).toBe(true);
    expect(loweredWithoutCompletedAction({ currentScore: 9, lastReview: last, previousReview: previous, completedActionDays: ['2026-11-01'] })).toBe(false);
  });
  it('fires when the last review lowered it and nothing was completed between the two reviews', () => {
    expect(loweredWithoutCompletedAction({ currentScore: 12, lastReview: last, previousReview: previous, completedActionDays: [] })).toBe(true);
    expect(loweredWithoutCompletedAction({ currentScore: 12, lastReview: last, previousReview: previous, completedActionDays: ['2026-08-20'] })).toBe(false);
  });
  it('does not fire on a risk never reviewed, or one that went up', () => {
    expect(loweredWithoutCompletedAction({ currentScore: 4, lastReview: null, previousReview: null, completedActionDays: [] })).toBe(false);
    expect(loweredWithoutCompletedAction({ currentScore: 16, lastReview: last, previousReview: previous, completedActionDays: [] })).toBe(false);
  });
});
