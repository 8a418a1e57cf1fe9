import { escapeText, foldLine, writeCalendar } from '../../server/calendar/ics';
import { fixedClock } from '../../server/clock';

const stamp = fixedClock('2026-11-23').now();

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('leaves lines of 75 octets alone and folds longer ones with a leading space', () => {
    const exact = 'X'.repeat(75);
    expect(foldLine(exact)).toBe(exact);
    const folded = foldLine('Y'.repeat(160)).split('\r\n');
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 12]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe('Y'.repeat(160));
  });

  it('never splits a multi-byte character across a fold', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('never splits a character outside the basic plane (two UTF-16 units, four octets)', () => {
    const line = `SUMMARY:${'a'.repeat(5)}${'😀🏢€'.repeat(20)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    // No line starts or ends in the middle of a surrogate pair.
    expect(folded.every((l) => !/^ ?[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(l))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });
});

describe('all-day events', () => {
  const endOf = (date: string) =>
    writeCalendar({ name: 'x', stamp, events: [{ uid: 'u@bulwark', date, summary: 's' }] }).split('\r\n').find((l) => l.startsWith('DTEND'));

  it('end the next day, across a month, a year and a leap day', () => {
    expect(endOf('2026-12-31')).toBe('DTEND;VALUE=DATE:20270101');
    expect(endOf('2028-02-28')).toBe('DTEND;VALUE=DATE:20280229');
    expect(endOf('2027-02-28')).toBe('DTEND;VALUE=DATE:20270301');
    expect(endOf('2027-03-28')).toBe('DTEND;VALUE=DATE:20270329');
  });
});

describe('writing a calendar', () => {
  const text = writeCalendar({
    name: 'Bulwark, exercises',
    stamp,
    events: [{ uid: 'exercise-7@bulwark', date: '2027-01-31', summary: 'Tabletop exercise: BCP-SCD', description: 'Line one\nLine two; with, punctuation', categories: ['Business continuity'] }],
  });
  const lines = text.split('\r\n');

  it('ends every line with CRLF and has no bare line feeds', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('wraps one event in the calendar with the required properties', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    const event = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    expect(event).toEqual([
      'BEGIN:VEVENT',
      'UID:exercise-7@bulwark',
      `DTSTAMP:${stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`,
      'DTSTART;VALUE=DATE:20270131',
      'DTEND;VALUE=DATE:20270201',
      'SUMMARY:Tabletop exercise: BCP-SCD',
      'DESCRIPTION:Line one\\nLine two\\; with\\, punctuation',
      'CATEGORIES:Business continuity',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]);
    expect(lines).toContain('X-WR-CALNAME:Bulwark\\, exercises');
  });
});

describe('updates and cancellations', () => {
  const text = writeCalendar({
    name: 'Bulwark',
    stamp,
    events: [
      { uid: 'exercise-8@bulwark', date: '2027-02-10', summary: 'Cancelled: Tabletop exercise: BCP-SCD', sequence: 3, status: 'CANCELLED' },
      { uid: 'plan-3-review@bulwark', date: '2027-11-01', summary: 'Plan review due: BCP-SCD', sequence: 2 },
    ],
  });
  const lines = text.split('\r\n');

  it('writes SEQUENCE and STATUS only when the event has them', () => {
    expect(lines).toContain('SEQUENCE:3');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines.filter((l) => l.startsWith('STATUS:'))).toEqual(['STATUS:CANCELLED']);
  });

  it('stamps every event with the same DTSTAMP, in UTC', () => {
    const stamps = lines.filter((l) => l.startsWith('DTSTAMP:'));
    expect(stamps).toHaveLength(2);
    expect(new Set(stamps).size).toBe(1);
    expect(stamps[0]).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  });
});
