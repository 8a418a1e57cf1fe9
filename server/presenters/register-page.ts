import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { notFound } from '../errors';
import { heatMap, levelInitials, levelOf } from '../domain/matrix';
import { reviewCalendar } from '../domain/reviews';
import {
  REGISTER_KIND_LABELS,
  REGISTER_KINDS,
  REVIEW_STATE_LABELS,
  REVIEW_STATES,
  type ReviewState,
} from '../domain/vocabulary';
import { listRegistersOfNode, loadTree } from '../queries/nodes';
import { listCategories } from '../queries/reference';
import { currentFilterCounts, currentOwnersInScope, currentRegisterCounts, pageOfRisks, type RiskFilter } from '../queries/risk-facts';
import { pageLinks, pageNumber, PAGE_SIZE } from './pagination';
import { currentFindings, findingTallies, FINDING_CODES, FINDING_LABELS, FINDING_RULES, type Finding, type FindingTallies } from '../queries/quality-findings';
import { waitingProposalsOfNodes } from '../queries/risk-links';
import { escalationSuggestionsOf } from './joined-pages';
import { linkWith } from './query-string';
import { formatDate } from '../views/helpers/format-date';
import { DIRECTION_SYMBOLS, loadRiskRules } from './risk-rules';
import { pageTitle } from './page-title';

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
  group: z.enum(['category', 'register', 'owner']).optional().catch(undefined),
  page: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  finding: z.string().refine((code) => FINDING_CODES.includes(code)).optional().catch(undefined),
  // Filters the dashboard links to (docs/dashboard-and-pack.md).
  basis: z.enum(['inherent', 'target']).optional().catch(undefined),
  objective: z.union([z.literal('none'), positiveId]).optional().catch(undefined),
  appetite: z.literal('above').optional().catch(undefined),
  actions: z.literal('overdue').optional().catch(undefined),
  moved: z.enum(['up', 'down', 'new']).optional().catch(undefined),
});
export type RegisterQuery = z.output<typeof registerQuerySchema>;

const REVIEW_TAGS: Record<ReviewState, { colour: string; text: string; when: string | null }> = {
  overdue: { colour: 'red', text: 'Overdue', when: 'due' },
  due: { colour: 'yellow', text: 'Due', when: 'by' },
  reviewed: { colour: 'green', text: 'Reviewed', when: null },
  not_due: { colour: 'blue', text: 'Not yet due', when: 'by' },
  closed: { colour: 'grey', text: 'Closed', when: null },
};

/** The review column of a row, worked out here rather than by a partial of four comparisons on each of 100 rows (as risk/review-state draws it). */
function reviewTag(state: ReviewState, dueOn: string | null) {
  const tag = REVIEW_TAGS[state];
  return { colour: tag.colour, text: tag.text, when: tag.when && dueOn ? `${tag.when} ${formatDate(dueOn)}` : null };
}

/** The owner filter lists at most this many owners (those with most risks), so the page does not grow with the organisation. */
const OWNER_OPTIONS = 150;

const SORTS = ['score', 'reference', 'title', 'owner', 'review'] as const;

/** The risks a register query keeps: the page, its exports and its links share it. `findings` are those of the scope, for the finding filter. */
function riskFilterOf(query: RegisterQuery, nodeIds: number[] | null, findings: readonly Finding[]): RiskFilter {
  const riskIds = query.finding === undefined ? undefined : [...new Set(findings.filter((f) => f.code === query.finding).map((f) => f.riskId))];
  return {
    nodeIds, status: query.status, category: query.category, kind: query.kind, owner: query.owner, level: query.level, review: query.review, l: query.l, i: query.i, riskIds,
    basis: query.basis, objective: query.objective, aboveAppetite: query.appetite === 'above', actionsOverdue: query.actions === 'overdue', moved: query.moved,
  };
}

/**
 * What an export of the register page needs: the same query, parsed by the same schema, gives
 * the same risks in the same order, every one of them rather than a page.
 */
export async function registerExportScope(db: Db, clock: Clock, nodeId: number, query: RegisterQuery) {
  const [tree, rules] = await Promise.all([loadTree(db), loadRiskRules(db, clock)]);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const subtree = query.scope === 'all' ? tree.subtreeIds(nodeId) : [nodeId];
  const nodeIds = subtree.length === tree.byId.size ? null : subtree;
  const findings = query.finding === undefined ? [] : await currentFindings(db, { nodeIds }, rules.today);
  return { node, rules, filter: riskFilterOf(query, nodeIds, findings), calendar: reviewCalendar(rules.today, rules.settings.fyStartMonth) };
}

/** The register page's query as a query string, for links that keep its filters (exports), without its page. */
export function registerQueryString(query: RegisterQuery): string {
  const current: Record<string, string | number | undefined> = { ...query, scope: query.scope === 'own' ? undefined : query.scope, page: undefined };
  if (query.status === 'open') current.status = undefined;
  if (query.sort === 'score') current.sort = undefined;
  return linkWith('', current, {});
}

/**
 * The register of a node: its own risks or, with scope=all, every descendant's too. Filtered,
 * sorted and paged in SQL over the stored facts (100 a page); the heat map and the counts cover
 * the whole filter, so a page costs the same for 600 risks as for 12,000.
 */
export async function buildRegisterPage(db: Db, clock: Clock, nodeId: number, query: RegisterQuery, mayManage = false) {
  const [tree, rules, categories, ownRegisters] = await Promise.all([
    loadTree(db),
    loadRiskRules(db, clock),
    listCategories(db),
    listRegistersOfNode(db, nodeId),
  ]);
  const node = tree.byId.get(nodeId);
  if (!node) throw notFound('That part of the organisation');
  const subtree = query.scope === 'all' ? tree.subtreeIds(nodeId) : [nodeId];
  // Every node in the tree: no filter by node at all, so the whole organisation's register reads an index in order.
  const nodeIds = subtree.length === tree.byId.size ? null : subtree;
  const calendar = reviewCalendar(rules.today, rules.settings.fyStartMonth);
  const findings = await currentFindings(db, { nodeIds }, rules.today);
  const filter = riskFilterOf(query, nodeIds, findings);
  const [{ matching, cells }, counts, owners, joined] = await Promise.all([
    currentFilterCounts(db, filter, calendar),
    currentRegisterCounts(db, nodeIds, calendar),
    currentOwnersInScope(db, nodeIds, OWNER_OPTIONS),
    mayManage ? managersSections(db, nodeId) : undefined,
  ]);
  const tallies = findingTallies(findings);
  const page = pageNumber(query.page, matching);
  const rows = await pageOfRisks(db, filter, query.sort, calendar, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, query.group);
  // A group's heading goes above its first row on the page (again on a later page, "continued").
  const groupOf = (row: (typeof rows)[number]) =>
    query.group === 'category' ? row.category_name : query.group === 'register' ? `${row.register_name} (${row.register_code})` : query.group === 'owner' ? (row.owner_name ?? 'No owner') : '';

  const risks = rows.map((row, index) => {
    const group = groupOf(row);
    const previous = index > 0 ? groupOf(rows[index - 1] as (typeof rows)[number]) : null;
    const groupHeading = query.group && group !== previous ? (index === 0 && page > 1 ? `${group} (continued)` : group) : undefined;
    const direction = row.last_direction ? DIRECTION_SYMBOLS[row.last_direction] : null;
    return {
      ...row,
      reference: row.reference,
      groupHeading,
      current: { likelihood: row.current_likelihood, impact: row.current_impact, score: row.current_score, level: levelOf(rules.matrix, row.current_level_rank) },
      target: { likelihood: row.target_likelihood, impact: row.target_impact, score: row.target_score, level: levelOf(rules.matrix, row.target_level_rank) },
      aboveAppetite: row.above_appetite === 1,
      reviewState: row.review_state,
      reviewStateLabel: REVIEW_STATE_LABELS[row.review_state],
      reviewDueOn: row.review_due_on,
      review: reviewTag(row.review_state, row.review_due_on),
      directionSymbol: direction?.symbol ?? '',
      directionLabel: direction?.label ?? 'Not reviewed',
      findingCount: tallies.perRisk.get(row.id) ?? 0,
    };
  });

  const path = `/nodes/${nodeId}`;
  const current: Record<string, string | number | undefined> = { ...query, scope: query.scope === 'own' ? undefined : query.scope, page: undefined };
  if (query.status === 'open') current.status = undefined;
  if (query.sort === 'score') current.sort = undefined;

  const grid = heatMap(rules.matrix, cells.map((c) => ({ ...c, count: Number(c.count) }))).map((row) => ({
    ...row,
    cells: row.cells.map((cell) => ({
      ...cell,
      selected: query.basis === undefined && cell.likelihood === query.l && cell.impact === query.i,
      href: linkWith(path, current, { l: cell.likelihood, i: cell.impact, basis: undefined }),
    })),
  }));

  const option = (value: string | number, text: string, selected: unknown) => ({ value: String(value), text, selected: String(selected) === String(value) });
  const ownerOptions = [...owners].sort((a, b) => a.name.localeCompare(b.name));
  if (typeof query.owner === 'number' && !ownerOptions.some((o) => o.id === query.owner)) {
    const chosen = rows.find((r) => r.owner_id === query.owner);
    if (chosen?.owner_name) ownerOptions.unshift({ id: query.owner, name: chosen.owner_name, risks: 0 });
  }
  const pages = pageLinks(path, current, page, matching);

  return {
    title: pageTitle(query.scope === 'all' ? 'Overarching register' : 'Risk register', node.name),
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
      reviewed: counts.reviewed,
      open: counts.open,
      overdue: counts.overdue,
      overdueHref: linkWith(path, { scope: current.scope }, { review: 'overdue' }),
    },
    heatMap: grid,
    heatMapLevels: rules.matrix.levels.map((l) => ({ rank: l.rank, name: l.name, short: levelInitials(l.name) })),
    impactLabels: rules.matrix.impact,
    cellFilter: query.basis === undefined && query.l !== undefined && query.i !== undefined
      ? { likelihood: query.l, impact: query.i, clearHref: linkWith(path, current, { l: undefined, i: undefined }) }
      : null,
    risks,
    matching,
    total: counts.total,
    pages,
    query,
    groupLinks: [
      { text: 'Not grouped', href: linkWith(path, current, { group: undefined }), current: !query.group },
      { text: 'Category', href: linkWith(path, current, { group: 'category' }), current: query.group === 'category' },
      { text: 'Register', href: linkWith(path, current, { group: 'register' }), current: query.group === 'register' },
      { text: 'Owner', href: linkWith(path, current, { group: 'owner' }), current: query.group === 'owner' },
    ],
    sortLinks: Object.fromEntries(SORTS.map((key) => [key, linkWith(path, current, { sort: key === 'score' ? undefined : key })])),
    filterOptions: {
      categories: [option('', 'All categories', query.category ?? ''), ...categories.map((c) => option(c.id, c.name, query.category))],
      kinds: [option('', 'All kinds', query.kind ?? ''), ...REGISTER_KINDS.map((k) => option(k, REGISTER_KIND_LABELS[k], query.kind))],
      owners: [
        option('', 'All owners', query.owner ?? ''),
        option('none', 'No owner', query.owner),
        ...ownerOptions.map((o) => option(o.id, o.name, query.owner)),
      ],
      ownerHint: owners.length >= OWNER_OPTIONS ? `The ${OWNER_OPTIONS} owners with the most risks here` : undefined,
      levels: [option('', 'All levels', query.level ?? ''), ...rules.matrix.levels.map((l) => option(l.rank, l.name, query.level))],
      reviews: [option('', 'Any review state', query.review ?? ''), ...REVIEW_STATES.filter((s) => s !== 'closed').map((s) => option(s, REVIEW_STATE_LABELS[s], query.review))],
      statuses: [option('open', 'Open', query.status), option('closed', 'Closed', query.status), option('all', 'Open and closed', query.status)],
      findings: [option('', 'Any or none', query.finding ?? ''), ...FINDING_RULES.map((rule) => option(rule.code, rule.label, query.finding))],
    },
    hiddenFilters: { scope: query.scope === 'all' ? 'all' : undefined, sort: query.sort === 'score' ? undefined : query.sort, l: query.l, i: query.i, basis: query.basis, objective: query.objective, appetite: query.appetite, actions: query.actions, moved: query.moved },
    dashboardFilters: await dashboardFilters(db, query, path, current),
    clearFiltersHref: linkWith(path, { scope: current.scope }, {}),
    findingSummary: findingSummary(findings.length, tallies, path, current, query.finding),
    duplicatesHref: `/nodes/${nodeId}/duplicates`,
    ...joined,
    // Every matching risk, not this page of them; the filters and the order are the page's.
    spreadsheetLinks: {
      xlsx: `${path}/register.xlsx${registerQueryString(query)}`,
      csv: `${path}/register.csv${registerQueryString(query)}`,
      actionsCsv: `${path}/register-actions.csv${registerQueryString(query)}`,
      import: `${path}/import`,
    },
  };
}

const MOVED_WORDS = { up: 'scored higher than at their last review before this quarter', down: 'scored lower than at their last review before this quarter', new: 'not reviewed before this quarter' } as const;

/** The filters only the dashboard links to, said in words, each with a link that drops it. */
async function dashboardFilters(db: Db, query: RegisterQuery, path: string, current: Record<string, string | number | undefined>) {
  const said: { text: string; clearHref: string }[] = [];
  if (query.basis !== undefined && query.l !== undefined && query.i !== undefined) {
    said.push({ text: `${query.basis === 'inherent' ? 'Inherent' : 'Target'} likelihood ${query.l} and impact ${query.i}`, clearHref: linkWith(path, current, { basis: undefined, l: undefined, i: undefined }) });
  }
  if (query.objective !== undefined) {
    const objective = query.objective === 'none' ? undefined : await db.selectFrom('objectives').select('title').where('id', '=', query.objective).executeTakeFirst();
    said.push({ text: query.objective === 'none' ? 'No strategic objective' : `Strategic objective: ${objective?.title ?? 'unknown'}`, clearHref: linkWith(path, current, { objective: undefined }) });
  }
  if (query.appetite === 'above') said.push({ text: 'Above appetite', clearHref: linkWith(path, current, { appetite: undefined }) });
  if (query.actions === 'overdue') said.push({ text: 'With an action overdue', clearHref: linkWith(path, current, { actions: undefined }) });
  if (query.moved !== undefined) said.push({ text: `Risks ${MOVED_WORDS[query.moved]}`, clearHref: linkWith(path, current, { moved: undefined }) });
  return said;
}

/** The register's findings counted by rule, each a link to the register filtered to it. */
function findingSummary(total: number, tallies: FindingTallies, path: string, current: Record<string, string | number | undefined>, chosen: string | undefined) {
  return {
    total,
    risks: tallies.risks,
    likelyDuplicates: tallies.perCode.get('likely-duplicate') ?? 0,
    rules: FINDING_RULES.filter((rule) => tallies.perCode.has(rule.code)).map((rule) => ({
      code: rule.code,
      label: rule.label,
      count: tallies.perCode.get(rule.code) ?? 0,
      href: linkWith(path, current, { finding: rule.code }),
      chosen: rule.code === chosen,
    })),
    chosenLabel: chosen === undefined ? undefined : FINDING_LABELS[chosen],
    clearHref: linkWith(path, current, { finding: undefined }),
  };
}

/** What only the node's business managers see: risks below suggested for escalation here, and proposals waiting for their decision. */
async function managersSections(db: Db, nodeId: number) {
  const [suggestions, waiting] = await Promise.all([escalationSuggestionsOf(db, nodeId, SUGGESTIONS_SHOWN), waitingProposalsOfNodes(db, [nodeId])]);
  // Worst first; a page of them at most, so the register page does not grow with the organisation.
  return { suggestions: suggestions.shown, moreSuggestions: Math.max(0, suggestions.total - SUGGESTIONS_SHOWN), waitingProposals: waiting.slice(0, SUGGESTIONS_SHOWN), moreProposals: Math.max(0, waiting.length - SUGGESTIONS_SHOWN) };
}

/** How many suggested escalations and waiting proposals the register page lists. */
const SUGGESTIONS_SHOWN = 25;
