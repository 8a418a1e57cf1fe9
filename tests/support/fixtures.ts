import type { Db } from '../../db/connection';
import type { NewRisk } from '../../db/schema';

export interface BasicOrganisation {
  hqId: number;
  divisionId: number;
  unitId: number;
  divisionRegisterId: number;
  unitRegisterId: number;
  ownerId: number;
  managerId: number;
  objectiveId: number;
  categoryId: number;
}

/** HQ → a division → a unit, a register at each of the lower two, two people. */
export async function seedBasicOrganisation(db: Db): Promise<BasicOrganisation> {
  const node = async (parent_id: number | null, kind: 'organisation' | 'division' | 'unit', name: string, code: string) =>
    (await db.insertInto('nodes').values({ parent_id, kind, name, code }).returning('id').executeTakeFirstOrThrow()).id;
  const hqId = await node(null, 'organisation', 'Headquarters', 'HQ');
  const divisionId = await node(hqId, 'division', 'Special Crime Division', 'SCD');
  const unitId = await node(divisionId, 'unit', 'Appeals Unit', 'SCD-AU');
  const register = async (node_id: number, kind: 'divisional' | 'unit', name: string, code: string) =>
    (await db.insertInto('registers').values({ node_id, kind, name, code }).returning('id').executeTakeFirstOrThrow()).id;
  const person = async (name: string, email: string) =>
    (await db.insertInto('people').values({ name, email, job_title: 'Manager', node_id: divisionId }).returning('id').executeTakeFirstOrThrow()).id;
  const category = await db.selectFrom('categories').select('id').where('name', '=', 'Operational').executeTakeFirstOrThrow();
  return {
    hqId,
    divisionId,
    unitId,
    divisionRegisterId: await register(divisionId, 'divisional', 'Special Crime divisional register', 'SCD'),
    unitRegisterId: await register(unitId, 'unit', 'Appeals Unit register', 'SCD-AU'),
    ownerId: await person('Alex Owner', 'alex.owner@example.gov.uk'),
    managerId: await person('Sam Manager', 'sam.manager@example.gov.uk'),
    objectiveId: (await db.insertInto('objectives').values({ title: 'Deliver high quality casework', sort_order: 0 }).returning('id').executeTakeFirstOrThrow()).id,
    categoryId: category.id,
  };
}

let refCounter = 1000;

export async function addRisk(db: Db, org: BasicOrganisation, overrides: Partial<NewRisk> = {}): Promise<number> {
  const { id } = await db
    .insertInto('risks')
    .values({
      register_id: org.divisionRegisterId,
      ref_number: refCounter++,
      title: 'Loss of case management system',
      cause: 'Because the system is old',
      event: 'there is a risk that it fails',
      effect: 'resulting in delayed casework',
      category_id: org.categoryId,
      objective_id: org.objectiveId,
      owner_id: org.ownerId,
      manager_id: org.managerId,
      identified_on: '2026-01-15',
      status: 'open',
      treatment: 'treat',
      influence: 'partly',
      inherent_likelihood: 4,
      inherent_impact: 4,
      current_likelihood: 3,
      current_impact: 4,
      target_likelihood: 2,
      target_impact: 3,
      existing_controls: 'Daily backups\nSupplier support contract',
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A form body as the risk form posts it. */
export function riskFormBody(org: BasicOrganisation, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    register_id: String(org.divisionRegisterId),
    title: 'Loss of access to Rose Court',
    cause: 'Because the building is shared with other tenants',
    event: 'there is a risk that the building is closed at short notice',
    effect: 'resulting in hearings being missed',
    category_id: String(org.categoryId),
    objective_id: String(org.objectiveId),
    owner_id: String(org.ownerId),
    manager_id: String(org.managerId),
    identified_on: '2026-11-02',
    treatment: 'treat',
    influence: 'partly',
    inherent_likelihood: '3',
    inherent_impact: '5',
    current_likelihood: '2',
    current_impact: '5',
    target_likelihood: '1',
    target_impact: '4',
    existing_controls: 'Home working for all staff\nYork site as fallback',
    ...overrides,
  };
}
