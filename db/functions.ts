import type SqliteDatabase from 'better-sqlite3';
import { addMonthsToDay, countsAs } from '../server/domain/exercise-due';
import type { ExerciseKind, ExerciseStatus } from '../server/domain/exercise-vocabulary';
import { missingSections, parsePlanContent } from '../server/domain/plan-content';
import { reviewDueOn } from '../server/domain/reviews';
import { RecentlyUsed } from './recently-used';

// The domain's own rules, made callable from SQL, so the triggers that keep the stored facts
// (migration 008_stored_facts) apply exactly the rule the pages and the tests compute from
// scratch. Every connection that writes must have them: openDatabase registers them first.

/** What the plan pages need of a plan's content, without parsing it again on every read. */
export interface PlanContentFacts {
  required: string[];
  missing: ReturnType<typeof missingSections>;
  rto: (number | null)[];
}

export function planContentFacts(json: string): PlanContentFacts {
  const content = parsePlanContent(json);
  return {
    required: [...content.exercising.requiredTests],
    missing: missingSections(content),
    rto: content.criticalActivities.activities.map((a) => a.rtoHours),
  };
}

/** A trigger reads a version's content several times in one statement: the last few are kept parsed. */
function remembered<T>(compute: (key: string) => T, size = 4): (key: string) => T {
  const recent = new RecentlyUsed<string, T>(size);
  return (key) => {
    const hit = recent.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    recent.set(key, value);
    return value;
  };
}

export function registerDomainFunctions(sqlite: SqliteDatabase.Database): void {
  const contentFacts = remembered((json) => JSON.stringify(planContentFacts(json)));
  sqlite.function('bulwark_review_due_on', { deterministic: true }, (identifiedOn: unknown, lastReviewedOn: unknown, cadenceMonths: unknown, fyStartMonth: unknown) =>
    reviewDueOn({
      status: 'open',
      identifiedOn: String(identifiedOn),
      lastReviewedOn: typeof lastReviewedOn === 'string' ? lastReviewedOn : null,
      cadenceMonths: Number(cadenceMonths ?? 3),
      fyStartMonth: Number(fyStartMonth ?? 4),
    }));
  sqlite.function('bulwark_add_months', { deterministic: true }, (day: unknown, months: unknown) =>
    (typeof day === 'string' ? addMonthsToDay(day, Number(months)) : null));
  sqlite.function('bulwark_counts_as', { deterministic: true }, (type: unknown, status: unknown, lessons: unknown) =>
    countsAs({ type: type as ExerciseKind, status: status as ExerciseStatus, lessons: typeof lessons === 'string' ? lessons : '' }));
  sqlite.function('bulwark_plan_content_facts', { deterministic: true }, (json: unknown) => (typeof json === 'string' ? contentFacts(json) : null));
}
