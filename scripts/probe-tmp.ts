import { openDatabase } from '../db/connection';
import { findingsIn } from '../server/queries/quality-findings';
import { likelyDuplicates } from '../server/queries/duplicates';
import { escalationSuggestions } from '../server/queries/escalation-suggestions';
import { loadSettings } from '../server/queries/reference';
async function main() {
  const { db } = openDatabase('/tmp/probe.sqlite');
  const today = new Date().toISOString().slice(0, 10);
  const f = await findingsIn(db, { nodeIds: null }, today);
  const byCode: Record<string, string[]> = {};
  for (const x of f) (byCode[x.code] ??= []).push(x.reference);
  console.log(byCode);
  for (const p of await likelyDuplicates(db, null)) console.log(p.score.toFixed(2), p.a.reference, p.a.title, '|', p.b.reference, p.b.title);
  const s = await loadSettings(db);
  for (const code of ['SCCTD', 'IJOCD', 'HQ', 'IJOCD-OC']) {
    const n = await db.selectFrom('nodes').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    console.log(code, (await escalationSuggestions(db, n.id, s.escalationLevelRank)).map((x) => `${x.reference} ${x.triggers.join('+')}`));
  }
}
void main();
