import { fixedClock, today as todayOf } from '../../server/clock';
import {
  closingVersionProblem,
  compareWorstFirst,
  countsAs,
  effectiveStatus,
  exerciseSchedule,
  hasOverdueTest,
  isFindingOverdue,
  isPlanOverdue,
  planReviewState,
  recoveryAgainstRto,
  worstRag,
  type BoardStanding,
  type ExerciseCadence,
  type ExerciseFacts,
  type ScheduleInput,
  type TypeSchedule,
} from '../../server/domain/exercise-due';
import type { ExerciseType } from '../../server/domain/exercise-vocabulary';

const TODAY = todayOf(fixedClock('2026-11-23'));
/** The default settings (docs/domain.md). */
const DEFAULT_EXERCISE_CADENCE: ExerciseCadence = { call_cascade: 6, tabletop: 12, live: 36 };

const completed = (type: ExerciseFacts['type'], held_on: string, lessons = ''): ExerciseFacts => ({ type, status: 'completed', planned_on: held_on, held_on, lessons });
const planned = (type: ExerciseFacts['type'], planned_on: string): ExerciseFacts => ({ type, status: 'planned', planned_on, held_on: null, lessons: '' });

const input = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  firstApprovedOn: '2025-01-10',
  requiredTypes: ['call_cascade', 'tabletop', 'live'],
  exercises: [],
  cadence: DEFAULT_EXERCISE_CADENCE,
  today: TODAY,
  ...overrides,
});

const of = (schedule: TypeSchedule[], type: ExerciseType): TypeSchedule => {
  const found = schedule.find((s) => s.type === type);
  if (!found) throw new Error(`no ${type}`);
  return found;
};

describe('next test due per type', () => {
  it('is the last completed test of the type plus its cadence', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('call_cascade', '2026-03-02'), completed('call_cascade', '2026-09-14'), completed('tabletop', '2026-02-20')] }));
    expect(of(schedule, 'call_cascade')).toMatchObject({ lastOn: '2026-09-14', nextDueOn: '2027-03-14', state: 'on_track', rag: 'green' });
    expect(of(schedule, 'tabletop')).toMatchObject({ lastOn: '2026-02-20', nextDueOn: '2027-02-20', state: 'on_track' });
  });

  it('follows the cadence settings', () => {
    const schedule = exerciseSchedule(input({ cadence: { call_cascade: 3, tabletop: 12, live: 24 }, exercises: [completed('call_cascade', '2026-09-14')] }));
    expect(of(schedule, 'call_cascade').nextDueOn).toBe('2026-12-14');
    expect(of(schedule, 'live').nextDueOn).toBe('2027-01-10');
  });

  it('makes a plan never tested due from its first approval date plus the cadence', () => {
    const schedule = exerciseSchedule(input({ firstApprovedOn: '2026-02-01' }));
    expect(of(schedule, 'call_cascade')).toMatchObject({ lastOn: null, nextDueOn: '2026-08-01', state: 'overdue', rag: 'red' });
    expect(of(schedule, 'tabletop')).toMatchObject({ lastOn: null, nextDueOn: '2027-02-01', state: 'on_track' });
    expect(of(schedule, 'live')).toMatchObject({ nextDueOn: '2029-02-01', state: 'on_track' });
  });

  it('gives a plan never approved nothing due, even if a draft was exercised', () => {
    const schedule = exerciseSchedule(input({ firstApprovedOn: null, exercises: [completed('tabletop', '2026-03-01')] }));
    expect(schedule.map((s) => [s.state, s.nextDueOn, s.rag])).toEqual([
      ['not_approved', null, null],
      ['not_approved', null, null],
      ['not_approved', null, null],
    ]);
    expect(of(schedule, 'tabletop').lastOn).toBe('2026-03-01');
  });

  it('is overdue the day after the due date, not on it', () => {
    const exercises = [completed('call_cascade', '2026-05-23')];
    expect(of(exerciseSchedule(input({ exercises, today: '2026-11-23' })), 'call_cascade').state).toBe('due_soon');
    expect(of(exerciseSchedule(input({ exercises, today: '2026-11-24' })), 'call_cascade').state).toBe('overdue');
  });

  it('ignores cancelled, planned and missed exercises when finding the last test', () => {
    const exercises: ExerciseFacts[] = [
      { ...planned('tabletop', '2026-06-01'), status: 'cancelled' },
      { ...planned('tabletop', '2026-05-01'), status: 'missed' },
      planned('tabletop', '2027-01-15'),
    ];
    expect(of(exerciseSchedule(input({ exercises })), 'tabletop').lastOn).toBeNull();
  });

  it('marks types the plan does not require as not required, with no colour', () => {
    const schedule = exerciseSchedule(input({ requiredTypes: ['call_cascade'], firstApprovedOn: '2020-01-01' }));
    expect(of(schedule, 'live')).toMatchObject({ required: false, nextDueOn: null, state: 'not_required', rag: null });
    expect(of(schedule, 'call_cascade').state).toBe('overdue');
  });
});

describe('amber: due within 30 days', () => {
  const exercises = [completed('call_cascade', '2026-06-10')]; // due 2026-12-10

  it('is amber when due within 30 days and nothing is planned', () => {
    expect(of(exerciseSchedule(input({ exercises })), 'call_cascade')).toMatchObject({ state: 'due_soon', rag: 'amber' });
  });

  it('is amber on the 30th day before, green on the 31st', () => {
    expect(of(exerciseSchedule(input({ exercises, today: '2026-11-10' })), 'call_cascade').rag).toBe('amber');
    expect(of(exerciseSchedule(input({ exercises, today: '2026-11-09' })), 'call_cascade').rag).toBe('green');
  });

  it('stays green when an exercise is planned on or before the due date', () => {
    const schedule = exerciseSchedule(input({ exercises: [...exercises, planned('call_cascade', '2026-12-10')] }));
    expect(of(schedule, 'call_cascade')).toMatchObject({ plannedOn: '2026-12-10', state: 'on_track', rag: 'green' });
  });

  it('is still amber when the only planned exercise is after the due date', () => {
    const schedule = exerciseSchedule(input({ exercises: [...exercises, planned('call_cascade', '2027-01-20')] }));
    expect(of(schedule, 'call_cascade')).toMatchObject({ plannedOn: '2027-01-20', rag: 'amber' });
  });

  it('is red once overdue even with an exercise planned', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('call_cascade', '2026-04-01'), planned('call_cascade', '2026-12-01')] }));
    expect(of(schedule, 'call_cascade')).toMatchObject({ state: 'overdue', rag: 'red' });
  });
});

describe('missed exercises', () => {
  it('counts a planned exercise whose date has passed with no result as missed', () => {
    expect(effectiveStatus({ status: 'planned', planned_on: '2026-11-22' }, TODAY)).toBe('missed');
  });

  it('keeps it planned on the day itself and after', () => {
    expect(effectiveStatus({ status: 'planned', planned_on: TODAY }, TODAY)).toBe('planned');
    expect(effectiveStatus({ status: 'planned', planned_on: '2026-12-01' }, TODAY)).toBe('planned');
  });

  it('leaves recorded statuses alone', () => {
    expect(effectiveStatus({ status: 'cancelled', planned_on: '2026-01-01' }, TODAY)).toBe('cancelled');
    expect(effectiveStatus({ status: 'completed', planned_on: '2026-01-01' }, TODAY)).toBe('completed');
    expect(effectiveStatus({ status: 'missed', planned_on: '2026-01-01' }, TODAY)).toBe('missed');
  });

  it('turns the type red although its due date has not come', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('tabletop', '2026-06-01'), planned('tabletop', '2026-11-01')] }));
    expect(of(schedule, 'tabletop')).toMatchObject({ nextDueOn: '2027-06-01', missedOn: '2026-11-01', state: 'missed', rag: 'red' });
  });

  it('counts a miss recorded as missed the same as one derived', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('tabletop', '2026-06-01'), { ...planned('tabletop', '2026-11-01'), status: 'missed' }] }));
    expect(of(schedule, 'tabletop').state).toBe('missed');
  });

  it('is forgiven by a test of the type completed after it', () => {
    const schedule = exerciseSchedule(input({ exercises: [planned('tabletop', '2026-09-01'), completed('tabletop', '2026-10-05')] }));
    expect(of(schedule, 'tabletop')).toMatchObject({ missedOn: null, state: 'on_track' });
  });

  it('is not forgiven by rescheduling: only a test held clears it', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('tabletop', '2026-06-01'), planned('tabletop', '2026-11-01'), planned('tabletop', '2026-12-15')] }));
    expect(of(schedule, 'tabletop')).toMatchObject({ state: 'missed', plannedOn: '2026-12-15' });
  });

  it('does not count a cancelled exercise as missed', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('tabletop', '2026-06-01'), { ...planned('tabletop', '2026-11-01'), status: 'cancelled' }] }));
    expect(of(schedule, 'tabletop').state).toBe('on_track');
  });
});

describe('real invocations', () => {
  it('count as a live exercise when lessons were logged', () => {
    expect(countsAs(completed('real_invocation', '2026-03-03', 'The cascade took two hours: numbers were out of date.'))).toBe('live');
    const schedule = exerciseSchedule(input({ exercises: [completed('real_invocation', '2026-03-03', 'Lessons')] }));
    expect(of(schedule, 'live')).toMatchObject({ lastOn: '2026-03-03', nextDueOn: '2029-03-03', state: 'on_track' });
  });

  it('count as nothing without lessons', () => {
    expect(countsAs(completed('real_invocation', '2026-03-03', '   '))).toBeNull();
    const schedule = exerciseSchedule(input({ exercises: [completed('real_invocation', '2026-03-03')] }));
    expect(of(schedule, 'live').lastOn).toBeNull();
  });

  it('do not count as a tabletop or call cascade', () => {
    const schedule = exerciseSchedule(input({ exercises: [completed('real_invocation', '2026-03-03', 'Lessons')] }));
    expect(of(schedule, 'tabletop').lastOn).toBeNull();
    expect(of(schedule, 'call_cascade').lastOn).toBeNull();
  });

  it('completed exercises count as their own type only', () => {
    expect(countsAs(completed('tabletop', '2026-03-03'))).toBe('tabletop');
    expect(countsAs({ ...completed('tabletop', '2026-03-03'), status: 'cancelled' })).toBeNull();
  });
});

describe('plan review due', () => {
  it('is red once the next review date has passed', () => {
    expect(planReviewState('2026-11-22', TODAY)).toEqual({ state: 'overdue', rag: 'red' });
  });
  it('is amber within 30 days, the day itself included', () => {
    expect(planReviewState(TODAY, TODAY)).toEqual({ state: 'due_soon', rag: 'amber' });
    expect(planReviewState('2026-12-23', TODAY)).toEqual({ state: 'due_soon', rag: 'amber' });
  });
  it('is green further off', () => {
    expect(planReviewState('2026-12-24', TODAY)).toEqual({ state: 'on_track', rag: 'green' });
  });
  it('has nothing due for a plan never approved', () => {
    expect(planReviewState(null, TODAY)).toEqual({ state: 'not_approved', rag: null });
  });
});

describe('overdue plans', () => {
  const onTrack = exerciseSchedule(input({ firstApprovedOn: '2026-10-01' }));
  const overdue = exerciseSchedule(input({ firstApprovedOn: '2026-01-01' }));

  it('has an overdue test when any type is red', () => {
    expect(hasOverdueTest(onTrack)).toBe(false);
    expect(hasOverdueTest(overdue)).toBe(true);
  });

  it('is overdue for an overdue test or an overdue review', () => {
    expect(isPlanOverdue(onTrack, planReviewState('2027-10-01', TODAY))).toBe(false);
    expect(isPlanOverdue(overdue, planReviewState('2027-10-01', TODAY))).toBe(true);
    expect(isPlanOverdue(onTrack, planReviewState('2026-11-01', TODAY))).toBe(true);
  });

  it('takes the worst colour, ignoring what does not apply', () => {
    expect(worstRag(['green', null, 'amber'])).toBe('amber');
    expect(worstRag(['green', 'red', 'amber'])).toBe('red');
    expect(worstRag([null, null])).toBeNull();
  });
});

describe('board order: worst first', () => {
  const standing = (ref: string, overrides: Partial<BoardStanding>): BoardStanding => ({ ref, rag: 'green', reds: 0, firstDueOn: '2027-06-01', openFindings: 0, ...overrides });

  it('puts red before amber before green before plans with nothing due', () => {
    const sorted = [standing('A', { rag: null, firstDueOn: null }), standing('B', {}), standing('C', { rag: 'red', reds: 1 }), standing('D', { rag: 'amber' })].sort(compareWorstFirst);
    expect(sorted.map((s) => s.ref)).toEqual(['C', 'D', 'B', 'A']);
  });

  it('then more reds, then the earliest due date, then more open findings, then the reference', () => {
    const sorted = [
      standing('E', { rag: 'red', reds: 1, firstDueOn: '2026-05-01' }),
      standing('F', { rag: 'red', reds: 2, firstDueOn: '2026-09-01' }),
      standing('G', { rag: 'red', reds: 1, firstDueOn: '2026-03-01' }),
      standing('H', { rag: 'red', reds: 1, firstDueOn: '2026-03-01', openFindings: 2 }),
      standing('I', { rag: 'red', reds: 1, firstDueOn: '2026-03-01', openFindings: 2 }),
    ].sort(compareWorstFirst);
    expect(sorted.map((s) => s.ref)).toEqual(['F', 'H', 'I', 'G', 'E']);
  });
});

describe('findings', () => {
  it('are overdue when open or in progress past their due date', () => {
    expect(isFindingOverdue({ status: 'open', due_on: '2026-11-22' }, TODAY)).toBe(true);
    expect(isFindingOverdue({ status: 'in_progress', due_on: '2026-11-22' }, TODAY)).toBe(true);
    expect(isFindingOverdue({ status: 'open', due_on: TODAY }, TODAY)).toBe(false);
    expect(isFindingOverdue({ status: 'closed', due_on: '2026-01-01' }, TODAY)).toBe(false);
    expect(isFindingOverdue({ status: 'open', due_on: null }, TODAY)).toBe(false);
  });

  it('are closed by an approved version later than the one exercised', () => {
    expect(closingVersionProblem(3, 2, [1, 2, 3])).toBeNull();
    expect(closingVersionProblem(2, 2, [1, 2, 3])).toMatch(/later than version 2/);
    expect(closingVersionProblem(4, 2, [1, 2, 3])).toMatch(/approved version/);
    expect(closingVersionProblem(1, null, [1])).toBeNull();
  });
});

describe('recovery time against RTO', () => {
  it('compares with the tightest RTO of the critical activities', () => {
    expect(recoveryAgainstRto(3, [24, 4, null])).toEqual({ rtoHours: 4, met: true });
    expect(recoveryAgainstRto(4, [4])).toEqual({ rtoHours: 4, met: true });
    expect(recoveryAgainstRto(6, [24, 4])).toEqual({ rtoHours: 4, met: false });
  });
  it('says nothing when either is unknown', () => {
    expect(recoveryAgainstRto(null, [4])).toBeNull();
    expect(recoveryAgainstRto(3, [null])).toBeNull();
  });
});
