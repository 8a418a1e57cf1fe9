import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { notFound } from '../errors';
import { heatMap } from '../domain/matrix';
import { buildTree } from '../domain/tree';
import {
  REGISTER_KIND_LABELS,
  REGISTER_KINDS,
  REVIEW_STATE_LABELS,
  REVIEW_STATES,
  type ReviewState,
} from '../domain/vocabulary';
import { listNodes, listRegistersOfNode } from '../queries/nodes';
import { listCategories } from '../queries/reference';
import { listRiskSummaries, type RiskSummaryRow } from '../queries/risks';
import { linkWith } from './query-string';
import { DIRECTION_SYMBOLS, judgeRisk, loadRiskRules, type RiskJudgement } from './risk-rules';

// Filters come from links and a GET form; a value that makes no sense is ignored, not an error.
const positiveId = z.coerce.number().int().positive();
const scale = z.coerce.number().int().min(1).max(5);
export const registerQuerySchema = z.object({
  scope: z.enum(['own', 'all']).catch('own'),
  category: positiveId.optional().catch(undefined),
  kind: z.enum(REGISTER_KINDS).optional().catch(undefined),
  owner: z.union([z.literal('none'), positiveId]).optional().catch(undefined),
  level: z.coerce.number().int().positive().optional().catch(undefined),
  review: z.enum(REVIEW_STATES).optional().catch(undefined),
  l: scale.optional().catch(undefined),
  i: scale.optional().catch(undefined),
  status: z.enum(['open', 'closed', 'all']).catch('open'),
  sort: z.enum(['score', 'reference', 'title', 'owner', 'review']).catch('score'),
});
export type RegisterQuery = z.output<typeof registerQuerySchema>;

type ListedRisk = RiskSummaryRow & RiskJudgement & { directionSymbol: string; directionLabel: string };

const REVIEW_ORDER: Record<ReviewState, number> = { overdue: 0, due: 1, not_due: 2, reviewed: 3, closed: 4 };

const sorters: Record<RegisterQuery['sort'], (a: ListedRisk, b: ListedRisk) => number> = {
  score: (a, b) => b.current.score - a.current.score || b.current.likelihood - a.current.likelihood || a.reference.localeCompare(b.reference),
  reference: (a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true }),
  title: (a, b) => a.title.localeCompare(b.title),
  owner: (a, b) => (a.owner_name ?? '~').localeCompare(b.owner_name ?? '~') || b.current.score - a.current.score,
  review: (a, b) => REVIEW_ORDER[a.reviewState] - REVIEW_ORDER[b.reviewState] || (a.reviewDueOn ?? '').localeCompare(b.reviewDueOn ?? ''),
};

function matchesFilters(risk: ListedRisk, q: RegisterQuery, withCell: boolean): boolean {
  if (q.status !== 'all' && risk.status !== q.status) return false;
  if (q.category !== undefined && risk.category_id !== q.category) return false;
  if (q.kind !== undefined && risk.register_kind !== q.kind) return false;
  if (q.owner === 'none' && risk.owner_id !== null) return false;
  if (typeof q.owner === 'number' && risk.owner_id !== q.owner) return false;
  if (q.level !== undefined && risk.current.level.rank !== q.level) return false;
  if (q.review !== undefined && risk.reviewState !== q.review) return false;
  if (withCell && q.l !== undefined && risk.current.likelihood !== q.l) return false;
  if (withCell && q.i !== undefined && risk.current.impact !== q.i) return false;
  return true;
}

/**
 * The register of a node: its own risks or, with scope=all, every descendant's too. A fixed
 * number of queries whatever the number of risks: filtering, judging and sorting happen here.
 */
export async function buildRegisterPage(db: Db, clock: Clock, nodeId: number, query: RegisterQuery) {
  const [nodes, rules, categories, ownRegisters] = await Promise.all([
    listNodes(db),
    loadRiskRules(db, clock),
    listCategories(db),
    listRegistersOfNode(db, nodeId),
  ]);
  const tree = buildTree(nodes);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const nodeIds = query.scope === 'all' ? tree.subtreeIds(nodeId) : [nodeId];
  const rows = await listRiskSummaries(db, { nodeIds, today: rules.today });

  const risks: ListedRisk[] = rows.map((row) => {
    const direction = row.last_direction ? DIRECTION_SYMBOLS[row.last_direction] : null;
    return {
      ...row,
      ...judgeRisk(row, row.last_reviewed_on, rules),
      directionSymbol: direction?.symbol ?? '',
      directionLabel: direction?.label ?? 'Not reviewed',
    };
  });
  const openRisks = risks.filter((r) => r.status === 'open');
  const beforeCell = risks.filter((r) => matchesFilters(r, query, false));
  const listed = beforeCell.filter((r) => matchesFilters(r, query, true)).sort(sorters[query.sort]);

  const path = `/nodes/${nodeId}`;
  const current: Record<string, string | number | undefined> = { ...query, scope: query.scope === 'own' ? undefined : query.scope };
  if (query.status === 'open') current.status = undefined;
  if (query.sort === 'score') current.sort = undefined;

  const grid = heatMap(rules.matrix, beforeCell.filter((r) => r.status === 'open').map((r) => r.current)).map((row) => ({
    ...row,
    cells: row.cells.map((cell) => ({
      ...cell,
      selected: cell.likelihood === query.l && cell.impact === query.i,
      href: linkWith(path, current, { l: cell.likelihood, i: cell.impact }),
    })),
  }));

  const owners = new Map<number, string>();
  for (const r of risks) if (r.owner_id !== null && r.owner_name) owners.set(r.owner_id, r.owner_name);
  const option = (value: string | number, text: string, selected: unknown) => ({ value: String(value), text, selected: String(selected) === String(value) });

  return {
    title: `${node.name}: risk register`,
    node,
    breadcrumbs: tree.path(nodeId).map((n) => ({ text: n.name, href: n.id === nodeId ? undefined : `/nodes/${n.id}` })),
    // Retired children drop out of sight here; their registers stay readable from the admin tree.
    children: tree.children(nodeId).filter((c) => c.retired_on === null).map((c) => ({ name: c.name, href: `/nodes/${c.id}` })),
    registers: ownRegisters.map((g) => ({ ...g, kindLabel: REGISTER_KIND_LABELS[g.kind] })),
    includesDescendants: query.scope === 'all',
    hasDescendants: tree.children(nodeId).length > 0,
    scopeLinks: {
      own: linkWith(path, current, { scope: undefined }),
      all: linkWith(path, current, { scope: 'all' }),
    },
    quarter: {
      label: rules.currentQuarterLabel,
      reviewed: openRisks.filter((r) => r.reviewState === 'reviewed').length,
      open: openRisks.length,
      overdue: openRisks.filter((r) => r.reviewState === 'overdue').length,
      overdueHref: linkWith(path, { scope: current.scope }, { review: 'overdue' }),
    },
    heatMap: grid,
    impactLabels: rules.matrix.impact,
    cellFilter: query.l !== undefined && query.i !== undefined
      ? { likelihood: query.l, impact: query.i, clearHref: linkWith(path, current, { l: undefined, i: undefined }) }
      : null,
    risks: listed,
    total: risks.length,
    query,
    sortLinks: Object.fromEntries(Object.keys(sorters).map((key) => [key, linkWith(path, current, { sort: key === 'score' ? undefined : key })])),
    filterOptions: {
      categories: [option('', 'All categories', query.category ?? ''), ...categories.map((c) => option(c.id, c.name, query.category))],
      kinds: [option('', 'All kinds', query.kind ?? ''), ...REGISTER_KINDS.map((k) => option(k, REGISTER_KIND_LABELS[k], query.kind))],
      owners: [
        option('', 'All owners', query.owner ?? ''),
        option('none', 'No owner', query.owner),
        ...[...owners].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => option(id, name, query.owner)),
      ],
      levels: [option('', 'All levels', query.level ?? ''), ...rules.matrix.levels.map((l) => option(l.rank, l.name, query.level))],
      reviews: [option('', 'Any review state', query.review ?? ''), ...REVIEW_STATES.filter((s) => s !== 'closed').map((s) => option(s, REVIEW_STATE_LABELS[s], query.review))],
      statuses: [option('open', 'Open', query.status), option('closed', 'Closed', query.status), option('all', 'Open and closed', query.status)],
    },
    hiddenFilters: { scope: query.scope === 'all' ? 'all' : undefined, sort: query.sort === 'score' ? undefined : query.sort, l: query.l, i: query.i },
    clearFiltersHref: linkWith(path, { scope: current.scope }, {}),
  };
}
