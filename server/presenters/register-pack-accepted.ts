import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { AppError, notFound } from '../errors';
import { heatMap } from '../domain/matrix';
import { addQuarters, compareQuarters, formatQuarter, parseQuarterPath, quarterEnd, quarterOf, quarterStart, returnDeadline, type FyQuarter } from '../domain/quarters';
import { RETURN_STATE_LABELS, type ReturnStateName, type SnapshotRisk } from '../domain/returns';
import { OPEN_ACTION_STATUSES } from '../domain/vocabulary';
import { decidedProposals } from '../queries/dashboard';
import { loadTree } from '../queries/nodes';
import { acceptedSnapshots, quarterLevelsOfRisks, returnStatesOfRegisters, risksNewOrClosed } from '../queries/register-pack';
import { ACCEPTED_PACK_SECTIONS } from '../print/register-printer';
import { formatDate } from '../views/helpers/format-date';
import { TREND_QUARTERS, trendCharts } from './dashboard-page';
import { PACK_MARKING } from './register-pack';
import { parseSnapshot } from './return-pages';
import { DIRECTION_SYMBOLS, loadRiskRules } from './risk-rules';
import { compareReferences } from '../domain/reference-order';

// The register pack "as accepted" (`?quarter=2026-27Q2`, docs/dashboard-and-pack.md): every
// figure about the registers' risks comes from the snapshots of the quarter's accepted returns,
// so the committee reads what HQ accepted, not the register as it has moved on since. A
// register whose return was not accepted is listed in a section of its own and contributes
// nothing: it is never taken live instead. What no snapshot holds (the trend by quarter, the
// quarter's closures and escalations, the state of each return) is read live and says so.

/** At most this many cards, and lines in each list, as in the live pack. */
const MAX_CARDS = 200;
const MAX_LINES = 500;

/** The quarter asked for, or a 400 saying how quarters are written; a quarter not yet started has no return. */
export function acceptedQuarter(text: unknown, fyStartMonth: number, today: string): FyQuarter {
  if (typeof text !== 'string') throw new AppError(400, 'bad_quarter', 'Give one quarter to print the pack as accepted, like ?quarter=2026-27Q2.');
  const parsed = parseQuarterPath(text.trim(), fyStartMonth);
  if (!parsed.ok) throw new AppError(400, 'bad_quarter', `${parsed.message}. The pack as accepted is printed for one quarter whose returns HQ has accepted.`);
  if (compareQuarters(parsed.quarter, quarterOf(today, fyStartMonth)) > 0) {
    throw new AppError(400, 'bad_quarter', `${formatQuarter(parsed.quarter, fyStartMonth)} has not started yet, so no return for it has been accepted.`);
  }
  return parsed.quarter;
}

interface AcceptedRisk extends SnapshotRisk {
  registerCode: string;
  registerName: string;
}

const byScore = (a: AcceptedRisk, b: AcceptedRisk) =>
  b.current.score - a.current.score || b.current.likelihood - a.current.likelihood || a.registerCode.localeCompare(b.registerCode) || compareReferences(a.reference, b.reference);

export async function buildAcceptedRegisterPack(db: Db, clock: Clock, nodeId: number, quarterText: unknown, generatedBy: string) {
  const [tree, rules] = await Promise.all([loadTree(db), loadRiskRules(db, clock)]);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const { matrix, settings, today } = rules;
  const start = settings.fyStartMonth;
  const quarter = acceptedQuarter(quarterText, start, today);
  const subtree = tree.subtreeIds(nodeId);
  const nodeIds = subtree.length === tree.byId.size ? null : subtree;
  const qStart = quarterStart(quarter, start);
  const qEnd = quarterEnd(quarter, start);
  const label = formatQuarter(quarter, start);
  const highest = Math.max(...matrix.levels.map((l) => l.rank));

  const [stored, states, trend, closedRisks, proposals] = await Promise.all([
    acceptedSnapshots(db, nodeIds, quarter),
    returnStatesOfRegisters(db, nodeIds, quarter, returnDeadline(quarter, start, settings.returnDeadlineDays)),
    trendCharts(db, nodeIds, matrix, quarter, start),
    risksNewOrClosed(db, nodeIds, qStart, qEnd, 'closed', MAX_LINES),
    decidedProposals(db, nodeIds, qStart, qEnd),
  ]);

  const accepted = stored.map((row) => ({ row, snapshot: parseSnapshot(row.sha256, row.json) }));
  const risks: AcceptedRisk[] = accepted
    .flatMap(({ snapshot }) => snapshot.risks.map((risk) => ({ ...risk, registerCode: snapshot.register.code, registerName: snapshot.register.name })))
    .sort(byScore);
  const asAt = (on: string | null | undefined) => on !== null && on !== undefined && on < qEnd;
  const openActions = (risk: SnapshotRisk) => risk.actions.filter((a) => (OPEN_ACTION_STATUSES as readonly string[]).includes(a.status));

  // Summary from the snapshots: each rating as rated the day the return was submitted.
  const levelCounts = new Map<number, number>();
  for (const risk of risks) levelCounts.set(risk.current.level.rank, (levelCounts.get(risk.current.level.rank) ?? 0) + 1);
  const actionsLate = risks.flatMap((risk) => openActions(risk).filter((a) => asAt(a.dueOn)).map((a) => ({ ...a, reference: risk.reference })))
    .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || compareReferences(a.reference, b.reference));
  const notReviewed = risks.filter((risk) => risk.review === null);

  const cardRisks = risks.filter((risk) => risk.current.level.rank === highest || risk.aboveAppetite);
  const shownCards = cardRisks.slice(0, MAX_CARDS);
  const trendFrom = addQuarters(quarter, 1 - TREND_QUARTERS);
  const cardTrend = await quarterLevelsOfRisks(db, shownCards.map((r) => r.id), trendFrom);
  const quarters = Array.from({ length: TREND_QUARTERS }, (_, n) => addQuarters(trendFrom, n));
  const rating = (r: SnapshotRisk['current']) => ({ score: r.score, level: { rank: r.level.rank, name: r.level.name } });

  const findingCounts = new Map<string, number>();
  for (const { snapshot } of accepted) for (const f of snapshot.findings) findingCounts.set(f.label, (findingCounts.get(f.label) ?? 0) + 1);

  const acceptedIds = new Set(stored.map((r) => r.register_id));
  const stateLabel = (state: string) => RETURN_STATE_LABELS[state as ReturnStateName] ?? state;
  const registers = states.map((r) => ({
    ...r,
    stateLabel: stateLabel(r.state),
    accepted: acceptedIds.has(r.register_id),
    acceptedOn: r.accepted_at ? formatDate(r.accepted_at.slice(0, 10)) : null,
    submittedOn: r.submitted_at ? formatDate(r.submitted_at.slice(0, 10)) : null,
  }));

  return {
    marking: PACK_MARKING,
    levelColours: matrix.levels.map((l) => ({ rank: l.rank, colour: l.colour, textColour: l.textColour })),
    node: { id: node.id, name: node.name },
    quarterLabel: label,
    frameLabel: `${label} as accepted by HQ`,
    sections: ACCEPTED_PACK_SECTIONS,
    generatedOn: formatDate(today),
    generatedBy,
    filtered: false,
    asAccepted: {
      quarterLabel: label,
      returns: accepted.map(({ row, snapshot }) => ({
        code: snapshot.register.code,
        name: snapshot.register.name,
        nodeName: snapshot.register.nodeName,
        submittedOn: formatDate(snapshot.takenAt.slice(0, 10)),
        acceptedOn: formatDate(row.accepted_at.slice(0, 10)),
        acceptedBy: row.accepted_by_name,
        risks: snapshot.risks.length,
        sha256: row.sha256,
      })),
      notAccepted: registers.filter((r) => !r.accepted),
    },
    summary: {
      open: risks.length,
      aboveAppetite: risks.filter((r) => r.aboveAppetite).length,
      reviewsOverdue: notReviewed.length,
      actionsOverdue: actionsLate.length,
      levels: [...matrix.levels].reverse().map((level) => ({ rank: level.rank, name: level.name, count: levelCounts.get(level.rank) ?? 0 })),
      // No movement arrows: a snapshot holds no earlier score to compare with.
      heatMap: heatMap(matrix, risks.map((r) => r.current)).map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, up: 0, down: 0 })) })),
      impactLabels: matrix.impact,
      trend,
    },
    cards: shownCards.map((risk) => {
      const reviews = cardTrend.filter((t) => t.risk_id === risk.id);
      return {
        reference: risk.reference,
        title: risk.title,
        register_code: risk.registerCode,
        register_name: risk.registerName,
        category_name: risk.category,
        objective_title: risk.objective,
        owner_name: risk.owner,
        aboveAppetite: risk.aboveAppetite,
        inherent: rating(risk.inherent),
        current: rating(risk.current),
        target: rating(risk.target),
        last_reviewed_on: risk.review?.reviewedOn ?? null,
        controls: risk.controls,
        actions: openActions(risk).map((a) => ({ description: a.description, owner_name: a.owner, due_on: a.dueOn, late: asAt(a.dueOn) })),
        // The trend is the review history, read live: later quarters are not part of the return.
        trend: quarters.map((q) => {
          const review = reviews.find((r) => r.fy_year === q.fyYear && r.fy_quarter === q.quarter);
          return { label: formatQuarter(q, start), level: review?.level_name ?? null, rank: review?.level_rank ?? null, score: review?.current_score ?? null, direction: review ? DIRECTION_SYMBOLS[review.direction as keyof typeof DIRECTION_SYMBOLS]?.symbol ?? '' : '' };
        }),
      };
    }),
    moreCards: cardRisks.length > MAX_CARDS,
    changes: {
      newRisks: risks.filter((r) => r.identifiedOn >= qStart && r.identifiedOn <= qEnd).slice(0, MAX_LINES)
        .map((r) => ({ reference: r.reference, title: r.title, on: formatDate(r.identifiedOn), level: r.current.level.name })),
      closedRisks: closedRisks.map((r) => ({ ...r, on: formatDate(r.on), level: '' })),
      escalated: proposals.filter((p) => p.kind === 'escalation').map((p) => ({ ...p, on: formatDate(p.decided_at.slice(0, 10)) })),
      deEscalated: closedRisks.filter((r) => (r.closure_reason ?? '').startsWith('De-escalated to')).map((r) => ({ ...r, on: formatDate(r.on) })),
    },
    registerCount: risks.length,
    overdue: {
      reviews: notReviewed.slice(0, MAX_LINES).map((r) => ({ reference: r.reference, title: r.title, owner_name: r.owner, level: r.current.level.name, due: `identified ${formatDate(r.identifiedOn)}` })),
      reviewsMore: Math.max(0, notReviewed.length - MAX_LINES),
      actions: actionsLate.slice(0, MAX_LINES).map((a) => ({ reference: a.reference, description: a.description, owner_name: a.owner, due: a.dueOn ? formatDate(a.dueOn) : '' })),
      actionsMore: Math.max(0, actionsLate.length - MAX_LINES),
    },
    findings: {
      total: [...findingCounts.values()].reduce((sum, n) => sum + n, 0),
      rules: [...findingCounts].map(([ruleLabel, count]) => ({ label: ruleLabel, count })),
    },
    returns: {
      label,
      accepted: accepted.length,
      registers,
    },
    /** The register as accepted, worst first: the snapshots are in memory already, so a batch is a slice. */
    registerBatch: async (offset: number, limit: number) =>
      risks.slice(offset, offset + limit).map((risk) => {
        const actions = openActions(risk);
        return {
          reference: risk.reference,
          title: risk.title,
          above_appetite: risk.aboveAppetite,
          register_code: risk.registerCode,
          category_name: risk.category,
          owner_name: risk.owner,
          current_level_rank: risk.current.level.rank,
          current_score: risk.current.score,
          level: risk.current.level.name,
          target_score: risk.target.score,
          targetLevel: risk.target.level.name,
          direction: risk.review ? DIRECTION_SYMBOLS[risk.review.direction].symbol : '',
          reviewDue: risk.review ? `reviewed ${formatDate(risk.review.reviewedOn)}` : 'not reviewed',
          reviewLate: false,
          open_actions: actions.length,
          overdue_actions: actions.filter((a) => asAt(a.dueOn)).length,
        };
      }),
  };
}
