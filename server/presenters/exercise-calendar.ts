import type { Db } from '../../db/connection';
import { today, type Clock } from '../clock';
import { notFound } from '../errors';
import type { Calendar, CalendarEvent } from '../calendar/ics';
import { effectiveStatus } from '../domain/exercise-due';
import { EXERCISE_KIND_LABELS, EXERCISE_STATUS_LABELS } from '../domain/exercise-vocabulary';
import { buildTree } from '../domain/tree';
import { listNodes } from '../queries/nodes';
import { formatDay } from '../domain/dates';
import { subDays } from 'date-fns/subDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { loadPlanStandings } from './plan-standing';
import { returnAndReviewEvents } from './return-calendar';

/**
 * How far back a cancelled or completed exercise is still sent, as CANCELLED: long enough for a
 * calendar that subscribed while it was planned to have refreshed and dropped it, short enough
 * that the feed does not grow with every exercise ever held.
 */
export const DROPPED_EXERCISE_DAYS = 90;

/** One collator for the events of a day, as localeCompare ordered them, made once rather than per comparison. */
const uidOrder = new Intl.Collator();

/**
 * Planned exercises (today or later), the next review of every approved plan, the registers'
 * return deadlines and the open risks' next reviews due at or below a node, as calendar events. UIDs name the record, so a second import updates the first.
 */
export async function buildExerciseCalendar(db: Db, clock: Clock, nodeId: number, baseUrl: string): Promise<Calendar> {
  const tree = buildTree(await listNodes(db));
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const todayIso = today(clock);
  const droppedSince = format(subDays(parseISO(todayIso), DROPPED_EXERCISE_DAYS), 'yyyy-MM-dd');
  const standings = await loadPlanStandings(db, todayIso, tree.subtreeIds(nodeId));
  const events: CalendarEvent[] = [];
  for (const { plan, exercises } of standings) {
    for (const e of exercises) {
      if (e.planned_on === null) continue;
      const status = effectiveStatus(e, todayIso);
      // Planned: listed from today on. Cancelled or completed: listed as CANCELLED with the
      // record's raised version, so a calendar that holds the planned event drops it.
      const dropped = status === 'cancelled' || status === 'completed';
      if (dropped ? e.planned_on < droppedSince : status !== 'planned') continue;
      events.push({
        uid: `exercise-${e.id}@bulwark`,
        date: e.planned_on,
        summary: `${dropped ? `${EXERCISE_STATUS_LABELS[status]}: ` : ''}${EXERCISE_KIND_LABELS[e.type]}: ${plan.ref}`,
        description: [
          `${plan.title} (${plan.node_name})`,
          e.plan_version_number === null ? 'Exercising the draft' : `Exercising version ${e.plan_version_number}`,
          e.coordinator_name ? `Coordinator: ${e.coordinator_name}` : '',
          e.scenario ? `Scenario: ${e.scenario}` : '',
        ].filter((line) => line !== '').join('\n'),
        url: `${baseUrl}/exercises/${e.id}`,
        categories: ['Business continuity', 'Exercise'],
        sequence: e.version,
        status: dropped ? 'CANCELLED' : 'CONFIRMED',
      });
    }
    if (plan.next_review_on !== null && plan.approved_number !== null) {
      events.push({
        // One UID per plan: approving a new version moves the same event rather than adding another.
        uid: `plan-${plan.id}-review@bulwark`,
        date: plan.next_review_on,
        summary: `Plan review due: ${plan.ref}`,
        description: `${plan.title} (${plan.node_name}), version ${plan.approved_number} approved ${formatDay(plan.approved_on)}`.trim(),
        url: `${baseUrl}/plans/${plan.id}`,
        categories: ['Business continuity', 'Plan review'],
        sequence: plan.approved_number,
      });
    }
  }
  events.push(...(await returnAndReviewEvents(db, todayIso, tree.subtreeIds(nodeId), baseUrl)));
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : uidOrder.compare(a.uid, b.uid)));
  return { name: `Bulwark: exercises, plan and risk reviews, quarterly returns, ${node.name}`, events, stamp: clock.now() };
}
