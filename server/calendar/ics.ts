// A small iCalendar (RFC 5545) writer for all-day events: enough for Outlook to import
// planned exercises and review dates. Written here rather than pulled in as a library: the
// subset is tiny and every rule it follows is tested in tests/unit/ics.test.ts.

export interface CalendarEvent {
  /** Stable across exports, so importing again updates an event instead of duplicating it. */
  uid: string;
  /** The day, 'yyyy-MM-dd'. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
  /**
   * Raised whenever the record changes (the record's own version), so a subscribed calendar
   * takes the newer copy: clients ignore an update whose SEQUENCE is not higher.
   */
  sequence?: number;
  /** CANCELLED tells subscribed calendars to drop an event they already hold. */
  status?: 'CONFIRMED' | 'CANCELLED';
}

export interface Calendar {
  name: string;
  events: CalendarEvent[];
  /** When this copy was produced: every event's DTSTAMP. */
  stamp: Date;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \n. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A character's size in UTF-8 from its first UTF-16 unit (a high surrogate starts a four-octet pair). */
function utf8Octets(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code >= 0xd800 && code <= 0xdbff ? 4 : 3;
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 3.1), each continuation
 * starting with a space, never splitting a UTF-8 character. Most lines are short: those are
 * returned as they are, as a whole organisation's feed has some 100,000 of them.
 */
export function foldLine(line: string): string {
  if (line.length * 3 <= MAX_OCTETS || Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; ) {
    const code = line.charCodeAt(i);
    const size = utf8Octets(code);
    const units = size === 4 ? 2 : 1;
    if (octets + size > MAX_OCTETS) {
      parts.push(line.slice(start, i));
      start = i;
      // The continuation's leading space is its first octet.
      octets = 1;
    }
    octets += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join(`${CRLF} `);
}

const basicDate = (isoDay: string) => isoDay.replace(/-/g, '');
const utcStamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/** The day after an ISO day, as a basic date ('yyyyMMdd'): an all-day event's exclusive end. */
function basicDayAfter(isoDay: string): string {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10).replace(/-/g, '');
}

export function writeCalendar(calendar: Calendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bulwark//Exercises and reviews//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(calendar.name)}`];
  const stamp = `DTSTAMP:${utcStamp(calendar.stamp)}`;
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      stamp,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      // An all-day event ends (exclusively) the next day.
      `DTEND;VALUE=DATE:${basicDayAfter(event.date)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    if (event.categories && event.categories.length > 0) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
    if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`);
    if (event.status) lines.push(`STATUS:${event.status}`);
    // All-day reminders should not block anyone's diary.
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
