import type { Db, Tx } from '../../db/connection';
import { comparable, DUPLICATE_THRESHOLD, duplicateFingerprint, similarity, type Comparable } from '../domain/similarity';
import { loadTree, type NodeTree } from './nodes';

// Likely duplicates (docs/joined-registers.md): open risks of related parts of the
// organisation (the same node, an ancestor or descendant, a sibling) whose title and cause
// read alike. Candidates are pairs sharing two uncommon words, found through an index of words,
// so a division's pairs cost a few thousand comparisons, not every pair; the score is the shared
// similarity function. A pair decided "not a duplicate" stays hidden while both texts stay as
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

/** A word in more risks than this says nothing about two risks being the same one. */
const COMMON_WORD_RISKS = 150;

function isRelated(tree: NodeTree, a: number, b: number): boolean {
  if (a === b) return true;
  const na = tree.byId.get(a);
  const nb = tree.byId.get(b);
  if (!na || !nb) return false;
  if (na.parent_id !== null && na.parent_id === nb.parent_id) return true;
  return tree.path(a).some((n) => n.id === b) || tree.path(b).some((n) => n.id === a);
}

/** The nodes whose risks can pair with those of `scope`: the scope, its ancestors, and the siblings of each. */
function universeOf(tree: NodeTree, scope: readonly number[]): number[] {
  const ids = new Set(scope);
  for (const id of scope) {
    for (const ancestor of tree.path(id)) {
      ids.add(ancestor.id);
      for (const sibling of tree.children(ancestor.parent_id)) ids.add(sibling.id);
    }
  }
  return [...ids];
}

function openRisksOf(db: Db | Tx, nodeIds: readonly number[]) {
  return db
    .selectFrom('risk_facts as f')
    .innerJoin('risks as r', 'r.id', 'f.risk_id')
    .innerJoin('nodes as n', 'n.id', 'f.node_id')
    .where('f.status', '=', 'open')
    .where('f.node_id', 'in', nodeIds.length > 0 ? [...nodeIds] : [-1])
    .select(['r.id', 'f.node_id as nodeId', 'n.name as nodeName', 'r.reference', 'r.title', 'r.cause'])
    .execute();
}

/**
 * Undecided likely duplicates touching the risks of `scope` (node ids; null for the whole
 * organisation), best match first.
 */
export async function likelyDuplicates(db: Db | Tx, scope: readonly number[] | null): Promise<DuplicatePair[]> {
  const tree = await loadTree(db);
  const scopeIds = scope ?? [...tree.byId.keys()];
  const inScope = new Set(scopeIds);
  const risks: DuplicateRisk[] = await openRisksOf(db, scope === null ? scopeIds : universeOf(tree, scopeIds));
  const texts = new Map<number, Comparable>(risks.map((r) => [r.id, comparable(r)]));

  const byWord = new Map<string, number[]>();
  risks.forEach((risk, index) => {
    for (const word of texts.get(risk.id)?.words ?? []) {
      const list = byWord.get(word) ?? [];
      list.push(index);
      byWord.set(word, list);
    }
  });

  const pairs: DuplicatePair[] = [];
  risks.forEach((risk, index) => {
    if (!inScope.has(risk.nodeId)) return;
    const shared = new Map<number, number>();
    for (const word of texts.get(risk.id)?.words ?? []) {
      const holders = byWord.get(word) ?? [];
      if (holders.length > COMMON_WORD_RISKS) continue;
      for (const other of holders) if (other !== index) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    for (const [otherIndex, count] of shared) {
      const other = risks[otherIndex];
      if (!other || count < 2) continue;
      // Each pair once: from its lower id, unless that one is outside the scope.
      if (other.id < risk.id && inScope.has(other.nodeId)) continue;
      if (!isRelated(tree, risk.nodeId, other.nodeId)) continue;
      const [a, b] = risk.id < other.id ? [risk, other] : [other, risk];
      const match = similarity(texts.get(a.id) as Comparable, texts.get(b.id) as Comparable);
      if (match.score >= DUPLICATE_THRESHOLD) pairs.push({ a, b, score: match.score, sharedWords: match.sharedWords, fingerprint: duplicateFingerprint(a, b) });
    }
  });
  if (pairs.length === 0) return [];

  const decided = await settledPairs(db, [...new Set(pairs.flatMap((p) => [p.a.id, p.b.id]))]);
  return pairs
    .filter((p) => !decided.linked.has(`${p.a.id}-${p.b.id}`) && !decided.notDuplicate.has(`${p.a.id}-${p.b.id}|${p.fingerprint}`))
    .sort((x, y) => y.score - x.score || x.a.id - y.a.id || x.b.id - y.b.id);
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

/** The two risks of a pair as they are now, to check a decision against (null when either is gone or closed). */
export async function findPair(db: Db | Tx, aId: number, bId: number) {
  const rows = await db.selectFrom('risks as r').innerJoin('registers as g', 'g.id', 'r.register_id')
    .select(['r.id', 'r.title', 'r.cause', 'r.reference', 'r.status', 'g.node_id']).where('r.id', 'in', [aId, bId]).execute();
  const a = rows.find((r) => r.id === aId);
  const b = rows.find((r) => r.id === bId);
  return a && b ? { a, b } : null;
}
