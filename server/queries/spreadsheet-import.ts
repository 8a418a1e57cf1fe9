import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { ExistingRisk, ImportContext } from '../spreadsheets/import-plan';
import { loadTree } from './nodes';

// What an import's plan reads from the database: the lists the cells name, the open registers
// a new risk may go in, and the risks the file names. Takes the transaction when apply asks, so
// the plan apply checks is made from what the transaction sees.

const REFERENCES_PER_QUERY = 500;

/** The import's context for a node: everything planImport needs but the rows themselves. */
export async function loadImportContext(db: Db | Tx, nodeId: number, today: string, references: readonly string[]): Promise<ImportContext> {
  const tree = await loadTree(db);
  const scope = tree.subtreeIds(nodeId);
  const [categories, objectives, people, registers] = await Promise.all([
    db.selectFrom('categories').select(['id', 'name']).orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('objectives').select(['id', 'title']).orderBy('sort_order').execute(),
    db.selectFrom('people').select(['id', 'name', 'email']).execute(),
    db
      .selectFrom('registers as g')
      .innerJoin('nodes as n', 'n.id', 'g.node_id')
      .where('g.node_id', 'in', scope)
      .where('g.closed_on', 'is', null)
      .where('n.retired_on', 'is', null)
      .select(['g.id', 'g.code', 'g.name', 'g.node_id'])
      .execute(),
  ]);
  const existing = new Map<string, ExistingRisk>();
  const wanted = [...new Set(references.map((r) => r.trim().toUpperCase()).filter((r) => r !== ''))];
  for (let start = 0; start < wanted.length; start += REFERENCES_PER_QUERY) {
    const batch = wanted.slice(start, start + REFERENCES_PER_QUERY);
    const rows = await db
      .selectFrom('risks as r')
      .innerJoin('registers as g', 'g.id', 'r.register_id')
      .where(sql<boolean>`r.reference COLLATE NOCASE IN (${sql.join(batch)})`)
      .select([
        'r.id', 'r.reference', 'r.register_id', 'g.code as register_code', 'g.node_id', 'r.version',
        'r.title', 'r.cause', 'r.event', 'r.effect', 'r.category_id', 'r.objective_id', 'r.owner_id', 'r.manager_id',
        'r.identified_on', 'r.status', 'r.closed_on', 'r.closure_reason', 'r.treatment', 'r.influence',
        'r.inherent_likelihood', 'r.inherent_impact', 'r.current_likelihood', 'r.current_impact', 'r.target_likelihood', 'r.target_impact',
        'r.existing_controls',
      ])
      .execute();
    for (const row of rows) existing.set(row.reference.toUpperCase(), row);
  }
  return { today, scopeNodeIds: new Set(scope), categories, objectives, people, registers, existing };
}
