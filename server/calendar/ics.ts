import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

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

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 3.1), each continuation
 * starting with a space, never splitting a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const basicDate = (isoDay: string) => isoDay.replace(/-/g, '');
const utcStamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

export function writeCalendar(calendar: Calendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bulwark//Exercises and reviews//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(calendar.name)}`];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utcStamp(calendar.stamp)}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      // An all-day event ends (exclusively) the next day.
      `DTEND;VALUE=DATE:${basicDate(format(addDays(parseISO(event.date), 1), 'yyyy-MM-dd'))}`,
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
