import { addQuarters, formatQuarter, quarterEnd, quarterOf, quarterStart } from '../../server/domain/quarters';

describe('financial-year quarters (April start)', () => {
  it.each([
    ['2026-04-01', 2026, 1],
    ['2026-06-30', 2026, 1],
    ['2026-07-01', 2026, 2],
    ['2026-11-23', 2026, 3],
    ['2026-12-31', 2026, 3],
    ['2027-01-01', 2026, 4],
    ['2027-03-31', 2026, 4],
  ])('puts %s in FY %i Q%i', (day, fyYear, quarter) => {
    expect(quarterOf(day, 4)).toEqual({ fyYear, quarter });
  });

  it('gives the first and last day of a quarter, across the calendar year', () => {
    expect(quarterStart({ fyYear: 2026, quarter: 4 }, 4)).toBe('2027-01-01');
    expect(quarterEnd({ fyYear: 2026, quarter: 4 }, 4)).toBe('2027-03-31');
    expect(quarterEnd({ fyYear: 2026, quarter: 1 }, 4)).toBe('2026-06-30');
  });

  it('adds and subtracts quarters across financial years', () => {
    expect(addQuarters({ fyYear: 2026, quarter: 4 }, 1)).toEqual({ fyYear: 2027, quarter: 1 });
    expect(addQuarters({ fyYear: 2026, quarter: 1 }, -1)).toEqual({ fyYear: 2025, quarter: 4 });
    expect(addQuarters({ fyYear: 2026, quarter: 3 }, -7)).toEqual({ fyYear: 2024, quarter: 4 });
  });

  it('labels quarters the way the organisation writes them', () => {
    expect(formatQuarter({ fyYear: 2026, quarter: 3 }, 4)).toBe('2026-27 Q3');
    expect(formatQuarter({ fyYear: 2099, quarter: 1 }, 4)).toBe('2099-00 Q1');
    expect(formatQuarter({ fyYear: 2026, quarter: 3 }, 1)).toBe('2026 Q3');
  });
});

describe('quarters with another start month', () => {
  it('follows a January start as calendar quarters', () => {
    expect(quarterOf('2026-11-23', 1)).toEqual({ fyYear: 2026, quarter: 4 });
    expect(quarterEnd({ fyYear: 2026, quarter: 1 }, 1)).toBe('2026-03-31');
  });

  it('follows a September start', () => {
    expect(quarterOf('2026-08-31', 9)).toEqual({ fyYear: 2025, quarter: 4 });
    expect(quarterOf('2026-09-01', 9)).toEqual({ fyYear: 2026, quarter: 1 });
    expect(quarterEnd({ fyYear: 2026, quarter: 2 }, 9)).toBe('2027-02-28');
  });
});
