import { fixedClock } from '../../server/clock';
import { emptyPlanContent } from '../../server/domain/plan-content';
import { approveDraft, findDraft, insertDraft, updateDraft } from '../../server/queries/plans';
import { buildPlanPackDocument, buildPlanPrintDocument, highestMarking } from '../../server/presenters/plan-print';
import { formatHours } from '../../server/presenters/plan-sections';
import type { PrintBlock } from '../../server/print/plan-document';
import { seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { addPlan, completePlanContent, planIdentity } from '../support/plan-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const clock = fixedClock('2026-11-23');
const NOW = '2026-11-20T10:00:00.000Z';
const CHANGE = { actor: { userId: null, name: 'Test' }, at: NOW };

describe('the print model of a plan', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  async function approve(planId: number, approvedOn: string, summary: string): Promise<void> {
    const draft = await findDraft(t.handle.db, planId);
    if (!draft) throw new Error('no draft');
    const plan = await planIdentity(t.handle.db, planId);
    await t.handle.db.transaction().execute((tx) =>
      approveDraft(tx, CHANGE, plan, { draftId: draft.id, draftVersion: draft.version, approverId: org.managerId, approvedOn, nextReviewOn: '2027-11-01', changeSummary: summary }),
    );
  }

  const tableIn = (blocks: PrintBlock[], heading: string) => {
    const block = blocks.find((b) => b.kind === 'table' && b.heading === heading);
    if (block?.kind !== 'table') throw new Error(`no table ${heading}`);
    return block;
  };

  it('prints an approved version with sections 1 to 11 in order, cascade rows as text and no guidance', async () => {
    const content = completePlanContent();
    content.contacts.cascade = Array.from({ length: 40 }, (_, i) => ({ order: Math.floor(i / 8) + 1, caller: `Caller ${i + 1}`, calls: `Person ${i + 1}`, phone: `07700 9${String(i).padStart(5, '0')}`, kind: 'internal' as const }));
    const planId = await addPlan(t.handle.db, org, 'BCP-PRINT-1', content);
    await approve(planId, '2026-11-01', 'First issue');

    const doc = await buildPlanPrintDocument(t.handle.db, clock, planId, 'latest-approved');
    expect(doc.header).toMatchObject({
      planRef: 'BCP-PRINT-1',
      versionLabel: 'Version 1',
      draft: false,
      status: 'Approved',
      owner: 'Alex Owner',
      approver: 'Sam Manager',
      approvedOn: '1 November 2026',
      nextReviewDue: '1 November 2027',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      printedOn: '23 November 2026',
    });
    expect(doc.sections.map((s) => `${s.number}. ${s.title}`)).toEqual([
      '1. Purpose, scope and planning assumptions',
      '2. Invocation',
      '3. Response team',
      '4. Contacts and call cascade',
      '5. Critical activities',
      '6. Resources and dependencies',
      '7. Alternative working',
      '8. Recovery steps and action cards',
      '9. Communications',
      '10. Incident log and stand-down',
      '11. Exercising and maintenance',
    ]);
    const cascade = tableIn(doc.sections[3]?.blocks ?? [], 'Call cascade');
    expect(cascade.columns).toEqual(['Step', 'Caller', 'Calls', 'Phone', 'Internal or external']);
    expect(cascade.rows).toHaveLength(40);
    expect(cascade.rows[0]).toEqual(['1', 'Caller 1', 'Person 1', '07700 900000', 'Internal']);
    expect(cascade.rows[39]).toEqual(['5', 'Caller 40', 'Person 40', '07700 900039', 'Internal']);
    expect(doc.sections.flatMap((s) => s.blocks).some((b) => b.kind === 'guidance')).toBe(false);
    expect(doc.changeHistory).toEqual([{ version: 'Version 1', date: '1 November 2026', by: 'Sam Manager', summary: 'First issue' }]);
    expect(doc.distribution).toEqual([{ name: 'Alex Owner', role: 'Unit Head' }, { name: 'Business continuity coordinator', role: 'Keeps the master copy' }]);
    const activities = doc.sections[4]?.blocks[0];
    expect(activities?.kind === 'table' && activities.rows[0]).toEqual(['1', 'Charging advice to police', '4 hours', '1 day', '1 day', '3', 'Monday mornings']);
  });

  it('marks a draft as DRAFT, names the version it follows and prints guidance where sections are incomplete', async () => {
    const planId = await addPlan(t.handle.db, org, 'BCP-PRINT-2', completePlanContent());
    await approve(planId, '2026-10-01', 'First issue');
    const incomplete = completePlanContent();
    incomplete.recovery.cards = [];
    const plan = await planIdentity(t.handle.db, planId);
    await t.handle.db.transaction().execute((tx) => insertDraft(tx, { actor: { userId: null, name: 'Jo Patel' }, at: NOW }, plan, incomplete, 'Cards being rewritten'));

    const doc = await buildPlanPrintDocument(t.handle.db, clock, planId, 'draft');
    expect(doc.header).toMatchObject({ draft: true, versionLabel: 'Draft (after version 1)', status: 'Draft', approver: 'Not yet approved', nextReviewDue: '1 November 2027' });
    const guided = doc.sections.filter((s) => s.blocks[0]?.kind === 'guidance').map((s) => s.number);
    expect(guided).toEqual([8]);
    expect(doc.changeHistory.map((h) => [h.version, h.by, h.summary])).toEqual([
      ['Version 1', 'Sam Manager', 'First issue'],
      ['Draft', 'Jo Patel', 'Cards being rewritten'],
    ]);
    // The approved version still prints as it was.
    const v1 = await buildPlanPrintDocument(t.handle.db, clock, planId, { version: 1 });
    expect(v1.header.draft).toBe(false);
    expect(v1.sections[7]?.blocks[0]).toMatchObject({ kind: 'cards', cards: [{ title: 'Incident lead', subtitle: 'Loss of building' }] });
  });

  it('prints every plan at or below a node in a pack: approved versions, or the draft of a plan never approved', async () => {
    const unitPlan = await addPlan(t.handle.db, org, 'BCP-PACK-UNIT', completePlanContent());
    await approve(unitPlan, '2026-09-01', 'First issue');
    const draftOnly = await t.handle.db.transaction().execute(async (tx) => {
      const plan = await tx.insertInto('plans').values({ node_id: org.divisionId, site_id: null, ref: 'BCP-PACK-DIV', title: 'Division plan', owner_id: org.ownerId, protective_marking: 'OFFICIAL' }).returning(['id', 'ref', 'node_id']).executeTakeFirstOrThrow();
      await insertDraft(tx, CHANGE, plan, emptyPlanContent(), '');
      return plan;
    });
    const draft = await findDraft(t.handle.db, draftOnly.id);
    if (!draft) throw new Error('no draft');
    await t.handle.db.transaction().execute((tx) => updateDraft(tx, CHANGE, draftOnly, draft, draft.version, { changeSummary: 'Started' }));

    const pack = await buildPlanPackDocument(t.handle.db, clock, org.divisionId);
    const refs = pack.plans.map((p) => `${p.header.planRef} ${p.header.versionLabel}`);
    // The division's own plan first, then the unit's, in the order of the tree.
    expect(refs[0]).toBe('BCP-PACK-DIV Draft (not yet approved)');
    expect(refs).toContain('BCP-PACK-UNIT Version 1');
    expect(pack.protectiveMarking).toBe('OFFICIAL-SENSITIVE');
    expect(pack.scope).toBe('Special Crime Division and everything below it');
  });
});

describe('print formatting', () => {
  it('says hours the way a plan reads them', () => {
    expect([0.5, 1, 4, 24, 36, 72, null].map(formatHours)).toEqual(['30 minutes', '1 hour', '4 hours', '1 day', '36 hours', '3 days', '']);
  });

  it('takes the highest protective marking for a pack', () => {
    expect(highestMarking(['OFFICIAL', 'OFFICIAL-SENSITIVE', 'OFFICIAL'])).toBe('OFFICIAL-SENSITIVE');
    expect(highestMarking([])).toBe('OFFICIAL');
  });
});
