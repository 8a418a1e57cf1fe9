import { openDatabase } from '../../db/connection';
import { likelyDuplicates } from '../../server/queries/duplicates';
import { findingsIn } from '../../server/queries/quality-findings';
import { loadTree } from '../../server/queries/nodes';

// What is computed rather than stored (docs/joined-registers.md): the quality findings of a
// division's overarching register, its likely duplicates, and the whole organisation's findings
// (what the home page recomputes after a change), timed in this process on the same database,
// cold (the first call) and warm (the median of the next ones).

export interface ComputedFigure {
  name: string;
  coldMs: number;
  warmMs: number;
  count: number;
  unit: string;
  aim: string;
  met: boolean | null;
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ coldMs: number; warmMs: number; value: T }> {
  const once = async () => {
    const start = process.hrtime.bigint();
    const value = await work();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
  };
  const cold = await once();
  const samples: number[] = [];
  for (let n = 0; n < runs; n++) samples.push((await once()).ms);
  samples.sort((a, b) => a - b);
  return { coldMs: cold.ms, warmMs: samples[Math.floor(samples.length / 2)] ?? NaN, value: cold.value };
}

export async function computedFigures(databasePath: string, divisionId: number, day: string, runs: number): Promise<ComputedFigure[]> {
  const handle = openDatabase(databasePath);
  try {
    const tree = await loadTree(handle.db);
    const division = tree.subtreeIds(divisionId);
    const findings = await timed(runs, () => findingsIn(handle.db, { nodeIds: division }, day));
    const duplicates = await timed(runs, () => likelyDuplicates(handle.db, division));
    const organisation = await timed(Math.max(1, Math.floor(runs / 2)), () => findingsIn(handle.db, { nodeIds: null }, day));
    return [
      { name: "Quality findings of a division's overarching register", ...findings, count: findings.value.length, unit: 'findings', aim: '≤ 50 ms warm', met: findings.warmMs <= 50 },
      { name: 'Likely duplicates of one division', ...duplicates, count: duplicates.value.length, unit: 'pairs', aim: '≤ 50 ms warm', met: duplicates.warmMs <= 50 },
      { name: "Quality findings of the whole organisation (the home page's, recomputed after any change)", ...organisation, count: organisation.value.length, unit: 'findings', aim: '', met: null },
    ];
  } finally {
    await handle.close();
  }
}
