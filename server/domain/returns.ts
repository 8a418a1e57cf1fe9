import { createHash } from 'node:crypto';
import type { ActionStatus, Direction, Influence, RegisterKind, Treatment } from './vocabulary';

// The quarterly return (docs/quarterly-returns.md): its states, who moves it, the snapshot
// frozen at submission and how it compares with the register as it is now. Pure functions:
// the writes are in server/changes/return-changes.ts.

/** 'draft' is every quarter with no return row: nothing is stored until submission. */
export const RETURN_STATES = ['draft', 'submitted', 'challenged', 'responded', 'accepted'] as const;
export type ReturnStateName = (typeof RETURN_STATES)[number];

export const RETURN_STATE_LABELS: Record<ReturnStateName, string> = {
  draft: 'Not submitted',
  submitted: 'Submitted',
  challenged: 'Challenged',
  responded: 'Responded',
  accepted: 'Accepted',
};

/** GOV.UK tag colour of each state. */
export const RETURN_STATE_TAGS: Record<ReturnStateName, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  challenged: 'govuk-tag--orange',
  responded: 'govuk-tag--purple',
  accepted: 'govuk-tag--green',
};

export type ReturnMove = 'submit' | 'challenge' | 'answer' | 'accept';

/** Who may make each move, in the words the refusals use. */
export const WHO_MAY: Record<ReturnMove, string> = {
  submit: "Only a business manager of the register's part of the organisation submits its return",
  answer: "Only a business manager of the register's part of the organisation answers HQ's challenges",
  challenge: 'Only an HQ reviewer challenges a return',
  accept: 'Only an HQ reviewer accepts a return',
};

const ALLOWED_FROM: Record<ReturnMove, readonly ReturnStateName[]> = {
  submit: ['draft'],
  // Several challenges may be sent in one round, and a responded return challenged again.
  challenge: ['submitted', 'challenged', 'responded'],
  answer: ['challenged'],
  accept: ['submitted', 'responded'],
};

/** Why a move is refused in this state (a 409), or null when the state allows it. */
export function stateRefusal(move: ReturnMove, state: ReturnStateName, what: string): string | null {
  if (ALLOWED_FROM[move].includes(state)) return null;
  const now = `The ${what} return is ${state === 'draft' ? 'not submitted yet' : RETURN_STATE_LABELS[state].toLowerCase()}`;
  const reasons: Record<ReturnMove, string> = {
    submit: `${now}: it was submitted once and is frozen as evidence`,
    challenge: state === 'draft' ? `${now}: a return is challenged once it is submitted` : `${now}: an accepted return is not challenged again`,
    answer: `${now}: challenges are answered while the return is challenged`,
    accept:
      state === 'challenged'
        ? `${now}: it is accepted once every challenge has an answer`
        : state === 'draft'
          ? `${now}: a return is accepted once it is submitted`
          : `${now} already`,
  };
  return reasons[move];
}

/** JSON with every object's keys in sorted order, so the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface SnapshotLevel {
  rank: number;
  name: string;
  colour: string;
  textColour: string;
}

export interface SnapshotRating {
  likelihood: number;
  impact: number;
  score: number;
  level: SnapshotLevel;
}

export interface SnapshotAction {
  id: number;
  description: string;
  owner: string | null;
  dueOn: string | null;
  status: ActionStatus;
  completedOn: string | null;
}

export interface SnapshotReview {
  id: number;
  reviewedOn: string;
  reviewer: string | null;
  current: SnapshotRating;
  direction: Direction;
  commentary: string;
  mitigatingAction: string;
  furtherAction: string;
  stillValid: boolean;
}

export interface SnapshotRisk {
  id: number;
  reference: string;
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  /** The category's appetite as it stood: the highest acceptable level. */
  appetite: SnapshotLevel;
  aboveAppetite: boolean;
  objective: string | null;
  owner: string | null;
  manager: string | null;
  identifiedOn: string;
  treatment: Treatment;
  influence: Influence;
  inherent: SnapshotRating;
  current: SnapshotRating;
  target: SnapshotRating;
  controls: string[];
  actions: SnapshotAction[];
  /** The review recorded in the return's quarter; null only for a risk identified after the quarter ended. */
  review: SnapshotReview | null;
  version: number;
  updatedAt: string;
}

export interface SnapshotLink {
  id: number;
  kind: 'escalated' | 'contributes';
  fromRiskId: number;
  fromReference: string;
  fromTitle: string;
  toRiskId: number;
  toReference: string;
  toTitle: string;
  reason: string;
  createdAt: string;
}

export interface SnapshotFinding {
  code: string;
  severity: 'high' | 'medium' | 'low';
  label: string;
  reason: string;
  riskId: number;
  reference: string;
}

/** What a submission freezes: the register's open risks and everything said about them that day. */
export interface ReturnSnapshot {
  format: 1;
  register: { id: number; code: string; name: string; kind: RegisterKind; nodeId: number; nodeName: string };
  quarter: { fyYear: number; quarter: number; label: string; start: string; end: string; deadline: string };
  takenAt: string;
  submittedBy: string;
  risks: SnapshotRisk[];
  links: SnapshotLink[];
  findings: SnapshotFinding[];
}

/** Canonical bytes of a snapshot and their hash, as stored. */
export function sealSnapshot(snapshot: ReturnSnapshot): { json: string; sha256: string } {
  const json = canonicalJson(snapshot);
  return { json, sha256: sha256Hex(json) };
}

/** Every pair of level colours the snapshot's ratings use, for the stylesheet. */
export function snapshotColours(snapshot: ReturnSnapshot): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (const risk of snapshot.risks) {
    for (const level of [risk.inherent.level, risk.current.level, risk.target.level, risk.appetite, risk.review?.current.level]) {
      if (level) pairs.set(`${level.colour}|${level.textColour}`, [level.colour, level.textColour]);
    }
  }
  return [...pairs.values()];
}

/** The register now, as much of it as the comparison needs. */
export interface LiveRisk {
  id: number;
  reference: string;
  title: string;
  status: 'open' | 'closed';
  registerId: number;
  closedOn: string | null;
  currentScore: number;
  currentLevelName: string;
}

export interface LiveAction {
  id: number;
  riskId: number;
  status: ActionStatus;
  completedOn: string | null;
}

export interface ChangesSince {
  added: { id: number; reference: string; title: string }[];
  /** Closed since, or moved to another register. */
  closed: { id: number; reference: string; title: string; how: string }[];
  rescored: { id: number; reference: string; title: string; from: string; to: string; direction: 'up' | 'down' }[];
  actionsCompleted: { riskId: number; reference: string; description: string; completedOn: string | null }[];
  count: number;
}

/**
 * What changed in the register since the return was submitted: open risks added (or moved in),
 * risks of the snapshot closed or moved out, rescored, and their actions completed since.
 */
export function changesSince(snapshot: ReturnSnapshot, live: LiveRisk[], liveActions: LiveAction[]): ChangesSince {
  const liveById = new Map(live.map((r) => [r.id, r]));
  const inSnapshot = new Set(snapshot.risks.map((r) => r.id));
  const added = live.filter((r) => r.status === 'open' && r.registerId === snapshot.register.id && !inSnapshot.has(r.id)).map(({ id, reference, title }) => ({ id, reference, title }));
  const closed: ChangesSince['closed'] = [];
  const rescored: ChangesSince['rescored'] = [];
  for (const risk of snapshot.risks) {
    const now = liveById.get(risk.id);
    if (!now) continue;
    if (now.status === 'closed') closed.push({ id: risk.id, reference: risk.reference, title: risk.title, how: `closed${now.closedOn ? ` on ${now.closedOn}` : ''}` });
    else if (now.registerId !== snapshot.register.id) closed.push({ id: risk.id, reference: risk.reference, title: risk.title, how: 'moved to another register' });
    else if (now.currentScore !== risk.current.score) {
      rescored.push({
        id: risk.id, reference: risk.reference, title: risk.title,
        from: `${risk.current.level.name} ${risk.current.score}`, to: `${now.currentLevelName} ${now.currentScore}`,
        direction: now.currentScore > risk.current.score ? 'up' : 'down',
      });
    }
  }
  const actionsNow = new Map(liveActions.map((a) => [a.id, a]));
  const actionsCompleted: ChangesSince['actionsCompleted'] = [];
  for (const risk of snapshot.risks) {
    for (const action of risk.actions) {
      const now = actionsNow.get(action.id);
      if (action.status !== 'completed' && now?.status === 'completed') {
        actionsCompleted.push({ riskId: risk.id, reference: risk.reference, description: action.description, completedOn: now.completedOn });
      }
    }
  }
  return { added, closed, rescored, actionsCompleted, count: added.length + closed.length + rescored.length + actionsCompleted.length };
}
