import { z } from 'zod';
import type { Db } from '../../db/connection';
import { rememberedUntilChanged } from '../../db/counted-memory';
import { AppError, notFound } from '../errors';
import { formatDay } from '../domain/dates';
import {
  addQuarters,
  compareQuarters,
  daysBetween,
  formatQuarter,
  parseQuarterPath,
  quarterEnd,
  quarterOf,
  quarterPath,
  quarterStart,
  returnDeadline,
  type FyQuarter,
} from '../domain/quarters';
import {
  changesSince,
  RETURN_STATE_LABELS,
  RETURN_STATE_TAGS,
  RETURN_STATES,
  stateRefusal,
  type ReturnSnapshot,
  type ReturnStateName,
  type SnapshotRisk,
} from '../domain/returns';
import { ACTION_STATUS_LABELS, REGISTER_KIND_LABELS } from '../domain/vocabulary';
import type { FormErrors } from '../forms/parse';
import { loadTree } from '../queries/nodes';
import { loadSettings, type Settings } from '../queries/reference';
import { listOpenRegistersOfNodes, type RegisterRow } from '../queries/registers';
import { roleAllows, type Grant } from '../domain/roles';
import {
  findReturn,
  findSnapshot,
  findSnapshotHead,
  listChallenges,
  listReturnEvents,
  listReturnsOfRegister,
  liveRisksSince,
  pageOfReturns,
  returnStateCounts,
  returnsOfRegisters,
  type ReturnRow,
} from '../queries/returns';
import { pageLinks, pageNumber, PAGE_SIZE } from './pagination';
import { linkWith } from './query-string';
import { RecentlyUsed } from '../../db/recently-used';

// The pages of the quarterly return: a register's returns by quarter, one return as submitted
// (the snapshot, its timeline, challenges and answers, and what changed since), and HQ's table
// of every register's return below a node.

export type May = Partial<Record<'read' | 'manage_risks' | 'review' | 'manage_registers' | 'administer' | 'manage_plans', boolean>>;

/** A quarter named in a path: a malformed one is a page that does not exist, said plainly. */
export function quarterFromPath(value: unknown, settings: Settings): FyQuarter {
  const parsed = parseQuarterPath(typeof value === 'string' ? value : '', settings.fyStartMonth);
  if (!parsed.ok) throw new AppError(404, 'not_found', `${parsed.message}. Check the address, or choose the quarter from the register's returns.`);
  return parsed.quarter;
}

function stateView(state: ReturnStateName) {
  return { state, stateLabel: RETURN_STATE_LABELS[state], stateTag: RETURN_STATE_TAGS[state] };
}

/** "due in 10 days", "due today", "12 days late" against a deadline. */
export function dueWords(deadline: string, today: string): string {
  const days = daysBetween(today, deadline);
  if (days > 1) return `due in ${days} days`;
  if (days === 1) return 'due tomorrow';
  if (days === 0) return 'due today';
  return `${-days === 1 ? '1 day' : `${-days} days`} late`;
}

const dayOf = (at: string | null) => (at ? formatDay(at.slice(0, 10)) : '');

// A register's returns by quarter

/** The quarters a register's page lists: the current one and the three before it, and any other with a return. */
function listedQuarters(current: FyQuarter, stored: FyQuarter[]): FyQuarter[] {
  const all = [0, -1, -2, -3].map((n) => addQuarters(current, n));
  for (const q of stored) if (!all.some((a) => compareQuarters(a, q) === 0)) all.push(q);
  return all.sort((a, b) => compareQuarters(b, a));
}

export interface SubmitRefusal {
  quarter: FyQuarter;
  errors: FormErrors;
}

export async function buildRegisterReturnsPage(db: Db, today: string, register: RegisterRow, may: May, refusal?: SubmitRefusal) {
  const settings = await loadSettings(db);
  const start = settings.fyStartMonth;
  const current = quarterOf(today, start);
  const returns = await listReturnsOfRegister(db, register.id);
  const byKey = new Map(returns.map((r) => [`${r.fy_year}-${r.fy_quarter}`, r]));
  const quarters = listedQuarters(current, returns.map((r) => ({ fyYear: r.fy_year, quarter: r.fy_quarter })));
  const rows = quarters.map((q) => {
    const row = byKey.get(`${q.fyYear}-${q.quarter}`);
    const deadline = returnDeadline(q, start, settings.returnDeadlineDays);
    const state: ReturnStateName = row?.state ?? 'draft';
    const submittedOn = row?.submitted_at.slice(0, 10);
    const late = submittedOn ? daysBetween(deadline, submittedOn) : null;
    const path = quarterPath(q, start);
    // A return is submitted for the current quarter or the one just ended; older drafts are past saving.
    const submittable = !row && compareQuarters(q, addQuarters(current, -1)) >= 0 && register.closed_on === null;
    const refused = refusal && compareQuarters(refusal.quarter, q) === 0 ? refusal.errors : undefined;
    return {
      label: formatQuarter(q, start),
      path,
      href: `/registers/${register.id}/returns/${path}`,
      ...stateView(state),
      submitted: row !== undefined,
      submittedOn: dayOf(row?.submitted_at ?? null),
      submittedBy: row?.submitted_by_name ?? '',
      acceptedOn: dayOf(row?.accepted_at ?? null),
      deadline: formatDay(deadline),
      timing: row ? (late !== null && late > 0 ? `${late === 1 ? '1 day' : `${late} days`} late` : 'on time') : state === 'draft' && compareQuarters(q, current) <= 0 ? dueWords(deadline, today) : '',
      overdue: !row && today > deadline,
      openChallenges: row ? Number(row.open_challenges) : 0,
      findings: row?.findings_count ?? 0,
      risks: row?.risks_count ?? 0,
      submittable: submittable && may.manage_risks === true,
      problems: refused ? refused.summary.map((p) => ({ id: p.field, message: p.message, href: p.field.startsWith('risk-') ? `/risks/${p.field.slice(5)}/reviews/new` : null })) : [],
    };
  });
  return {
    title: `Quarterly returns: ${register.name}`,
    register,
    kindLabel: REGISTER_KIND_LABELS[register.kind],
    deadlineDays: settings.returnDeadlineDays,
    rows,
    errors: refusal?.errors,
    breadcrumbs: [{ text: register.node_name, href: `/nodes/${register.node_id}` }, { text: 'Registers', href: `/nodes/${register.node_id}/registers` }, { text: 'Quarterly returns' }],
  };
}

// One return as submitted

/** Snapshots never change (the database refuses it), so a parsed one is kept by its hash, the least recently read going first. */
const parsedSnapshots = new RecentlyUsed<string, ReturnSnapshot>(20);

export function parseSnapshot(sha256: string, json: string): ReturnSnapshot {
  return parsedSnapshots.get(sha256) ?? holdSnapshot(sha256, JSON.parse(json) as ReturnSnapshot);
}

function holdSnapshot(sha256: string, snapshot: ReturnSnapshot): ReturnSnapshot {
  parsedSnapshots.set(sha256, snapshot);
  return snapshot;
}

/** The size of each snapshot's text, in bytes, kept with it parsed. */
const snapshotSizes = new WeakMap<ReturnSnapshot, number>();

/**
 * A return's snapshot, parsed, with its hash, time and size. Its text is read only when it is not
 * held parsed: reading 1.5 MB from the database on every view was most of the page's SQL.
 */
async function storedSnapshot(db: Db, returnId: number) {
  const head = await findSnapshotHead(db, returnId);
  if (!head) throw new Error(`return ${returnId} has no snapshot`);
  const held = parsedSnapshots.get(head.sha256);
  const bytes = held && snapshotSizes.get(held);
  if (held && bytes !== undefined) return { ...head, snapshot: held, bytes };
  const json = (await findSnapshot(db, returnId))?.json ?? '';
  const snapshot = parseSnapshot(head.sha256, json);
  snapshotSizes.set(snapshot, Buffer.byteLength(json, 'utf8'));
  return { ...head, snapshot, bytes: Buffer.byteLength(json, 'utf8') };
}

/** Each risk of a return is shown whole (about 4 KiB of HTML, most of the rendering time), so a page holds a quarter of a register table's hundred. */
const RISKS_PER_PAGE = 25;

export const returnPageQuerySchema = z.object({
  page: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  about: z.string().max(60).optional().catch(undefined),
});

/** What a refused or stale form on the return page brings back: its values, errors, and (answers) which challenge. */
export interface ReturnPageForms {
  status?: number;
  values?: Record<string, string>;
  errors?: FormErrors;
  /** A 409: the move was refused in the state the return is in, or the form was stale. */
  conflict?: string;
  /** Which form the values belong to. */
  form?: 'challenge' | 'answer' | 'accept';
}

function riskView(risk: SnapshotRisk, findings: ReturnSnapshot['findings'] = []) {
  return {
    ...risk,
    controlsCount: risk.controls.length,
    actions: risk.actions.map((a) => ({ ...a, statusLabel: ACTION_STATUS_LABELS[a.status], dueOnText: formatDay(a.dueOn), completedOnText: formatDay(a.completedOn) })),
    openActions: risk.actions.filter((a) => a.status === 'not_started' || a.status === 'in_progress').length,
    findings,
    reviewedOnText: risk.review ? formatDay(risk.review.reviewedOn) : '',
  };
}

export async function buildReturnPage(db: Db, today: string, register: RegisterRow, q: FyQuarter, may: May, query: z.output<typeof returnPageQuerySchema>, forms: ReturnPageForms = {}) {
  const settings = await loadSettings(db);
  const start = settings.fyStartMonth;
  const label = formatQuarter(q, start);
  if (quarterStart(q, start) > today) throw new AppError(404, 'not_found', `${label} has not started yet, so it has no return. Choose a quarter from the register's returns.`);
  const row = await findReturn(db, register.id, q);
  const deadline = returnDeadline(q, start, settings.returnDeadlineDays);
  const base = {
    title: `${label} return: ${register.name}`,
    register,
    label,
    path: quarterPath(q, start),
    action: `/registers/${register.id}/returns/${quarterPath(q, start)}`,
    deadline: formatDay(deadline),
    breadcrumbs: [
      { text: register.node_name, href: `/nodes/${register.node_id}` },
      { text: 'Quarterly returns', href: `/registers/${register.id}/returns` },
      { text: label },
    ],
    conflict: forms.conflict,
    errors: forms.errors,
  };
  if (!row) {
    return { ...base, ...stateView('draft'), submitted: false, timing: dueWords(deadline, today), quarterEnded: quarterEnd(q, start) < today };
  }
  return { ...base, ...(await submittedReturn(db, register, row, q, may, query, forms, settings, today)) };
}

/**
 * What changed in the register since the snapshot, kept in memory until a risk, its facts or an
 * action changes (each moves the 'findings' counter): the live rows of 600 risks and their
 * 1,800 actions were read and compared on every view of the return.
 */
function changesSinceSubmitted(db: Db, registerId: number, sha256: string, snapshot: ReturnSnapshot) {
  return rememberedUntilChanged(db, 'findings', `return-changes:${registerId}:${sha256}`, async () => {
    const live = await liveRisksSince(db, registerId, snapshot.risks.map((r) => r.id));
    return changesSince(
      snapshot,
      live.risks.map((r) => ({ id: r.id, reference: r.reference, title: r.title, status: r.status, registerId: r.register_id, closedOn: r.closed_on, currentScore: r.current_score, currentLevelName: r.level_name })),
      live.actions.map((a) => ({ id: a.id, riskId: a.risk_id, status: a.status, completedOn: a.completed_on })),
    );
  });
}

async function submittedReturn(db: Db, register: RegisterRow, row: ReturnRow, q: FyQuarter, may: May, query: z.output<typeof returnPageQuerySchema>, forms: ReturnPageForms, settings: Settings, today: string) {
  const stored = await storedSnapshot(db, row.id);
  const snapshot = stored.snapshot;
  const [events, challenges, changes] = await Promise.all([
    listReturnEvents(db, row.id),
    listChallenges(db, row.id),
    changesSinceSubmitted(db, register.id, stored.sha256, snapshot),
  ]);

  const page = pageNumber(query.page, snapshot.risks.length, RISKS_PER_PAGE);
  const pageRisks = snapshot.risks.slice((page - 1) * RISKS_PER_PAGE, page * RISKS_PER_PAGE);
  // The snapshot's findings by risk, found once rather than searched for each risk of the page.
  const onPage = new Set(pageRisks.map((r) => r.id));
  const findingsOf = new Map<number, ReturnSnapshot['findings'][number][]>();
  for (const f of snapshot.findings) {
    if (!onPage.has(f.riskId)) continue;
    const list = findingsOf.get(f.riskId);
    if (list) list.push(f);
    else findingsOf.set(f.riskId, [f]);
  }
  const path = `/registers/${register.id}/returns/${quarterPath(q, settings.fyStartMonth)}`;
  const values = forms.values ?? {};
  const version = String(row.version);

  // The challenge form lists what is on this page (and what was chosen), so it stays small at 600 risks.
  const chosen = forms.form === 'challenge' ? values.about : query.about;
  const aboutOptions = [
    { value: 'return', text: 'The whole return' },
    ...pageRisks.map((r) => ({ value: `risk:${r.id}`, text: `${r.reference} ${r.title}` })),
    ...snapshot.findings.filter((f) => onPage.has(f.riskId)).map((f) => ({ value: `finding:${f.code}:${f.riskId}`, text: `Finding on ${f.reference}: ${f.label}` })),
  ];
  if (chosen && !aboutOptions.some((o) => o.value === chosen)) {
    const [kind, a, b] = chosen.split(':');
    const risk = snapshot.risks.find((r) => r.id === Number(kind === 'risk' ? a : b));
    const finding = kind === 'finding' ? snapshot.findings.find((f) => f.code === a && f.riskId === Number(b)) : undefined;
    if (risk) aboutOptions.push({ value: chosen, text: finding ? `Finding on ${risk.reference}: ${finding.label}` : `${risk.reference} ${risk.title}` });
  }

  // An answer may point at a risk changed since: those of "changed since submission" and the challenged risk.
  const changedRisks = new Map<number, string>();
  for (const r of [...changes.added, ...changes.closed, ...changes.rescored]) changedRisks.set(r.id, `${r.reference} ${r.title}`);
  for (const a of changes.actionsCompleted) if (!changedRisks.has(a.riskId)) changedRisks.set(a.riskId, `${a.reference} (action completed)`);

  const state = row.state;
  const mayAnswer = may.manage_risks === true && stateRefusal('answer', state, '') === null;
  const challengeItems = challenges.map((c, index) => {
    const failing = forms.form === 'answer' && values.challenge_id === String(c.id);
    const riskChoices = new Map(changedRisks);
    if (c.risk_id !== null && !riskChoices.has(c.risk_id)) riskChoices.set(c.risk_id, `${c.risk_reference ?? ''} (the risk challenged)`);
    const selectedRisk = failing ? values.answer_risk_id : '';
    return {
      ...c,
      number: index + 1,
      about: c.target === 'return' ? 'The whole return' : c.target === 'finding' ? `Finding "${findingLabel(snapshot, c.finding_code)}" on ${c.risk_reference ?? ''}` : c.risk_reference,
      createdOn: `${dayOf(c.created_at)} at ${c.created_at.slice(11, 16)}`,
      answeredOn: c.answered_at ? `${dayOf(c.answered_at)} at ${c.answered_at.slice(11, 16)}` : '',
      answered: c.answer_id !== null,
      answerForm: mayAnswer && c.answer_id === null
        ? {
            textId: failing ? 'answer_text' : `answer_text-${c.id}`,
            riskId: failing ? 'answer_risk_id' : `answer_risk_id-${c.id}`,
            text: failing ? values.answer_text : '',
            textError: failing ? forms.errors?.fields.answer_text : undefined,
            riskError: failing ? forms.errors?.fields.answer_risk_id : undefined,
            risks: [{ value: '', text: 'None', selected: !selectedRisk }, ...[...riskChoices].map(([id, text]) => ({ value: String(id), text, selected: String(id) === selectedRisk }))],
          }
        : null,
    };
  });
  const openChallenges = challengeItems.filter((c) => !c.answered).length;
  const submittedOn = row.submitted_at.slice(0, 10);
  const deadline = returnDeadline(q, settings.fyStartMonth, settings.returnDeadlineDays);
  const late = daysBetween(deadline, submittedOn);

  return {
    ...stateView(state),
    submitted: true,
    version,
    sha256: stored.sha256,
    takenAt: `${dayOf(stored.taken_at)} at ${stored.taken_at.slice(11, 16)} UTC`,
    snapshotBytes: stored.bytes,
    submittedBy: row.submitted_by_name,
    submittedOn: dayOf(row.submitted_at),
    timing: late > 0 ? `${late === 1 ? '1 day' : `${late} days`} after the deadline` : 'by the deadline',
    acceptedOn: dayOf(row.accepted_at),
    acceptedBy: row.accepted_by_name,
    riskCount: snapshot.risks.length,
    findingCount: snapshot.findings.length,
    findingCounts: countBy(snapshot.findings.map((f) => f.label)),
    links: snapshot.links,
    risks: pageRisks.map((r) => riskView(r, findingsOf.get(r.id))),
    page,
    pages: pageLinks(path, {}, page, snapshot.risks.length, RISKS_PER_PAGE),
    showing: snapshot.risks.length > RISKS_PER_PAGE ? { from: (page - 1) * RISKS_PER_PAGE + 1, to: Math.min(page * RISKS_PER_PAGE, snapshot.risks.length), total: snapshot.risks.length } : null,
    events: events.map((e) => ({ ...e, kindLabel: EVENT_LABELS[e.kind], on: `${dayOf(e.at)} at ${e.at.slice(11, 16)}` })),
    challenges: challengeItems,
    openChallenges,
    changes,
    mayChallenge: may.review === true && stateRefusal('challenge', state, '') === null,
    mayAccept: may.review === true && stateRefusal('accept', state, '') === null && openChallenges === 0,
    challengeForm: {
      about: aboutOptions.map((o) => ({ ...o, selected: o.value === (chosen ?? 'return') })),
      text: forms.form === 'challenge' ? values.challenge_text : '',
    },
    acceptForm: { note: forms.form === 'accept' ? values.note : '' },
    today,
  };
}

const EVENT_LABELS: Record<string, string> = { submitted: 'Submitted', challenged: 'Challenged', responded: 'Answered', accepted: 'Accepted' };

function findingLabel(snapshot: ReturnSnapshot, code: string | null): string {
  return snapshot.findings.find((f) => f.code === code)?.label ?? code ?? '';
}

function countBy(labels: string[]): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

// HQ's table of returns

export const returnsTableQuerySchema = z.object({
  quarter: z.string().max(20).optional().catch(undefined),
  state: z.enum(RETURN_STATES).optional().catch(undefined),
  page: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
});

export async function buildReturnsTablePage(db: Db, today: string, nodeId: number, query: z.output<typeof returnsTableQuerySchema>) {
  const [tree, settings] = await Promise.all([loadTree(db), loadSettings(db)]);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const start = settings.fyStartMonth;
  const current = quarterOf(today, start);
  // Returns are made after a quarter ends: the table opens on the quarter just ended.
  let quarter = addQuarters(current, -1);
  let quarterProblem: string | undefined;
  if (query.quarter) {
    const parsed = parseQuarterPath(query.quarter, start);
    if (!parsed.ok) quarterProblem = parsed.message;
    else if (compareQuarters(parsed.quarter, current) > 0) quarterProblem = `${formatQuarter(parsed.quarter, start)} has not started yet: choose a quarter from the list`;
    else quarter = parsed.quarter;
  }
  const deadline = returnDeadline(quarter, start, settings.returnDeadlineDays);
  const filter = { nodeIds: tree.subtreeIds(nodeId), quarter, state: query.state, deadline, today };
  const counts = await returnStateCounts(db, filter);
  const total = query.state ? counts[query.state] : Object.values(counts).reduce((a, b) => a + b, 0);
  const page = pageNumber(query.page, total);
  const rows = await pageOfReturns(db, filter, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const path = `/nodes/${nodeId}/returns`;
  const qPath = quarterPath(quarter, start);
  const current_ = { quarter: qPath, state: query.state };
  const quarterOptions = [0, -1, -2, -3, -4, -5, -6, -7].map((n) => addQuarters(current, n)).map((q) => ({ value: quarterPath(q, start), text: formatQuarter(q, start), selected: compareQuarters(q, quarter) === 0 }));
  return {
    title: `Quarterly returns: ${node.name}`,
    node,
    label: formatQuarter(quarter, start),
    quarterPath: qPath,
    deadline: formatDay(deadline),
    quarterOptions,
    quarterProblem,
    errors: quarterProblem ? { summary: [{ field: 'quarter', message: quarterProblem, href: '#quarter' }], fields: { quarter: quarterProblem }, parts: {} } : undefined,
    typedQuarter: query.quarter ?? '',
    states: RETURN_STATES.map((s) => ({ value: s, label: RETURN_STATE_LABELS[s], count: counts[s], href: linkWith(path, current_, { state: s, page: undefined }), current: query.state === s })),
    allHref: linkWith(path, current_, { state: undefined, page: undefined }),
    stateFilter: query.state,
    total,
    rows: rows.map((r) => {
      const notSubmittedYet = r.state === 'draft' && today <= deadline;
      return {
        ...r,
        ...stateView(r.state),
        href: `/registers/${r.register_id}/returns/${qPath}`,
        submittedOn: dayOf(r.submitted_at),
        acceptedOn: dayOf(r.accepted_at),
        late: notSubmittedYet ? 0 : Math.max(0, Number(r.days_late)),
        lateText: notSubmittedYet ? dueWords(deadline, today) : Number(r.days_late) > 0 ? `${r.days_late}` : 'on time',
        openChallenges: Number(r.open_challenges),
        openRisks: Number(r.open_risks),
      };
    }),
    pages: pageLinks(path, current_, page, total),
    breadcrumbs: [{ text: node.name, href: `/nodes/${nodeId}` }, { text: 'Quarterly returns' }],
  };
}

// The home page's lines for a business manager

/**
 * One line per register of the nodes where the person manages risks: a challenged return to
 * answer first, then the quarter just ended if its return is not in, then the current quarter's.
 */
export async function buildReturnLines(db: Db, today: string, grants: readonly Grant[]) {
  const nodeIds = [...new Set(grants.filter((g) => roleAllows(g.role, 'manage_risks') && g.node_id !== null).map((g) => g.node_id as number))];
  if (nodeIds.length === 0) return [];
  const settings = await loadSettings(db);
  const start = settings.fyStartMonth;
  const current = quarterOf(today, start);
  const previous = addQuarters(current, -1);
  const registers = await listOpenRegistersOfNodes(db, nodeIds);
  const returns = await returnsOfRegisters(db, registers.map((r) => r.id), [previous, current]);
  const find = (registerId: number, q: FyQuarter) => returns.find((r) => r.register_id === registerId && r.fy_year === q.fyYear && r.fy_quarter === q.quarter);
  const lines = [];
  for (const register of registers) {
    const line = (q: FyQuarter, words: string, urgent: boolean) => ({
      text: `${formatQuarter(q, start)} return for ${register.code}: ${words}`,
      href: `/registers/${register.id}/returns/${quarterPath(q, start)}`,
      register: register.name,
      urgent,
    });
    const challenged = [previous, current].map((q) => ({ q, row: find(register.id, q) })).find(({ row }) => row?.state === 'challenged');
    if (challenged?.row) {
      const n = Number(challenged.row.open_challenges);
      lines.push(line(challenged.q, `challenged: ${n === 1 ? '1 challenge' : `${n} challenges`} to answer`, true));
    } else if (!find(register.id, previous)) {
      const deadline = returnDeadline(previous, start, settings.returnDeadlineDays);
      lines.push(line(previous, dueWords(deadline, today), today > deadline));
    } else if (!find(register.id, current)) {
      lines.push(line(current, dueWords(returnDeadline(current, start, settings.returnDeadlineDays), today), false));
    }
  }
  return lines;
}
