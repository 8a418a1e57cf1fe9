import { heatMap, isAboveAppetite, rate, type Matrix } from '../../server/domain/matrix';

function defaultMatrix(): Matrix {
  const levels = [
    { rank: 1, name: 'Low', colour: '#00703c', textColour: '#fff' },
    { rank: 2, name: 'Medium', colour: '#ffdd00', textColour: '#000' },
    { rank: 3, name: 'High', colour: '#f47738', textColour: '#000' },
    { rank: 4, name: 'Very high', colour: '#d4351c', textColour: '#fff' },
  ];
  const axis = [1, 2, 3, 4, 5].map((value) => ({ value, label: `L${value}`, description: '' }));
  const cells = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      cells.push({ likelihood, impact, score, levelRank: score <= 3 ? 1 : score <= 6 ? 2 : score <= 12 ? 3 : 4 });
    }
  }
  return { levels, likelihood: axis, impact: axis, cells };
}

describe('rating a risk in the matrix', () => {
  const matrix = defaultMatrix();

  it.each([
    [1, 1, 1, 'Low'],
    [2, 3, 6, 'Medium'],
    [3, 4, 12, 'High'],
    [5, 3, 15, 'Very high'],
    [5, 5, 25, 'Very high'],
  ])('likelihood %i × impact %i scores %i, %s', (l, i, score, level) => {
    const rating = rate(matrix, l, i);
    expect(rating.score).toBe(score);
    expect(rating.level.name).toBe(level);
  });

  it('reads the level from the cell, not from arithmetic', () => {
    const custom = defaultMatrix();
    const cell = custom.cells.find((c) => c.likelihood === 1 && c.impact === 5);
    if (!cell) throw new Error('no cell');
    cell.levelRank = 4;
    expect(rate(custom, 1, 5).level.name).toBe('Very high');
  });

  it('refuses a score outside the matrix', () => {
    expect(() => rate(matrix, 6, 1)).toThrow(/no cell/);
  });

  it('is above appetite only when the level exceeds the category appetite', () => {
    expect(isAboveAppetite(rate(matrix, 3, 4), 2)).toBe(true);
    expect(isAboveAppetite(rate(matrix, 2, 3), 2)).toBe(false);
  });

  it('counts risks per heat map cell, most likely row first', () => {
    const rows = heatMap(matrix, [
      { likelihood: 5, impact: 1 },
      { likelihood: 5, impact: 1 },
      { likelihood: 1, impact: 5 },
    ]);
    expect(rows[0]?.likelihood.value).toBe(5);
    expect(rows[0]?.cells[0]).toMatchObject({ impact: 1, count: 2 });
    expect(rows[4]?.cells[4]).toMatchObject({ likelihood: 1, impact: 5, count: 1 });
    expect(rows.flatMap((r) => r.cells).reduce((n, c) => n + c.count, 0)).toBe(3);
  });
});
