import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { today } from '../clock';
import type { PrintBlock } from '../print/plan-document';
import { findPlan } from '../queries/plans';
import { formatLongDate } from './plan-sections';
import { loadPlanStandings } from './plan-standing';

/**
 * Section 11's dates for the printed plan: each test type's last date and next due date, from
 * the exercise records as they stand on the day of printing.
 */
export async function exerciseScheduleBlock(db: Db, clock: Clock, planId: number): Promise<PrintBlock> {
  const plan = await findPlan(db, planId);
  const standing = plan ? (await loadPlanStandings(db, today(clock), [plan.node_id], { includeRetired: true, planIds: [planId] }))[0] : undefined;
  const rows = (standing?.schedule ?? []).map((s) => [
    s.label,
    s.required ? 'Yes' : 'No',
    s.lastOn ? formatLongDate(s.lastOn) : 'Never',
    s.nextDueOn ? formatLongDate(s.nextDueOn) : s.required ? 'From approval' : '',
    s.plannedOn ? formatLongDate(s.plannedOn) : '',
    s.stateLabel,
  ]);
  return {
    kind: 'table',
    heading: `Tests: last done and next due (as at ${formatLongDate(today(clock))})`,
    columns: ['Test', 'Required', 'Last done', 'Next due', 'Next planned', 'State'],
    rows,
    emptyText: 'No test records',
  };
}
