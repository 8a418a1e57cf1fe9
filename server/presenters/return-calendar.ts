import type { Db } from '../../db/connection';
import type { CalendarEvent } from '../calendar/ics';
import { formatDay } from '../domain/dates';
import { compareReferences } from '../domain/reference-order';
import { addQuarters, formatQuarter, quarterOf, quarterPath, returnDeadline } from '../domain/quarters';
import { loadSettings } from '../queries/reference';
import { returnsOfRegisters } from '../queries/returns';

// The calendar's risk entries: each open register's return deadline (the quarter just ended
// while its return is not in, and the current quarter's) and each open risk's next review due.
// UIDs name the register and quarter, or the risk, so a re-import moves an event rather than
// adding another: a risk's review event keeps its UID as its due date moves on.

export async function returnAndReviewEvents(db: Db, today: string, nodeIds: number[], baseUrl: string): Promise<CalendarEvent[]> {
  const settings = await loadSettings(db);
  const start = settings.fyStartMonth;
  const current = quarterOf(today, start);
  const previous = addQuarters(current, -1);
  const ids = nodeIds.length > 0 ? nodeIds : [-1];
  const dueReviews = db.selectFrom('risk_facts as f').innerJoin('risks as r', 'r.id', 'f.risk_id')
    .where('f.node_id', 'in', ids).where('f.status', '=', 'open').where('f.review_due_on', 'is not', null);
  const [registers, { count }] = await Promise.all([
    db.selectFrom('registers as g').innerJoin('nodes as n', 'n.id', 'g.node_id')
      .select(['g.id', 'g.code', 'g.name', 'g.node_id', 'n.name as node_name'])
      .where('g.node_id', 'in', ids).where('g.closed_on', 'is', null).where('n.retired_on', 'is', null)
      .execute(),
    dueReviews.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  const returns = await returnsOfRegisters(db, registers.map((g) => g.id), [previous]);
  const events: CalendarEvent[] = [];
  for (const register of registers) {
    const quarters = returns.some((r) => r.register_id === register.id) ? [current] : [previous, current];
    for (const q of quarters) {
      const path = quarterPath(q, start);
      events.push({
        uid: `return-${register.id}-${path}@bulwark`,
        date: returnDeadline(q, start, settings.returnDeadlineDays),
        summary: `Quarterly return due: ${register.code} ${formatQuarter(q, start)}`,
        description: `${register.name} (${register.node_name}). Every open risk needs a review in the quarter before the return is submitted.`,
        url: `${baseUrl}/registers/${register.id}/returns/${path}`,
        categories: ['Risk', 'Quarterly return'],
      });
    }
  }
  if (count > RISK_EVENTS_MAX) {
    // Only what a grouped event names: the titles and owners of 12,000 risks were most of the feed's reading.
    const due = await dueReviews.select(['r.reference', 'r.register_id', 'f.review_due_on']).execute();
    events.push(...groupedReviewEvents(due, registers, baseUrl));
    return events;
  }
  const risks = await dueReviews.leftJoin('people as o', 'o.id', 'r.owner_id')
    .select(['r.id', 'r.reference', 'r.title', 'o.name as owner_name', 'f.review_due_on'])
    .execute();
  for (const risk of risks) {
    if (risk.review_due_on === null) continue;
    events.push({
      uid: `risk-${risk.id}-review@bulwark`,
      date: risk.review_due_on,
      summary: `Risk review due: ${risk.reference}`,
      description: `${risk.title}${risk.owner_name ? `. Owner: ${risk.owner_name}` : ''}. Review due by ${formatDay(risk.review_due_on)}.`,
      url: `${baseUrl}/risks/${risk.id}/reviews/new`,
      categories: ['Risk', 'Risk review'],
    });
  }
  return events;
}

/**
 * Above this many open risks (a division has about 600; the whole organisation 12,000) each
 * register's reviews due on one day become one event, so a feed stays a calendar people can
 * read (and a few hundred kilobytes rather than megabytes).
 */
const RISK_EVENTS_MAX = 1000;

function groupedReviewEvents(
  risks: { reference: string; register_id: number; review_due_on: string | null }[],
  registers: { id: number; code: string; name: string; node_id: number; node_name: string }[],
  baseUrl: string,
): CalendarEvent[] {
  const groups = new Map<string, { registerId: number; due: string; references: string[] }>();
  for (const risk of risks) {
    if (risk.review_due_on === null) continue;
    const key = `${risk.register_id}:${risk.review_due_on}`;
    const group = groups.get(key) ?? { registerId: risk.register_id, due: risk.review_due_on, references: [] };
    group.references.push(risk.reference);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.references.sort(compareReferences);
  const registerOf = new Map(registers.map((g) => [g.id, g]));
  return [...groups.values()].map((group) => {
    const register = registerOf.get(group.registerId);
    const count = group.references.length;
    return {
      uid: `register-${group.registerId}-reviews-${group.due}@bulwark`,
      date: group.due,
      summary: `${count === 1 ? 'Risk review' : `${count} risk reviews`} due: ${register?.code ?? ''}`,
      description: `${register ? `${register.name} (${register.node_name})` : ''}. Due by ${formatDay(group.due)}: ${group.references.join(', ')}.`,
      url: register ? `${baseUrl}/nodes/${register.node_id}?review=due` : baseUrl,
      categories: ['Risk', 'Risk review'],
    };
  });
}
