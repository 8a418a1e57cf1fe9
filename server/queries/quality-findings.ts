import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { acceptanceStanding } from '../domain/acceptance';
import { findingsOf, loweredWithoutCompletedAction, type FindingSeverity, type RiskFindingFacts } from '../domain/quality-rules';
import { OPEN_ACTION_STATUSES } from '../domain/vocabulary';
import { duplicateCountsByRisk } from './duplicates';

export { FINDING_LABELS, FINDING_CODES, FINDING_RULES } from '../domain/quality-rules';

// Quality findings of open risks, computed now from the register as it is (the rules are pure
// functions in server/domain/quality-rules.ts). Each fact the rules need is one aggregate query
// over the risks in scope, never a query per risk.

export interface Finding {
  code: string;
  severity: FindingSeverity;
  label: string;
  reason: string;
  riskId: number;
  reference: string;
  fixHref: string;
}

/** Which open risks: those of one register, or of some nodes (null: the whole organisation). */
export type FindingScope = { registerId: number } | { riskIds: readonly number[] } | { nodeIds: readonly number[] | null };

const inList = (ids: readonly number[]) => (ids.length > 0 ? [...ids] : [-1]);

function openRisksIn(db: Db | Tx, scope: FindingScope, today: string) {
  let query = db
    .selectFrom('risk_facts as f')
    .innerJoin('risks as r', 'r.id', 'f.risk_id')
    .where('f.status', '=', 'open')
    .select([
      'r.id', 'r.reference', 'r.register_id', 'f.node_id', 'r.owner_id', 'r.existing_controls', 'r.treatment',
      'f.above_appetite', 'f.current_score', 'f.target_score', 'f.current_level_rank',
      sql<number>`f.review_due_on < ${today}`.as('review_overdue'),
    ]);
  if ('registerId' in scope) query = query.where('r.register_id', '=', scope.registerId);
  else if ('riskIds' in scope) query = query.where('r.id', 'in', inList(scope.riskIds));
  else if (scope.nodeIds !== null) query = query.where('f.node_id', 'in', inList(scope.nodeIds));
  return query.execute();
}

/** Every fact the rules need, for many risks at once; keyed by risk id. */
async function factsOf(db: Db | Tx, riskIds: number[], today: string) {
  const actions = new Map<number, { open: number; overdue: number; noOwner: number; noDue: number }>();
  const reviews = new Map<number, { score: number; on: string }[]>();
  const acceptances = new Map<number, { level_rank: number; expires_on: string }>();
  const plansOverdue = new Map<number, number>();
  const waiting = new Map<number, string>();
  const completed = new Map<number, string[]>();
  // SQLite takes at most 32,766 parameters: the whole organisation goes in slices.
  for (let i = 0; i < riskIds.length; i += 10000) {
    const ids = riskIds.slice(i, i + 10000);
    const [actionRows, reviewRows, acceptanceRows, planRows, waitingRows, completedRows] = await Promise.all([
      db.selectFrom('actions').where('risk_id', 'in', ids).where('status', 'in', OPEN_ACTION_STATUSES)
        .select(['risk_id', (eb) => eb.fn.countAll<number>().as('open'),
          sql<number>`sum(due_on < ${today})`.as('overdue'), sql<number>`sum(owner_id IS NULL)`.as('no_owner'), sql<number>`sum(due_on IS NULL)`.as('no_due')])
        .groupBy('risk_id').execute(),
      // The two latest reviews of each risk.
      sql<{ risk_id: number; current_score: number; reviewed_on: string }>`
        SELECT risk_id, current_score, reviewed_on FROM (
          SELECT risk_id, current_score, reviewed_on, row_number() OVER (PARTITION BY risk_id ORDER BY reviewed_on DESC, id DESC) AS n
          FROM reviews WHERE risk_id IN (${sql.join(ids)})
        ) WHERE n <= 2 ORDER BY risk_id, n`.execute(db),
      sql<{ risk_id: number; level_rank: number; expires_on: string }>`
        SELECT a.risk_id, a.level_rank, a.expires_on FROM risk_acceptances a
        WHERE a.risk_id IN (${sql.join(ids)}) AND a.id = (SELECT max(b.id) FROM risk_acceptances b WHERE b.risk_id = a.risk_id)`.execute(db),
      sql<{ risk_id: number; plans: number }>`
        SELECT pr.risk_id, count(DISTINCT pr.plan_id) AS plans FROM plan_risks pr
        JOIN plan_facts p ON p.plan_id = pr.plan_id AND p.retired = 0
        JOIN plan_test_facts t ON t.plan_id = pr.plan_id AND t.required = 1 AND t.next_due_on < ${today}
        WHERE pr.risk_id IN (${sql.join(ids)}) GROUP BY pr.risk_id`.execute(db),
      db.selectFrom('risk_proposals').where('from_risk_id', 'in', ids).where('kind', '=', 'escalation').where('status', '=', 'proposed')
        .select(['from_risk_id', (eb) => eb.fn.min('proposed_at').as('since')]).groupBy('from_risk_id').execute(),
      db.selectFrom('actions').where('risk_id', 'in', ids).where('status', '=', 'completed').select(['risk_id', 'completed_on']).execute(),
    ]);
    for (const a of actionRows) actions.set(a.risk_id, { open: Number(a.open), overdue: Number(a.overdue), noOwner: Number(a.no_owner), noDue: Number(a.no_due) });
    for (const v of reviewRows.rows) reviews.set(v.risk_id, [...(reviews.get(v.risk_id) ?? []), { score: v.current_score, on: v.reviewed_on }]);
    for (const a of acceptanceRows.rows) acceptances.set(a.risk_id, a);
    for (const p of planRows.rows) plansOverdue.set(p.risk_id, Number(p.plans));
    for (const w of waitingRows) waiting.set(w.from_risk_id, String(w.since));
    for (const c of completedRows) if (c.completed_on) completed.set(c.risk_id, [...(completed.get(c.risk_id) ?? []), c.completed_on]);
  }
  return { actions, reviews, acceptances, plansOverdue, waiting, completed };
}

/** The rules' input for each open risk in scope, with its reference and register. */
export async function riskFindingFacts(db: Db | Tx, scope: FindingScope, today: string) {
  const risks = await openRisksIn(db, scope, today);
  if (risks.length === 0) return [];
  const ids = risks.map((r) => r.id);
  const nodeIds = 'nodeIds' in scope ? scope.nodeIds : [...new Set(risks.map((r) => r.node_id))];
  const [facts, duplicates] = await Promise.all([factsOf(db, ids, today), duplicateCountsByRisk(db, nodeIds)]);
  return risks.map((risk) => {
    const actions = facts.actions.get(risk.id);
    const [last, previous] = facts.reviews.get(risk.id) ?? [];
    const acceptance = facts.acceptances.get(risk.id) ?? null;
    const input: RiskFindingFacts = {
      riskId: risk.id,
      nodeId: risk.node_id,
      ownerId: risk.owner_id,
      existingControls: risk.existing_controls,
      openActions: actions?.open ?? 0,
      overdueActions: actions?.overdue ?? 0,
      openActionsWithoutOwner: actions?.noOwner ?? 0,
      openActionsWithoutDueDate: actions?.noDue ?? 0,
      aboveAppetite: risk.above_appetite === 1,
      reviewOverdue: risk.review_overdue === 1,
      currentScore: risk.current_score,
      targetScore: risk.target_score,
      loweredWithoutCompletedAction: loweredWithoutCompletedAction({
        currentScore: risk.current_score,
        lastReview: last ?? null,
        previousReview: previous ?? null,
        completedActionDays: facts.completed.get(risk.id) ?? [],
      }),
      treatment: risk.treatment,
      acceptance: acceptanceStanding(acceptance, risk.current_level_rank, today),
      undecidedDuplicates: duplicates.get(risk.id) ?? 0,
      linkedPlansWithOverdueTest: facts.plansOverdue.get(risk.id) ?? 0,
      escalationWaitingSince: facts.waiting.get(risk.id)?.slice(0, 10) ?? null,
      today,
    };
    return { risk, input };
  });
}

/** Every finding on the open risks in scope, in register order (by reference), most severe first within a risk. */
export async function findingsIn(db: Db | Tx, scope: FindingScope, today: string): Promise<(Finding & { nodeId: number; registerId: number })[]> {
  const facts = await riskFindingFacts(db, scope, today);
  facts.sort((x, y) => x.risk.reference.localeCompare(y.risk.reference, 'en', { numeric: true }));
  return facts.flatMap(({ risk, input }) =>
    findingsOf(input).map((f) => ({ ...f, riskId: risk.id, reference: risk.reference, nodeId: risk.node_id, registerId: risk.register_id })));
}

/** The findings of one register's open risks: what a quarterly return's snapshot keeps. */
export async function findingsOfRegister(db: Db | Tx, registerId: number, today: string): Promise<Finding[]> {
  return (await findingsIn(db, { registerId }, today)).map(({ nodeId: _node, registerId: _register, ...finding }) => finding);
}

/** The findings of one risk (open or not: a closed risk has none). */
export async function findingsOfRisk(db: Db | Tx, risk: { id: number; status: string }, today: string): Promise<Finding[]> {
  if (risk.status !== 'open') return [];
  return findingsIn(db, { riskIds: [risk.id] }, today);
}

// Computed findings kept in memory per database handle until anything they depend on changes:
// triggers move the 'findings' change counter (migration 011) on every such change, so a page
// read between two changes costs one indexed row. Busy writing, they are simply recomputed.
const memory = new WeakMap<object, { version: number; entries: Map<string, unknown> }>();

async function remembered<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const row = await db.selectFrom('change_counters').select('version').where('name', '=', 'findings').executeTakeFirst();
  if (!row) return compute();
  let held = memory.get(db);
  if (!held || held.version !== row.version) {
    held = { version: row.version, entries: new Map() };
    memory.set(db, held);
  }
  if (held.entries.has(key)) return held.entries.get(key) as T;
  const value = await compute();
  held.entries.set(key, value);
  return value;
}

const scopeKey = (scope: FindingScope, today: string) =>
  `${today}:${'registerId' in scope ? `g${scope.registerId}` : 'riskIds' in scope ? `r${scope.riskIds.join(',')}` : scope.nodeIds === null ? 'all' : `n${[...scope.nodeIds].sort((a, b) => a - b).join(',')}`}`;

/** findingsIn, from memory while nothing they depend on has changed. For pages, never inside a transaction. */
export function currentFindings(db: Db, scope: FindingScope, today: string) {
  return remembered(db, scopeKey(scope, today), () => findingsIn(db, scope, today));
}
