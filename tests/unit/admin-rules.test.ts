import { contrastRatio, isHexColour } from '../../server/domain/colour';
import { levelDrops } from '../../server/domain/matrix';
import { siteAssignmentProblems } from '../../server/domain/sites';

describe('matrix colours', () => {
  it('accepts only #rrggbb', () => {
    expect(isHexColour('#d4351c')).toBe(true);
    expect(isHexColour('#D4351C')).toBe(true);
    for (const bad of ['d4351c', '#d435', '#d4351cc', '#ggg000', 'red', '#fff']) expect(isHexColour(bad)).toBe(false);
  });

  it('measures contrast as WCAG does: black on white is 21, a colour on itself is 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffdd00', '#ffdd00')).toBeCloseTo(1, 5);
    // The default levels are readable; white on yellow is not.
    expect(contrastRatio('#d4351c', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#ffdd00', '#0b0c0c')).toBeGreaterThan(4.5);
    expect(contrastRatio('#ffdd00', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('the level of every cell', () => {
  const grid = (level: (l: number, i: number) => number) =>
    [1, 2, 3, 4, 5].flatMap((likelihood) => [1, 2, 3, 4, 5].map((impact) => ({ likelihood, impact, levelRank: level(likelihood, impact) })));
  const name = (rank: number) => ['', 'Low', 'Medium', 'High', 'Very high'][rank] ?? '';

  it('accepts a grid that never falls as likelihood or impact rises', () => {
    expect(levelDrops(grid((l, i) => (l * i <= 3 ? 1 : l * i <= 6 ? 2 : l * i <= 12 ? 3 : 4)), name)).toEqual([]);
  });

  it('names each cell rated lower than a less likely or less severe neighbour', () => {
    const problems = levelDrops(grid((l, i) => (l === 5 && i === 5 ? 1 : l * i <= 12 ? 3 : 4)), name);
    expect(problems).toEqual([
      {
        likelihood: 5,
        impact: 5,
        message: 'Likelihood 5, impact 5 cannot be Low when likelihood 4, impact 5 is Very high: a worse risk never rates lower',
      },
    ]);
  });
});

describe('who works at a site', () => {
  it('lets a unit span several sites but keeps a team at one', () => {
    const problems = siteAssignmentProblems('York', [
      { nodeId: 1, nodeName: 'Special Crime', kind: 'unit', otherSites: ['London'] },
      { nodeId: 2, nodeName: 'York Team', kind: 'team', otherSites: [] },
      { nodeId: 3, nodeName: 'London Team', kind: 'team', otherSites: ['London'] },
    ]);
    expect(problems).toEqual([{ nodeId: 3, message: 'London Team already works at London: a team works at one site, so take it off there before adding it to York' }]);
  });
});
