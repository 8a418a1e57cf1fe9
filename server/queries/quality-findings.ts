import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { rememberedUntilChanged } from '../../db/counted-memory';
import { acceptanceStanding } from '../domain/acceptance';
import { findingsOf, loweredWithoutCompletedAction, type FindingSeverity, type RiskFindingFacts } from '../domain/quality-rules';
import { OPEN_ACTION_STATUSES } from '../domain/vocabulary';
import { duplicateCountsByRisk } from './duplicates';
import { compareReferences } from '../domain/reference-order';

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
      // The latest two reviews, each found through the (risk, day) index: cheaper than ranking every review.
      ...([0, 1] as const).flatMap((n) => [
        sql<number | null>`(SELECT v.current_score FROM reviews v WHERE v.risk_id = r.id ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1 OFFSET ${sql.lit(n)})`.as(`review${n}_score`),
        sql<string | null>`(SELECT v.reviewed_on FROM reviews v WHERE v.risk_id = r.id ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1 OFFSET ${sql.lit(n)})`.as(`review${n}_on`),
      ]),
    ]);
  if ('registerId' in scope) query = query.where('r.register_id', '=', scope.registerId);
  else if ('riskIds' in scope) query = query.where('r.id', 'in', inList(scope.riskIds));
  else if (scope.nodeIds !== null) query = query.where('f.node_id', 'in', inList(scope.nodeIds));
  return query.execute();
}

/**
 * Every other fact the rules need, keyed by risk id: for these risks, or (null) for every risk,
 * which reads each table once without a list of ids.
 */
async function factsOf(db: Db | Tx, riskIds: number[] | null, today: string) {
  const actions = new Map<number, { open: number; overdue: number; noOwner: number; noDue: number }>();
  const acceptances = new Map<number, { level_rank: number; expires_on: string }>();
  const plansOverdue = new Map<number, number>();
  const waiting = new Map<number, string>();
  const completed = new Map<number, string[]>();
  // SQLite takes at most 32,766 parameters: a long list goes in slices.
  const slices = riskIds === null ? [null] : Array.from({ length: Math.ceil(riskIds.length / 10000) }, (_, i) => riskIds.slice(i * 10000, (i + 1) * 10000));
  for (const ids of slices) {
    const among = (column: string) => (ids === null ? sql`1` : sql`${sql.ref(column)} IN (${sql.join(ids)})`);
    const [actionRows, acceptanceRows, planRows, waitingRows, completedRows] = await Promise.all([
      sql<{ risk_id: number; open: number; overdue: number; no_owner: number; no_due: number }>`
        SELECT risk_id, count(*) AS open, sum(due_on < ${today}) AS overdue, sum(owner_id IS NULL) AS no_owner, sum(due_on IS NULL) AS no_due
        FROM actions WHERE ${among('risk_id')} AND status IN (${sql.join(OPEN_ACTION_STATUSES)}) GROUP BY risk_id`.execute(db),
      sql<{ risk_id: number; level_rank: number; expires_on: string }>`
        SELECT a.risk_id, a.level_rank, a.expires_on FROM risk_acceptances a
        WHERE ${among('a.risk_id')} AND a.id = (SELECT max(b.id) FROM risk_acceptances b WHERE b.risk_id = a.risk_id)`.execute(db),
      sql<{ risk_id: number; plans: number }>`
        SELECT pr.risk_id, count(DISTINCT pr.plan_id) AS plans FROM plan_risks pr
        JOIN plan_facts p ON p.plan_id = pr.plan_id AND p.retired = 0
        JOIN plan_test_facts t ON t.plan_id = pr.plan_id AND t.required = 1 AND t.next_due_on < ${today}
        WHERE ${among('pr.risk_id')} GROUP BY pr.risk_id`.execute(db),
      sql<{ from_risk_id: number; since: string }>`
        SELECT from_risk_id, min(proposed_at) AS since FROM risk_proposals
        WHERE ${among('from_risk_id')} AND kind = 'escalation' AND status = 'proposed' GROUP BY from_risk_id`.execute(db),
      sql<{ risk_id: number; completed_on: string | null }>`SELECT risk_id, completed_on FROM actions WHERE ${among('risk_id')} AND status = 'completed'`.execute(db),
    ]);
    for (const a of actionRows.rows) actions.set(a.risk_id, { open: Number(a.open), overdue: Number(a.overdue), noOwner: Number(a.no_owner), noDue: Number(a.no_due) });
    for (const a of acceptanceRows.rows) acceptances.set(a.risk_id, a);
    for (const p of planRows.rows) plansOverdue.set(p.risk_id, Number(p.plans));
    for (const w of waitingRows.rows) waiting.set(w.from_risk_id, String(w.since));
    for (const c of completedRows.rows) if (c.completed_on) completed.set(c.risk_id, [...(completed.get(c.risk_id) ?? []), c.completed_on]);
  }
  return { actions, acceptances, plansOverdue, waiting, completed };
}

/** The rules' input for each open risk in scope, with its reference and register. */
export async function riskFindingFacts(db: Db | Tx, scope: FindingScope, today: string) {
  const risks = await openRisksIn(db, scope, today);
  if (risks.length === 0) return [];
  const everyRisk = 'nodeIds' in scope && scope.nodeIds === null;
  const [facts, duplicates] = await Promise.all([factsOf(db, everyRisk ? null : risks.map((r) => r.id), today), duplicateCountsByRisk(db, null)]);
  return risks.map((risk) => {
    const actions = facts.actions.get(risk.id);
    const last = risk.review0_score === null || risk.review0_on === null ? null : { score: risk.review0_score, on: risk.review0_on };
    const previous = risk.review1_score === null || risk.review1_on === null ? null : { score: risk.review1_score, on: risk.review1_on };
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
        lastReview: last,
        previousReview: previous,
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
  facts.sort((x, y) => compareReferences(x.risk.reference, y.risk.reference));
  return facts.flatMap(({ risk, input }) =>
    findingsOf(input).map((f) => ({ ...f, riskId: risk.id, reference: risk.reference, nodeId: risk.node_id, registerId: risk.register_id })));
}

/** The findings of one register's open risks: what a quarterly return's snapshot keeps. */
export async function findingsOfRegister(db: Db | Tx, registerId: number, today: string): Promise<Finding[]> {
  return (await findingsIn(db, { registerId }, today)).map(({ nodeId: _node, registerId: _register, ...finding }) => finding);
}


const scopeKey = (scope: FindingScope, today: string) =>
  `${today}:${'registerId' in scope ? `g${scope.registerId}` : 'riskIds' in scope ? `r${scope.riskIds.join(',')}` : scope.nodeIds === null ? 'all' : `n${[...scope.nodeIds].sort((a, b) => a - b).join(',')}`}`;

/**
 * findingsIn, kept in memory until anything a rule reads changes (db/counted-memory.ts): a page
 * read between two changes costs one indexed row.
 */
export function currentFindings(db: Db, scope: FindingScope, today: string) {
  return rememberedUntilChanged(db, 'findings', scopeKey(scope, today), () => findingsIn(db, scope, today));
}

export interface FindingTallies {
  /** Findings per risk id. */
  perRisk: ReadonlyMap<number, number>;
  /** Findings, and of them likely duplicates, per node id. */
  perNode: ReadonlyMap<number, { findings: number; likelyDuplicates: number }>;
  /** Findings per rule code. */
  perCode: ReadonlyMap<string, number>;
  /** Risks with at least one finding. */
  risks: number;
}

// Tallies are pure functions of a list of findings; the list currentFindings keeps is the same
// object until its counter moves, so tallying it once per list (not once per page view: the
// organisation's 13,000 findings were a quarter of its register page and of the home page) is
// always right, and the tallies go when the list does.
const tallied = new WeakMap<readonly Finding[], FindingTallies>();

/** The findings counted per risk, node and rule, worked out once per list of findings. */
export function findingTallies(findings: readonly (Finding & { nodeId: number })[]): FindingTallies {
  let tallies = tallied.get(findings);
  if (tallies) return tallies;
  const perRisk = new Map<number, number>();
  const perNode = new Map<number, { findings: number; likelyDuplicates: number }>();
  const perCode = new Map<string, number>();
  for (const f of findings) {
    perRisk.set(f.riskId, (perRisk.get(f.riskId) ?? 0) + 1);
    perCode.set(f.code, (perCode.get(f.code) ?? 0) + 1);
    let node = perNode.get(f.nodeId);
    if (!node) perNode.set(f.nodeId, (node = { findings: 0, likelyDuplicates: 0 }));
    node.findings += 1;
    if (f.code === 'likely-duplicate') node.likelyDuplicates += 1;
  }
  tallies = { perRisk, perNode, perCode, risks: perRisk.size };
  tallied.set(findings, tallies);
  return tallies;
}
