import type SqliteDatabase from 'better-sqlite3';
import { addQuarters, quarterEnd, quarterOf, quarterPath, quarterStart } from '../../server/domain/quarters';

// The quarterly return at scale: one register holding the benchmark division's open risks (up
// to 600, moved in the way the app moves them: they keep their references), each reviewed in
// the current quarter and the two before it, so a return can be submitted for each quarter and
// the submission timed three times.

export interface ReturnBench {
  registerId: number;
  risks: number;
  /** Path segments of the quarters prepared, newest first. */
  quarters: string[];
}

export function prepareReturnRegister(sqlite: SqliteDatabase.Database, divisionId: number, day: string, size = 600): ReturnBench {
  const startMonth = Number(JSON.parse((sqlite.prepare("SELECT value FROM settings WHERE key = 'fy_start_month'").get() as { value: string }).value));
  const current = quarterOf(day, startMonth);
  const quarters = [0, -1, -2].map((n) => addQuarters(current, n));
  return sqlite.transaction(() => {
    const { id: registerId } = sqlite.prepare("INSERT INTO registers (node_id, kind, name, code) VALUES (?, 'thematic', 'Quarterly return bench register', 'BENCH-RET') RETURNING id").get(divisionId) as { id: number };
    const ids = (sqlite.prepare(`
      WITH RECURSIVE below(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN below b ON n.parent_id = b.id)
      SELECT r.id FROM risks r JOIN registers g ON g.id = r.register_id
      WHERE r.status = 'open' AND g.node_id IN (SELECT id FROM below) ORDER BY r.id LIMIT ?`).all(divisionId, size) as { id: number }[]).map((r) => r.id);
    const move = sqlite.prepare('UPDATE risks SET register_id = ?, ref_number = -id WHERE id = ?');
    for (const id of ids) move.run(registerId, id);
    const review = sqlite.prepare(`
      INSERT INTO reviews (risk_id, fy_year, fy_quarter, reviewed_on, reviewer_id, inherent_likelihood, inherent_impact, current_likelihood, current_impact,
        target_likelihood, target_impact, current_score, direction, commentary, mitigating_action, further_action, still_valid, level_rank, level_name, level_colour, level_text_colour)
      SELECT r.id, ?, ?, max(r.identified_on, ?), r.owner_id, r.inherent_likelihood, r.inherent_impact, r.current_likelihood, r.current_impact,
        r.target_likelihood, r.target_impact, c.score, 'same', 'Reviewed at the quarterly meeting: controls checked, no change in exposure', 'Weekly checks continued', '', 1, l.rank, l.name, l.colour, l.text_colour
      FROM risks r JOIN matrix_cells c ON c.likelihood = r.current_likelihood AND c.impact = r.current_impact JOIN matrix_levels l ON l.rank = c.level_rank
      WHERE r.register_id = ? AND r.status = 'open' AND r.identified_on <= ?
        AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.risk_id = r.id AND v.fy_year = ? AND v.fy_quarter = ?)`);
    for (const q of quarters) {
      const end = quarterEnd(q, startMonth) < day ? quarterEnd(q, startMonth) : day;
      review.run(q.fyYear, q.quarter, quarterStart(q, startMonth), registerId, end, q.fyYear, q.quarter);
    }
    return { registerId, risks: ids.length, quarters: quarters.map((q) => quarterPath(q, startMonth)) };
  })();
}

/** Bytes of canonical JSON per risk in the register's snapshots. */
export function snapshotBytesPerRisk(sqlite: SqliteDatabase.Database, registerId: number): { bytes: number; perRisk: number } {
  const row = sqlite.prepare('SELECT sum(length(CAST(s.json AS BLOB))) AS bytes, sum(r.risks_count) AS risks FROM return_snapshots s JOIN returns r ON r.id = s.return_id WHERE r.register_id = ?').get(registerId) as { bytes: number | null; risks: number | null };
  const snapshots = (sqlite.prepare('SELECT count(*) AS n FROM returns WHERE register_id = ?').get(registerId) as { n: number }).n;
  return { bytes: (row.bytes ?? 0) / Math.max(1, snapshots), perRisk: (row.bytes ?? 0) / Math.max(1, row.risks ?? 0) };
}
