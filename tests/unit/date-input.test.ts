import { gatherDateParts, readDate, readPostedDate, withTypedDates } from '../../server/forms/date-input';

const typed = (day: string, month: string, year: string) => ({ day, month, year });

describe('reading a date typed as day, month and year', () => {
  it('makes an ISO day of a real date, however it was written', () => {
    expect(readDate(typed('2', '9', '2026'), 'Date')).toEqual({ kind: 'date', iso: '2026-09-02' });
    expect(readDate(typed(' 02 ', '09', '2026'), 'Date')).toEqual({ kind: 'date', iso: '2026-09-02' });
    expect(readDate(typed('2', 'Sept', '2026'), 'Date')).toEqual({ kind: 'date', iso: '2026-09-02' });
    expect(readDate(typed('29', 'february', '2028'), 'Date')).toEqual({ kind: 'date', iso: '2028-02-29' });
  });

  it('reads nothing typed as blank', () => {
    expect(readDate(typed('', ' ', ''), 'Date')).toEqual({ kind: 'blank' });
  });

  it('names the missing parts, and only those', () => {
    expect(readDate(typed('14', '', '2026'), 'Date identified')).toEqual({ kind: 'wrong', message: 'Date identified must include a month', parts: ['month'] });
    expect(readDate(typed('', '', '2026'), 'Due date')).toEqual({ kind: 'wrong', message: 'Due date must include a day and month', parts: ['day', 'month'] });
  });

  it('refuses a date that does not exist, naming the part that is wrong', () => {
    expect(readDate(typed('31', '2', '2026'), 'Date identified')).toEqual({ kind: 'wrong', message: 'Date identified must be a real date', parts: ['day'] });
    expect(readDate(typed('29', '2', '2026'), 'Date')).toMatchObject({ kind: 'wrong', parts: ['day'] });
    expect(readDate(typed('12', '13', '2026'), 'Date')).toMatchObject({ kind: 'wrong', message: 'Date must be a real date', parts: ['month'] });
    expect(readDate(typed('soon', 'Smarch', '2026'), 'Date')).toMatchObject({ kind: 'wrong', parts: ['day', 'month'] });
  });

  it('keeps years between 1900 and 2100', () => {
    expect(readDate(typed('1', '1', '26'), 'Date')).toEqual({ kind: 'wrong', message: 'The year must be between 1900 and 2100', parts: ['year'] });
    expect(readDate(typed('1', '1', '1899'), 'Date')).toMatchObject({ kind: 'wrong', parts: ['year'] });
    expect(readDate(typed('31', '12', '2100'), 'Date')).toEqual({ kind: 'date', iso: '2100-12-31' });
  });

  it('also reads a date posted whole, and refuses anything else', () => {
    expect(readPostedDate('2026-10-14', 'Date')).toEqual({ kind: 'date', iso: '2026-10-14' });
    expect(readPostedDate('2026-02-31', 'Date')).toMatchObject({ kind: 'wrong', parts: ['day'] });
    expect(readPostedDate('14/10/2026', 'Date')).toMatchObject({ kind: 'wrong', parts: ['day', 'month', 'year'] });
    expect(readPostedDate({ day: ['1', '2'], month: '1', year: '2026' }, 'Date')).toMatchObject({ kind: 'wrong', parts: ['day'] });
    expect(readPostedDate(undefined, 'Date')).toEqual({ kind: 'blank' });
  });
});

describe('posted date fields', () => {
  it('gathers the three fields of each date under its name', () => {
    expect(gatherDateParts({ title: 'T', 'due_on-day': '1', 'due_on-month': '2', 'due_on-year': '2027', due_on: '2020-01-01' }))
      .toEqual({ title: 'T', 'due_on-day': '1', 'due_on-month': '2', 'due_on-year': '2027', due_on: { day: '1', month: '2', year: '2027' } });
  });

  it('gives what was typed its ISO day too, or blank if it makes none', () => {
    expect(withTypedDates({ 'a-day': '1', 'a-month': '2', 'a-year': '2027', 'b-day': '31', 'b-month': '2', 'b-year': '2027' }))
      .toMatchObject({ a: '2027-02-01', b: '' });
  });
});
