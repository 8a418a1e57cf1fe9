import { daysBetween, parseQuarterPath, quarterPath, returnDeadline } from '../../server/domain/quarters';
import { canonicalJson, changesSince, sealSnapshot, sha256Hex, stateRefusal, type ReturnSnapshot, type SnapshotRisk } from '../../server/domain/returns';

// The quarterly return's pure rules: quarters in paths, deadlines, who may move it from which
// state, the canonical snapshot and its hash, and what changed since submission.

describe('quarters in paths and return deadlines', () => {
  it('writes and reads a quarter as a path segment, for an April and a January start', () => {
    expect(quarterPath({ fyYear: 2026, quarter: 3 }, 4)).toBe('2026-27Q3');
    expect(quarterPath({ fyYear: 2099, quarter: 1 }, 4)).toBe('2099-00Q1');
    expect(quarterPath({ fyYear: 2026, quarter: 3 }, 1)).toBe('2026Q3');
    expect(parseQuarterPath('2026-27Q3', 4)).toEqual({ ok: true, quarter: { fyYear: 2026, quarter: 3 } });
    expect(parseQuarterPath('2026Q2', 1)).toEqual({ ok: true, quarter: { fyYear: 2026, quarter: 2 } });
  });

  it.each(['2026-28Q3', '2026-27Q5', '2026-27', 'Q3', '2026Q3', '', '2026-27Q3x', '1066-67Q1'])('refuses %p with an example of the form (April start)', (text) => {
    expect(parseQuarterPath(text, 4)).toEqual({ ok: false, message: expect.stringContaining('quarters are written like 2026-27Q3') });
  });

  it('refuses a second year with a January start', () => {
    expect(parseQuarterPath('2026-27Q3', 1)).toMatchObject({ ok: false, message: expect.stringContaining('written like 2026Q3') });
  });

  it('puts the deadline the setting\'s days after the quarter ends, across months and years', () => {
    expect(returnDeadline({ fyYear: 2026, quarter: 3 }, 4, 15)).toBe('2027-01-15');
    expect(returnDeadline({ fyYear: 2026, quarter: 2 }, 4, 15)).toBe('2026-10-15');
    expect(returnDeadline({ fyYear: 2026, quarter: 4 }, 4, 0)).toBe('2027-03-31');
    expect(returnDeadline({ fyYear: 2026, quarter: 4 }, 4, 31)).toBe('2027-05-01');
    expect(daysBetween('2026-10-15', '2026-11-23')).toBe(39);
    expect(daysBetween('2026-11-23', '2026-10-15')).toBe(-39);
  });
});

describe('who moves a return from which state', () => {
  it('lets a return be submitted once, challenged until accepted, answered while challenged, accepted once every challenge is answered', () => {
    expect(stateRefusal('submit', 'draft', 'X')).toBeNull();
    expect(stateRefusal('submit', 'submitted', '2026-27 Q3')).toBe('The 2026-27 Q3 return is submitted: it was submitted once and is frozen as evidence');
    for (const state of ['submitted', 'challenged', 'responded'] as const) expect(stateRefusal('challenge', state, 'X')).toBeNull();
    expect(stateRefusal('challenge', 'accepted', 'X')).toContain('an accepted return is not challenged again');
    expect(stateRefusal('challenge', 'draft', 'X')).toContain('not submitted yet');
    expect(stateRefusal('answer', 'challenged', 'X')).toBeNull();
    expect(stateRefusal('answer', 'responded', 'X')).toContain('challenges are answered while the return is challenged');
    expect(stateRefusal('accept', 'submitted', 'X')).toBeNull();
    expect(stateRefusal('accept', 'responded', 'X')).toBeNull();
    expect(stateRefusal('accept', 'challenged', 'X')).toContain('accepted once every challenge has an answer');
    expect(stateRefusal('accept', 'accepted', 'X')).toBe('The X return is accepted already');
  });
});

describe('the snapshot', () => {
  it('is canonical: the same content in any key order gives the same bytes and hash', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'é' }, u: undefined });
    const b = canonicalJson({ a: { c: 'é', d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe('{"a":{"c":"é","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(b).toBe(a);
    // Of the UTF-8 bytes, as `printf '%s' '…' | sha256sum` gives.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  const level = { rank: 3, name: 'High', colour: '#f47738', textColour: '#0b0c0c' };
  const rating = (score: number) => ({ likelihood: 3, impact: 4, score, level });
  const risk = (id: number, score: number, actions: SnapshotRisk['actions'] = []): SnapshotRisk => ({
    id, reference: `SCCTD-R0${id}`, title: `Risk ${id}`, cause: '', event: '', effect: '', category: 'People', appetite: level, aboveAppetite: false,
    objective: null, owner: 'Frances Delaney', manager: null, identifiedOn: '2026-01-01', treatment: 'treat', influence: 'partly',
    inherent: rating(16), current: rating(score), target: rating(6), controls: [], actions, review: null, version: 1, updatedAt: '2026-10-01T00:00:00.000Z',
  });
  const snapshot: ReturnSnapshot = {
    format: 1,
    register: { id: 7, code: 'SCCTD', name: 'Divisional', kind: 'divisional', nodeId: 2, nodeName: 'SCCTD' },
    quarter: { fyYear: 2026, quarter: 2, label: '2026-27 Q2', start: '2026-07-01', end: '2026-09-30', deadline: '2026-10-15' },
    takenAt: '2026-10-14T09:40:00.000Z', submittedBy: 'Gareth Pryce',
    risks: [risk(1, 12), risk(2, 12, [{ id: 50, description: 'Agree the loan', owner: null, dueOn: '2026-12-01', status: 'in_progress', completedOn: null }]), risk(3, 12), risk(4, 12)],
    links: [], findings: [],
  };

  it('seals its canonical bytes with their hash', () => {
    const sealed = sealSnapshot(snapshot);
    expect(sealed.sha256).toBe(sha256Hex(sealed.json));
    expect(canonicalJson(JSON.parse(sealed.json))).toBe(sealed.json);
  });

  it('lists what changed since: added, closed, moved out, rescored, actions completed', () => {
    const live = [
      { id: 1, reference: 'SCCTD-R01', title: 'Risk 1', status: 'open' as const, registerId: 7, closedOn: null, currentScore: 16, currentLevelName: 'Very high' },
      { id: 2, reference: 'SCCTD-R02', title: 'Risk 2', status: 'open' as const, registerId: 7, closedOn: null, currentScore: 12, currentLevelName: 'High' },
      { id: 3, reference: 'SCCTD-R03', title: 'Risk 3', status: 'closed' as const, registerId: 7, closedOn: '2026-11-01', currentScore: 12, currentLevelName: 'High' },
      { id: 4, reference: 'SCCTD-R04', title: 'Risk 4', status: 'open' as const, registerId: 9, closedOn: null, currentScore: 12, currentLevelName: 'High' },
      { id: 5, reference: 'SCCTD-R05', title: 'Risk 5', status: 'open' as const, registerId: 7, closedOn: null, currentScore: 4, currentLevelName: 'Medium' },
    ];
    const changes = changesSince(snapshot, live, [{ id: 50, riskId: 2, status: 'completed', completedOn: '2026-11-20' }]);
    expect(changes.added.map((r) => r.reference)).toEqual(['SCCTD-R05']);
    expect(changes.closed).toEqual([
      { id: 3, reference: 'SCCTD-R03', title: 'Risk 3', how: 'closed on 2026-11-01' },
      { id: 4, reference: 'SCCTD-R04', title: 'Risk 4', how: 'moved to another register' },
    ]);
    expect(changes.rescored).toEqual([{ id: 1, reference: 'SCCTD-R01', title: 'Risk 1', from: 'High 12', to: 'Very high 16', direction: 'up' }]);
    expect(changes.actionsCompleted).toEqual([{ riskId: 2, reference: 'SCCTD-R02', description: 'Agree the loan', completedOn: '2026-11-20' }]);
    expect(changes.count).toBe(5);
  });
});
