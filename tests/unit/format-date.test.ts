import { formatDate } from '../../server/views/helpers/format-date';

describe('formatDate helper', () => {
  it('writes ISO days as GOV.UK does: day, month in full, year', () => {
    expect(formatDate('2026-09-02')).toBe('2 September 2026');
    expect(formatDate('2026-11-03')).toBe('3 November 2026');
    expect(formatDate('2027-01-31T10:00:00Z')).toBe('31 January 2027');
  });

  it('leaves nothing for no date and passes anything else through unchanged', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate('2026-13-01')).toBe('2026-13-01');
  });
});
