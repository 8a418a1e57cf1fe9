import { z } from 'zod';
import type { Db } from '../../db/connection';
import { rememberedUntilChanged } from '../../db/counted-memory';
import { today, type Clock } from '../clock';
import { notFound } from '../errors';
import { REVIEW_DUE_STATE_LABELS, standingCalendar, TEST_STATE_LABELS, type ReviewDueState } from '../domain/exercise-due';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES } from '../domain/exercise-vocabulary';
import type { MissingSection } from '../domain/plan-content';
import { versionLabel } from '../domain/plans';
import { loadTree } from '../queries/nodes';
import { boardCounts, boardPage, rankToRag, testStatesOf } from '../queries/plan-facts';
import { pageLinks, pageNumber, PAGE_SIZE } from './pagination';
import { linkWith } from './query-string';
import { tagOf } from './plan-standing';

// The board's query: a state to show, and the page. A value that makes no sense is ignored.
export const boardQuerySchema = z.object({
  state: z.enum(['red', 'amber', 'green', 'none']).optional().catch(undefined),
  page: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

const REVIEW_STATE_OF_RANK: ReviewDueState[] = ['not_approved', 'on_track', 'due_soon', 'overdue'];

/**
 * The coordinator's board for a node: every plan at or below it, worst first, with each test
 * type's last and next date and state, the review, missing sections and open findings. Sorted
 * and paged in SQL over the stored facts; the counts cover every plan, not only the page.
 */
export async function buildPlanBoard(db: Db, clock: Clock, nodeId: number, query: BoardQuery = {}) {
  const tree = await loadTree(db);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const nodeIds = tree.subtreeIds(nodeId);
  const calendar = standingCalendar(today(clock));
  // Judging every test of every plan in scope took most of the organisation's board (300 plans):
  // kept in memory until anything it reads changes (the 'plans' counter, migration 016).
  const { counts, page, plans, tests } = await rememberedUntilChanged(db, 'plans', `board:${nodeId}:${query.state ?? ''}:${query.page ?? 1}:${calendar.today}:${calendar.soon}`, async () => {
    const counts = await boardCounts(db, calendar, nodeIds, query.state);
    const page = pageNumber(query.page, counts.shown);
    const plans = await boardPage(db, calendar, { nodeIds, state: query.state, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    return { counts, page, plans, tests: await testStatesOf(db, calendar, plans.map((p) => p.plan_id)) };
  });
  const rows = plans.map((p) => {
    const rag = rankToRag(p.rag_rank);
    const reviewRag = rankToRag(p.review_rank);
    const reviewState = REVIEW_STATE_OF_RANK[p.review_rank] ?? 'not_approved';
    const missing = JSON.parse(p.missing_sections) as MissingSection[];
    return {
      plan: { id: p.plan_id, ref: p.ref, title: p.title, node_id: p.node_id, draft_id: p.has_draft === 1 ? p.plan_id : null },
      versionLabel: versionLabel(p.approved_number, p.approved_number),
      approved: p.approved_number !== null,
      rag,
      tag: tagOf(rag),
      overdue: p.reds > 0,
      review: { state: reviewState, label: REVIEW_DUE_STATE_LABELS[reviewState], tag: tagOf(reviewRag), nextReviewOn: p.next_review_on },
      schedule: EXERCISE_TYPES.map((type) => {
        const t = tests.find((s) => s.plan_id === p.plan_id && s.type === type);
        const state = t?.state ?? 'not_required';
        return {
          type,
          label: EXERCISE_TYPE_LABELS[type],
          required: t?.required === 1,
          lastOn: t?.last_on ?? null,
          nextDueOn: t?.next_due_on ?? null,
          plannedOn: t?.planned_on ?? null,
          missedOn: t?.missed_on ?? null,
          state,
          stateLabel: TEST_STATE_LABELS[state],
          tag: tagOf(rankToRag(t?.rank ?? 0)),
        };
      }),
      // The plan's own node is named only when it is below the board's node.
      where: p.node_id === nodeId ? '' : p.node_name,
      missingCount: p.missing_count,
      missingTitles: missing.map((m) => `${m.number}. ${m.title}`).join(', '),
      openFindings: p.open_findings,
      overdueFindings: p.overdue_findings,
    };
  });
  const path = `/nodes/${nodeId}/plans/board`;
  const current = { state: query.state };
  const option = (value: string, text: string) => ({ value, text, selected: (query.state ?? '') === value });
  return {
    title: `Plans board: ${node.name}`,
    breadcrumbs: [...tree.path(nodeId).map((n) => ({ text: n.name, href: `/nodes/${n.id}` })), { text: 'Plans board' }],
    node,
    typeHeadings: EXERCISE_TYPES.map((t) => EXERCISE_TYPE_LABELS[t]),
    rows,
    counts,
    filtered: query.state !== undefined,
    stateOptions: [option('', 'Every plan'), option('red', 'Overdue'), option('amber', 'Due soon'), option('green', 'On track'), option('none', 'Nothing due (not approved)')],
    clearHref: path,
    pages: pageLinks(path, current, page, counts.shown),
    listHref: linkWith(path, {}, {}),
  };
}
