import { moveProblem, moveTargets, placementProblem, retireProblems, type OrgNode } from '../../server/domain/org-tree';
import { buildTree } from '../../server/domain/tree';

const node = (id: number, parent_id: number | null, kind: OrgNode['kind'], name: string, retired_on: string | null = null): OrgNode => ({ id, parent_id, kind, name, retired_on });

const nodes = [
  node(1, null, 'organisation', 'HQ'),
  node(2, 1, 'division', 'Special Crime'),
  node(3, 2, 'unit', 'Appeals'),
  node(4, 3, 'team', 'Appeals York'),
  node(5, 1, 'division', 'International'),
  node(6, 5, 'unit', 'Extradition'),
  node(7, 1, 'division', 'Closed division', '2026-01-31'),
];

describe('moving a node in the organisation tree', () => {
  const tree = buildTree(nodes);

  it('allows a unit to move to another division', () => {
    expect(moveProblem(tree, 3, 5)).toBeNull();
  });

  it('never moves a node under itself', () => {
    expect(moveProblem(tree, 2, 2)).toBe('Special Crime cannot be moved under itself');
  });

  it('never moves a node under its own child or a deeper descendant', () => {
    expect(moveProblem(tree, 2, 3)).toBe('Special Crime cannot be moved under Appeals, which is below it');
    expect(moveProblem(tree, 2, 4)).toBe('Special Crime cannot be moved under Appeals York, which is below it');
  });

  it('keeps kinds in order: a unit goes under a division, not under a unit or the organisation', () => {
    expect(moveProblem(tree, 3, 6)).toBe('A unit goes under a division, and Extradition is a unit');
    expect(moveProblem(tree, 3, 1)).toBe('A unit goes under a division, and HQ is an organisation');
    expect(moveProblem(tree, 4, 6)).toBeNull();
  });

  it('refuses a retired parent, and a move to where it already is', () => {
    expect(moveProblem(tree, 3, 7)).toBe('Closed division is retired: choose a part of the organisation still in use');
    expect(moveProblem(tree, 3, 2)).toBe('Appeals is already under Special Crime: choose a different place');
  });

  it('offers as targets exactly the places the rule allows', () => {
    expect(moveTargets(tree, 3).map((n) => n.id)).toEqual([5]);
    expect(moveTargets(tree, 4).map((n) => n.id)).toEqual([6]);
    expect(moveTargets(tree, 2)).toEqual([]);
  });
});

describe('placing a new node', () => {
  it('needs the kind above it as parent', () => {
    expect(placementProblem('team', nodes[2] ?? null)).toBeNull();
    expect(placementProblem('team', nodes[1] ?? null)).toBe('A team goes under a unit, and Special Crime is a division');
    expect(placementProblem('division', null)).toBe('Choose where the division goes: a division goes under an organisation');
    expect(placementProblem('organisation', null)).toBeNull();
    expect(placementProblem('organisation', nodes[0] ?? null)).toBe('The organisation is the top of the tree and has no parent');
  });
});

describe('retiring a node', () => {
  const facts = { isRoot: false, alreadyRetiredOn: null, activeChildren: [], openRisks: 0 };

  it('is allowed when nothing live is left in it', () => {
    expect(retireProblems('Appeals', facts)).toEqual([]);
  });

  it('asks for open risks and live children to be dealt with first', () => {
    expect(retireProblems('Appeals', { ...facts, activeChildren: ['Appeals York'], openRisks: 2 })).toEqual([
      'Move or retire what is below it first: Appeals York',
      'Close its 2 open risks first: a retired part of the organisation keeps no live risks',
    ]);
    expect(retireProblems('Appeals', { ...facts, openRisks: 1 })).toEqual(['Close its open risk first: a retired part of the organisation keeps no live risks']);
  });

  it('never retires the organisation itself, nor a node twice', () => {
    expect(retireProblems('HQ', { ...facts, isRoot: true })).toEqual(['The organisation itself cannot be retired']);
    expect(retireProblems('Old', { ...facts, alreadyRetiredOn: '2026-01-31' })).toEqual(['Old was already retired on 2026-01-31']);
  });
});
