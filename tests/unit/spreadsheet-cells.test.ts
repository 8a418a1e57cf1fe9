import { dayFromCell, neutraliseFormula, restoreNeutralised } from '../../server/domain/spreadsheet-cells';
import { checkHeader, columnLetters, risksMovedSince } from '../../server/spreadsheets/import-plan';
import { RISK_COLUMNS } from '../../server/spreadsheets/columns';

describe('neutralising formulas (OWASP CSV injection)', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+44 20 7123 4567', "'+44 20 7123 4567"],
    ['-5 staff', "'-5 staff"],
    ['@risk', "'@risk"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ['\nline', "'\nline"],
    ['   =after spaces', "'   =after spaces"],
    // Typed apostrophes before a formula character get one more, so import can tell them apart.
    ["'=already quoted", "''=already quoted"],
    ["'plain", "'plain"],
    ['Plain text', 'Plain text'],
    ['a = b', 'a = b'],
    ['', ''],
  ])('%j is exported as %j, and comes back as it was', (text, exported) => {
    expect(neutraliseFormula(text)).toBe(exported);
    expect(restoreNeutralised(exported)).toBe(text);
  });
});

describe('days in cells', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['1/3/2026', '2026-03-01'],
    ['01/03/2026', '2026-03-01'],
    [' 2026-03-01 ', '2026-03-01'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
    ['31/02/2026', null],
    ['2026-13-01', null],
    ['yesterday', null],
    ['1/3/26', null],
    ['1800-01-01', null],
  ])('%j is %j', (cell, day) => expect(dayFromCell(cell)).toBe(day));

  it('reads a spreadsheet date as its UTC day', () => {
    expect(dayFromCell(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(dayFromCell(new Date(Number.NaN))).toBeNull();
  });
});

describe('the header of an import', () => {
  const names = RISK_COLUMNS.map((c) => c.name);
  it('accepts the export\'s own, in any order and case, without the computed columns', () => {
    const reordered = [...names].reverse().map((n) => n.toUpperCase()).filter((n) => n !== 'CURRENT SCORE' && n !== 'VERSION');
    expect(checkHeader(reordered).ok).toBe(true);
  });
  it('names column letters past Z', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('says which columns are unnamed', () => {
    const outcome = checkHeader([...names, '']);
    expect(outcome.ok ? '' : outcome.problem.message).toContain(`a column with no header (column ${columnLetters(names.length)})`);
  });
});

describe('the rows that moved since a dry run', () => {
  it('names risks whose version changed and risks no longer found', () => {
    expect(risksMovedSince('A-R01:1 A-R02:3 A-R03:2', [
      { reference: 'A-R01', id: 1, version: 1 },
      { reference: 'A-R02', id: 2, version: 4 },
    ])).toEqual(['A-R02', 'A-R03']);
  });
});
