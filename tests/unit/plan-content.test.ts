import {
  emptyPlanContent,
  missingSections,
  parsePlanContent,
  planTemplate,
  SECTIONS,
  serialisePlanContent,
  type PlanContent,
} from '../../server/domain/plan-content';
import { completePlanContent } from '../support/plan-fixtures';

describe('the standard format', () => {
  it('lists sections 0 to 11 in order, each with guidance', () => {
    expect(SECTIONS.map((s) => s.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(SECTIONS.map((s) => s.key)).toEqual(Object.keys(emptyPlanContent()));
    for (const section of SECTIONS) expect(section.guidance.length).toBeGreaterThan(40);
  });

  it('reads content saved before a field existed, with the field blank', () => {
    const old = JSON.stringify({ purpose: { purpose: 'Keep casework going' } });
    const content = parsePlanContent(old);
    expect(content.purpose.purpose).toBe('Keep casework going');
    expect(content.purpose.assumptions.it).toBe('');
    expect(content.contacts.cascade).toEqual([]);
  });

  it('round-trips through its stored JSON', () => {
    const content = completePlanContent();
    expect(parsePlanContent(serialisePlanContent(content))).toEqual(content);
  });
});

/** Everything missing, flattened: most tests take away one thing and expect only it. */
const missingItems = (content: PlanContent) => missingSections(content).flatMap((s) => s.missing);

describe('missing sections', () => {
  it('finds nothing missing in a complete plan', () => {
    expect(missingSections(completePlanContent())).toEqual([]);
  });

  it('lists every section of an empty plan, in order', () => {
    expect(missingSections(emptyPlanContent()).map((s) => s.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('leaves exercising complete in the template, which already requires every test type', () => {
    const missing = missingSections(planTemplate()).map((s) => s.key);
    expect(missing).not.toContain('exercising');
    expect(missing).toContain('responseTeam');
  });

  it('names the holder missing from a response team role', () => {
    const content: PlanContent = completePlanContent();
    content.responseTeam.roles[1] = { role: 'Loggist', primary: 'Sam Lee', alternate: '' };
    expect(missingSections(content)).toEqual([
      { number: 3, key: 'responseTeam', title: 'Response team', missing: ['Alternate holder for Loggist'] },
    ]);
  });

  it('names the call cascade line that has no phone number', () => {
    const content = completePlanContent();
    content.contacts.cascade = content.contacts.cascade.map((row, index) => (index === 1 ? { ...row, phone: ' ' } : row));
    expect(missingItems(content)).toEqual(['Phone number for call cascade line 2']);
  });

  it('wants one planning assumption per loss scenario', () => {
    const content = completePlanContent();
    content.purpose.assumptions.supplier = '';
    expect(missingItems(content)).toEqual(['Planning assumption: loss of a supplier']);
  });

  it('needs an RTO and an MTPD for every critical activity, not an RPO', () => {
    const content = completePlanContent();
    content.criticalActivities.activities = content.criticalActivities.activities.map((row) => ({ ...row, rtoHours: null, rpoHours: null }));
    expect(missingItems(content)).toEqual(['RTO for Charging advice to police']);
  });

  it('accepts home working alone as alternative working', () => {
    const content = completePlanContent();
    content.alternativeWorking.otherSite = '';
    expect(missingSections(content)).toEqual([]);
    content.alternativeWorking.homeWorking = '';
    expect(missingItems(content)).toEqual(['Another site or home working']);
  });

  it('wants an action card to have steps', () => {
    const content = completePlanContent();
    content.recovery.cards = content.recovery.cards.map((card) => ({ ...card, steps: [] }));
    expect(missingItems(content)).toEqual(['Steps for Loss of building: Incident lead']);
  });

  it('wants all four audiences told, each with a method and someone responsible', () => {
    const content = completePlanContent();
    content.communications.messages = [{ audience: 'media', responsible: 'Press Office', method: '' }];
    expect(missingItems(content)).toEqual([
      'How staff are told', 'Who tells staff',
      'How partners (courts, police, other agencies) are told', 'Who tells partners (courts, police, other agencies)',
      'How public, victims and witnesses are told', 'Who tells public, victims and witnesses',
      'How media are told',
    ]);
    content.communications.messages = completePlanContent().communications.messages.filter((m) => m.audience !== 'media');
    expect(missingItems(content)).toEqual(['How media are told', 'Who tells media']);
  });
});
