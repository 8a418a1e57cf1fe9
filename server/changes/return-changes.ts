import type { Tx } from '../../db/connection';
import { rate, type Matrix } from '../domain/matrix';
import { formatQuarter, quarterEnd, quarterStart, returnDeadline, type FyQuarter } from '../domain/quarters';
import { sealSnapshot, snapshotColours, stateRefusal, type ReturnMove, type ReturnSnapshot, type ReturnStateName, type SnapshotRating } from '../domain/returns';
import { formatDay } from '../domain/dates';
import type { Change } from '../queries/audit';
import { findingsOfRegister } from '../queries/quality-findings';
import { loadMatrix, loadSettings } from '../queries/reference';
import { findRegister } from '../queries/registers';
import {
  actionsOfOpenRisks,
  countOpenChallenges,
  findChallenge,
  findReturn,
  findSnapshot,
  insertAnswer,
  insertChallenge,
  insertReturn,
  insertReturnEvent,
  insertSnapshot,
  moveReturn,
  openRisksForSnapshot,
  quarterReviewsOfOpenRisks,
  type ReturnRow,
} from '../queries/returns';
import { linksOfRisks } from '../queries/risk-links';
import type { FormProblem } from '../forms/parse';

// The four moves of a quarterly return, each one transaction: submit (the snapshot is taken in
// the same transaction, so it is exactly the register that passed the checks), challenge,
// answer, accept. Every rule is checked against what the transaction reads, so two requests at
// once cannot both pass on stale facts; the database's UNIQUE constraints back the two that
// matter most (one return per quarter, one answer per challenge).

export type ReturnOutcome =
  | { kind: 'done'; returnId: number }
  /** Bad input, in the words of the form (400, the form kept). */
  | { kind: 'refused'; problems: FormProblem[] }
  /** The return is in a state that does not allow the move (409). */
  | { kind: 'wrong-state'; message: string }
  /** The form was opened on an earlier version of the return (409). */
  | { kind: 'stale'; message: string };

const quarterWords = (q: FyQuarter, startMonth: number) => formatQuarter(q, startMonth);

function atWords(at: string): string {
  return `${formatDay(at.slice(0, 10))} at ${at.slice(11, 16)}`;
}

async function stateOf(tx: Tx, registerId: number, q: FyQuarter): Promise<{ row: ReturnRow | undefined; state: ReturnStateName }> {
  const row = await findReturn(tx, registerId, q);
  return { row, state: row?.state ?? 'draft' };
}

function wrongState(move: ReturnMove, state: ReturnStateName, what: string): ReturnOutcome | null {
  const message = stateRefusal(move, state, what);
  return message ? { kind: 'wrong-state', message } : null;
}

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/.test(String(error));

/**
 * Submits a register's return for a quarter: refused, listing each risk, while any open risk
 * identified by the quarter's end has no review in it; refused for a quarter not yet started.
 * Stores the return, its first event and the snapshot, all or nothing.
 */
export async function submitReturn(tx: Tx, change: Change, registerId: number, q: FyQuarter, today: string): Promise<ReturnOutcome> {
  const [register, settings, matrix] = await Promise.all([findRegister(tx, registerId), loadSettings(tx), loadMatrix(tx)]);
  if (!register) return { kind: 'refused', problems: [['quarter', 'That register was not found']] };
  const label = quarterWords(q, settings.fyStartMonth);
  const what = `${label} ${register.code}`;
  if (quarterStart(q, settings.fyStartMonth) > today) {
    return { kind: 'refused', problems: [['quarter', `${label} has not started yet: a return is submitted once its quarter has started, and normally after it ends`]] };
  }
  const existing = await findReturn(tx, registerId, q);
  if (existing) return alreadySubmitted(existing, what);
  if (register.closed_on !== null) return { kind: 'wrong-state', message: `${register.name} was closed on ${formatDay(register.closed_on)}: a closed register makes no new return` };

  const end = quarterEnd(q, settings.fyStartMonth);
  const [risks, actions, reviews] = await Promise.all([openRisksForSnapshot(tx, registerId), actionsOfOpenRisks(tx, registerId), quarterReviewsOfOpenRisks(tx, registerId, q)]);
  const reviewOf = new Map(reviews.map((v) => [v.risk_id, v]));
  // A risk identified after the quarter ended could not have been reviewed in it.
  const unreviewed = risks.filter((r) => !reviewOf.has(r.id) && r.identified_on <= end);
  if (unreviewed.length > 0) {
    return {
      kind: 'refused',
      // One problem per risk, each linked from the error summary to its line in the list.
      problems: unreviewed.map((r): FormProblem => [`risk-${r.id}`, `${r.reference} ${r.title} has no review in ${label}: record its review first`]),
    };
  }

  let returnId: number;
  try {
    returnId = await insertReturn(tx, change, registerId, q);
  } catch (error) {
    // Submitted meanwhile from another connection: the constraint decided, and says by whom.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findReturn(tx, registerId, q);
    if (!winner) throw error;
    return alreadySubmitted(winner, what);
  }
  await insertReturnEvent(tx, change, returnId, 'submitted', `${risks.length === 1 ? '1 open risk' : `${risks.length} open risks`} submitted`);

  const rated = (likelihood: number, impact: number): SnapshotRating => {
    const rating = rate(matrix, likelihood, impact);
    return { likelihood, impact, score: rating.score, level: { ...rating.level } };
  };
  const actionsOf = new Map<number, typeof actions>();
  for (const action of actions) actionsOf.set(action.risk_id, [...(actionsOf.get(action.risk_id) ?? []), action]);
  const [links, findings] = await Promise.all([linksOfRisks(tx, risks.map((r) => r.id)), findingsOfRegister(tx, registerId, today)]);
  const snapshot: ReturnSnapshot = {
    format: 1,
    register: { id: register.id, code: register.code, name: register.name, kind: register.kind, nodeId: register.node_id, nodeName: register.node_name },
    quarter: { fyYear: q.fyYear, quarter: q.quarter, label, start: quarterStart(q, settings.fyStartMonth), end, deadline: returnDeadline(q, settings.fyStartMonth, settings.returnDeadlineDays) },
    takenAt: change.at,
    submittedBy: change.actor.name,
    risks: risks.map((r) => {
      const review = reviewOf.get(r.id);
      const current = rated(r.current_likelihood, r.current_impact);
      const appetite = levelByRank(matrix, r.appetite_rank);
      return {
        id: r.id,
        reference: r.reference,
        title: r.title,
        cause: r.cause,
        event: r.event,
        effect: r.effect,
        category: r.category_name,
        appetite,
        aboveAppetite: current.level.rank > r.appetite_rank,
        objective: r.objective_title,
        owner: r.owner_name,
        manager: r.manager_name,
        identifiedOn: r.identified_on,
        treatment: r.treatment,
        influence: r.influence,
        inherent: rated(r.inherent_likelihood, r.inherent_impact),
        current,
        target: rated(r.target_likelihood, r.target_impact),
        controls: r.existing_controls.split('\n').map((c) => c.trim()).filter((c) => c !== ''),
        actions: (actionsOf.get(r.id) ?? []).map((a) => ({ id: a.id, description: a.description, owner: a.owner_name, dueOn: a.due_on, status: a.status, completedOn: a.completed_on })),
        review: review
          ? {
              id: review.id,
              reviewedOn: review.reviewed_on,
              reviewer: review.reviewer_name,
              // As the review recorded it: its level as rated that day.
              current: {
                likelihood: review.current_likelihood,
                impact: review.current_impact,
                score: review.current_score,
                level: review.level_rank !== null && review.level_name !== null && review.level_colour !== null && review.level_text_colour !== null
                  ? { rank: review.level_rank, name: review.level_name, colour: review.level_colour, textColour: review.level_text_colour }
                  : rated(review.current_likelihood, review.current_impact).level,
              },
              direction: review.direction,
              commentary: review.commentary,
              mitigatingAction: review.mitigating_action,
              furtherAction: review.further_action,
              stillValid: review.still_valid === 1,
            }
          : null,
        version: r.version,
        updatedAt: r.updated_at,
      };
    }),
    links: links.map((l) => ({ ...l })),
    findings: findings.map(({ code, severity, label: findingLabel, reason, riskId, reference }) => ({ code, severity, label: findingLabel, reason, riskId, reference })),
  };
  await insertSnapshot(tx, returnId, change.at, sealSnapshot(snapshot), snapshotColours(snapshot), { findings: snapshot.findings.length, risks: snapshot.risks.length });
  return { kind: 'done', returnId };
}

function levelByRank(matrix: Matrix, rank: number) {
  const level = matrix.levels.find((l) => l.rank === rank) ?? matrix.levels[matrix.levels.length - 1];
  if (!level) throw new Error('The risk matrix has no levels');
  return { ...level };
}

function alreadySubmitted(existing: ReturnRow, what: string): ReturnOutcome {
  return { kind: 'wrong-state', message: `The ${what} return was already submitted by ${existing.submitted_by_name} on ${atWords(existing.submitted_at)}: it is ${existing.state} now` };
}

function staleOutcome(row: ReturnRow, what: string): ReturnOutcome {
  return { kind: 'stale', message: `The ${what} return changed since this page was opened (it is ${row.state} now). Check the page as it stands and try again.` };
}

/** What a challenge is about, as the form's `about` field gives it: 'return', 'risk:ID' or 'finding:CODE:RISKID'. */
export type ChallengeAbout = { target: 'return' } | { target: 'risk'; riskId: number } | { target: 'finding'; code: string; riskId: number };

export function parseAbout(value: string): ChallengeAbout | null {
  if (value === 'return') return { target: 'return' };
  const risk = /^risk:(\d{1,9})$/.exec(value);
  if (risk) return { target: 'risk', riskId: Number(risk[1]) };
  const finding = /^finding:([a-z0-9_-]{1,40}):(\d{1,9})$/.exec(value);
  if (finding) return { target: 'finding', code: finding[1] as string, riskId: Number(finding[2]) };
  return null;
}

/** HQ's challenge: against the whole return, a risk of the snapshot, or a finding of it. */
export async function challengeReturn(tx: Tx, change: Change, registerId: number, q: FyQuarter, version: number, about: ChallengeAbout, text: string): Promise<ReturnOutcome> {
  const settings = await loadSettings(tx);
  const { row, state } = await stateOf(tx, registerId, q);
  const what = quarterWords(q, settings.fyStartMonth);
  const refusal = wrongState('challenge', state, what);
  if (refusal || !row) return refusal ?? { kind: 'wrong-state', message: '' };
  if (row.version !== version) return staleOutcome(row, what);
  const snapshot = JSON.parse((await findSnapshot(tx, row.id))?.json ?? '{"risks":[],"findings":[]}') as Pick<ReturnSnapshot, 'risks' | 'findings'>;
  let riskId: number | null = null;
  let riskReference: string | null = null;
  let findingCode: string | null = null;
  let subject = 'the whole return';
  if (about.target !== 'return') {
    const risk = snapshot.risks.find((r) => r.id === about.riskId);
    const finding = about.target === 'finding' ? snapshot.findings.find((f) => f.code === about.code && f.riskId === about.riskId) : undefined;
    if (!risk || (about.target === 'finding' && !finding)) return { kind: 'refused', problems: [['about', 'Select what the challenge is about from the list: the whole return, a risk or a finding of the return as submitted']] };
    riskId = risk.id;
    riskReference = risk.reference;
    findingCode = finding?.code ?? null;
    subject = finding ? `the finding "${finding.label}" on ${risk.reference}` : risk.reference;
  }
  await insertChallenge(tx, change, row.id, { target: about.target, riskId, riskReference, findingCode, text });
  if (!(await moveReturn(tx, row.id, version, 'challenged'))) return staleOutcome(row, what);
  await insertReturnEvent(tx, change, row.id, 'challenged', `On ${subject}: ${text}`);
  return { kind: 'done', returnId: row.id };
}

/**
 * The business manager's answer to one challenge, optionally naming a risk whose change since
 * answers it. The return is responded once no challenge is left without an answer.
 */
export async function answerChallenge(tx: Tx, change: Change, registerId: number, q: FyQuarter, version: number, challengeId: number, text: string, riskId: number | null): Promise<ReturnOutcome> {
  const settings = await loadSettings(tx);
  const { row, state } = await stateOf(tx, registerId, q);
  const what = quarterWords(q, settings.fyStartMonth);
  if (!row) return wrongState('answer', state, what) ?? { kind: 'wrong-state', message: '' };
  const challenge = await findChallenge(tx, challengeId);
  if (!challenge || challenge.return_id !== row.id) return { kind: 'refused', problems: [['answer_text', 'That challenge is not one of this return\'s: answer a challenge from the list below']] };
  if (challenge.answer_id !== null) {
    return { kind: 'refused', problems: [['answer_text', `This challenge was already answered by ${challenge.answered_by_name ?? 'someone'} on ${atWords(challenge.answered_at ?? '')}: a challenge has one answer. Send HQ anything further through them.`]] };
  }
  const refusal = wrongState('answer', state, what);
  if (refusal) return refusal;
  if (row.version !== version) return staleOutcome(row, what);
  if (riskId !== null) {
    const risk = await tx.selectFrom('risks').select(['id', 'register_id']).where('id', '=', riskId).executeTakeFirst();
    const snapshot = JSON.parse((await findSnapshot(tx, row.id))?.json ?? '{"risks":[]}') as Pick<ReturnSnapshot, 'risks'>;
    if (!risk || (risk.register_id !== registerId && !snapshot.risks.some((r) => r.id === riskId))) {
      return { kind: 'refused', problems: [['answer_risk_id', 'Select a risk of this register from the list, or none']] };
    }
  }
  try {
    await insertAnswer(tx, change, challengeId, text, riskId);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { kind: 'refused', problems: [['answer_text', 'This challenge was answered meanwhile: a challenge has one answer']] };
  }
  const open = await countOpenChallenges(tx, row.id);
  if (!(await moveReturn(tx, row.id, version, open === 0 ? 'responded' : 'challenged'))) return staleOutcome(row, what);
  const reference = challenge.risk_reference ? ` on ${challenge.risk_reference}` : '';
  await insertReturnEvent(tx, change, row.id, 'responded', `Answer to the challenge${reference}: ${text}${open > 0 ? ` (${open === 1 ? '1 challenge' : `${open} challenges`} still to answer)` : ''}`);
  return { kind: 'done', returnId: row.id };
}

/** HQ accepts the return: only once every challenge has an answer. */
export async function acceptReturn(tx: Tx, change: Change, registerId: number, q: FyQuarter, version: number, note: string): Promise<ReturnOutcome> {
  const settings = await loadSettings(tx);
  const { row, state } = await stateOf(tx, registerId, q);
  const what = quarterWords(q, settings.fyStartMonth);
  const refusal = wrongState('accept', state, what);
  if (refusal || !row) return refusal ?? { kind: 'wrong-state', message: '' };
  if (row.version !== version) return staleOutcome(row, what);
  const open = await countOpenChallenges(tx, row.id);
  if (open > 0) return { kind: 'wrong-state', message: `The ${what} return has ${open === 1 ? '1 challenge' : `${open} challenges`} without an answer: it is accepted once every challenge has one` };
  if (!(await moveReturn(tx, row.id, version, 'accepted', change))) return staleOutcome(row, what);
  await insertReturnEvent(tx, change, row.id, 'accepted', note);
  return { kind: 'done', returnId: row.id };
}
