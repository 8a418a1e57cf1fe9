import type { Db, Tx } from '../../db/connection';
import { comparable, DUPLICATE_THRESHOLD, duplicateFingerprint, sharedWords, similarityScore, type Comparable } from '../domain/similarity';
import { rememberedUntilChanged } from '../../db/counted-memory';
import { loadTree, type NodeTree } from './nodes';

// Likely duplicates (docs/joined-registers.md): open risks of related parts of the
// organisation (the same node, an ancestor or descendant, a sibling) whose title and cause
// read alike. Candidates are pairs sharing two uncommon words, found through an index of words,
// so the organisation's pairs cost tens of thousands of comparisons, not every pair; the score
// is the shared similarity function. A pair decided "not a duplicate" stays hidden while both texts stay as
// they were; a pair already linked is not a question any more.

export interface DuplicateRisk {
  id: number;
  nodeId: number;
  nodeName: string;
  reference: string;
  title: string;
  cause: string;
}

export interface DuplicatePair {
  a: DuplicateRisk;
  b: DuplicateRisk;
  score: number;
  sharedWords: string[];
  fingerprint: string;
}

/** A word in more than this share of open risks (and at least this many) says nothing about two risks being the same one. */
const COMMON_WORD_SHARE = 0.01;
const COMMON_WORD_MIN = 30;

/** Whether two nodes' risks may be the same risk: one node, one above the other, or two with one parent. */
function relatedness(tree: NodeTree) {
  const ancestors = new Map<number, Set<number>>();
  const ancestorsOf = (id: number) => {
    let set = ancestors.get(id);
    if (!set) ancestors.set(id, (set = new Set(tree.path(id).map((n) => n.id))));
    return set;
  };
  return (a: number, b: number): boolean => {
    if (a === b) return true;
    const parentA = tree.byId.get(a)?.parent_id ?? null;
    if (parentA !== null && parentA === (tree.byId.get(b)?.parent_id ?? null)) return true;
    return ancestorsOf(a).has(b) || ancestorsOf(b).has(a);
  };
}

/**
 * Each risk's text made ready for comparison, kept while its title and cause stay the same: the
 * trigrams are most of the work, and the texts change far less often than pages are read.
 */
const comparables = new Map<number, { text: string; value: Comparable }>();

function comparableOf(risk: DuplicateRisk): Comparable {
  const text = `${risk.title}\u0000${risk.cause}`;
  const held = comparables.get(risk.id);
  if (held && held.text === text) return held.value;
  const value = comparable(risk);
  comparables.set(risk.id, { text, value });
  return value;
}

function openRisks(db: Db | Tx) {
  return db
    .selectFrom('risk_facts as f')
    .innerJoin('risks as r', 'r.id', 'f.risk_id')
    .innerJoin('nodes as n', 'n.id', 'f.node_id')
    .where('f.status', '=', 'open')
    .select(['r.id', 'f.node_id as nodeId', 'n.name as nodeName', 'r.reference', 'r.title', 'r.cause'])
    .orderBy('r.id')
    .execute();
}

/**
 * Every undecided likely duplicate in the organisation, best match first. One definition for
 * every page: a division's pairs are these pairs, filtered. Found once and kept in memory until
 * a risk's text, status or register, a link, a decision or the tree changes (the 'duplicates'
 * counter): review saves and action edits do not move it.
 */
function organisationDuplicates(db: Db | Tx): Promise<readonly DuplicatePair[]> {
  return rememberedUntilChanged(db, 'duplicates', 'organisation', async () => {
    const tree = await loadTree(db);
    const isRelated = relatedness(tree);
    const risks: DuplicateRisk[] = await openRisks(db);
    const texts = risks.map((r) => comparableOf(r));
    const byWord = new Map<string, number[]>();
    texts.forEach((text, index) => {
      for (const word of text.words) {
        const list = byWord.get(word);
        if (list) list.push(index);
        else byWord.set(word, [index]);
      }
    });
    const common = Math.max(COMMON_WORD_MIN, Math.ceil(risks.length * COMMON_WORD_SHARE));
    const pairs: DuplicatePair[] = [];
    const shared = new Map<number, number>();
    risks.forEach((risk, index) => {
      shared.clear();
      for (const word of texts[index]?.words ?? []) {
        const holders = byWord.get(word) ?? [];
        if (holders.length > common) continue;
        // Each pair once, from its first risk; holders are in id order.
        for (let h = holders.length - 1; h >= 0 && (holders[h] as number) > index; h--) {
          const other = holders[h] as number;
          shared.set(other, (shared.get(other) ?? 0) + 1);
        }
      }
      for (const [otherIndex, count] of shared) {
        const other = risks[otherIndex];
        if (!other || count < 2 || !isRelated(risk.nodeId, other.nodeId)) continue;
        const [textA, textB] = [texts[index] as Comparable, texts[otherIndex] as Comparable];
        const score = similarityScore(textA, textB);
        if (score >= DUPLICATE_THRESHOLD) pairs.push({ a: risk, b: other, score, sharedWords: sharedWords(textA, textB), fingerprint: duplicateFingerprint(risk, other) });
      }
    });
    if (pairs.length === 0) return [];
    const decided = await settledPairs(db, [...new Set(pairs.flatMap((p) => [p.a.id, p.b.id]))]);
    return pairs
      .filter((p) => !decided.linked.has(`${p.a.id}-${p.b.id}`) && !decided.notDuplicate.has(`${p.a.id}-${p.b.id}|${p.fingerprint}`))
      .sort((x, y) => y.score - x.score || x.a.id - y.a.id || x.b.id - y.b.id);
  });
}

/** Undecided likely duplicates with a risk of `scope` (node ids; null for the whole organisation), best match first. */
export async function likelyDuplicates(db: Db | Tx, scope: readonly number[] | null): Promise<DuplicatePair[]> {
  const all = await organisationDuplicates(db);
  if (scope === null) return [...all];
  const inScope = new Set(scope);
  return all.filter((p) => inScope.has(p.a.nodeId) || inScope.has(p.b.nodeId));
}

/** Pairs linked either way, and pairs decided "not a duplicate" with the texts they were decided on. */
async function settledPairs(db: Db | Tx, riskIds: number[]) {
  const linked = new Set<string>();
  const notDuplicate = new Set<string>();
  for (let i = 0; i < riskIds.length; i += 5000) {
    const ids = riskIds.slice(i, i + 5000);
    const [links, decisions] = await Promise.all([
      db.selectFrom('risk_links').select(['from_risk_id', 'to_risk_id']).where('removed_at', 'is', null)
        .where((eb) => eb.or([eb('from_risk_id', 'in', ids), eb('to_risk_id', 'in', ids)])).execute(),
      db.selectFrom('duplicate_decisions').select(['risk_a_id', 'risk_b_id', 'fingerprint']).where('risk_a_id', 'in', ids).execute(),
    ]);
    for (const l of links) linked.add(`${Math.min(l.from_risk_id, l.to_risk_id)}-${Math.max(l.from_risk_id, l.to_risk_id)}`);
    for (const d of decisions) notDuplicate.add(`${d.risk_a_id}-${d.risk_b_id}|${d.fingerprint}`);
  }
  return { linked, notDuplicate };
}

/** How many undecided likely duplicates each risk of the scope has. */
export async function duplicateCountsByRisk(db: Db | Tx, scope: readonly number[] | null): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const pair of await likelyDuplicates(db, scope)) {
    counts.set(pair.a.id, (counts.get(pair.a.id) ?? 0) + 1);
    counts.set(pair.b.id, (counts.get(pair.b.id) ?? 0) + 1);
  }
  return counts;
}

