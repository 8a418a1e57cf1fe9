import type { Db } from '../../db/connection';
import { databaseGeneration } from '../../db/generation';
import { RecentlyUsed } from '../../db/recently-used';
import { keyOf } from '../../db/reference-cache';
import { today, type Clock } from '../clock';
import { buildExerciseCalendar } from '../presenters/exercise-calendar';
import { writeCalendar } from './ics';

// A node's calendar as iCalendar text, kept until anything in the database changes. Calendar
// programs fetch the same feed again and again, and the organisation's took a quarter of a
// second of the server's time to build (13,000 rows read, 100,000 lines written) for text that
// is most often the same as last time. DTSTAMP is when the kept copy was built, which is what
// RFC 5545 asks of a published calendar: when its information was last revised.

/** Calendars kept per database: the organisation's is a megabyte, a division's a few dozen kilobytes. */
const KEPT_CALENDARS = 20;

const kept = new WeakMap<object, RecentlyUsed<string, { generation: string; text: string }>>();

export async function calendarText(db: Db, clock: Clock, nodeId: number, baseUrl: string): Promise<string> {
  const generation = await databaseGeneration(db);
  const key = `${nodeId}|${today(clock)}|${baseUrl}`;
  let calendars = kept.get(keyOf(db));
  if (!calendars) kept.set(keyOf(db), (calendars = new RecentlyUsed(KEPT_CALENDARS)));
  const held = calendars.get(key);
  if (held?.generation === generation) return held.text;
  const text = writeCalendar(await buildExerciseCalendar(db, clock, nodeId, baseUrl));
  // Only if building it read nothing newer than the mark it is kept under.
  if ((await databaseGeneration(db)) === generation) calendars.set(key, { generation, text });
  return text;
}
