import type { Db } from '../../db/connection';
import { emptyPlanContent, planTemplate, type PlanContent } from '../../server/domain/plan-content';
import type { Change } from '../../server/queries/audit';
import { insertPlan, type PlanIdentity } from '../../server/queries/plans';
import type { BasicOrganisation } from './fixtures';

/** A plan with nothing missing in any section: tests take one field away at a time. */
export function completePlanContent(): PlanContent {
  const content = emptyPlanContent();
  content.documentControl.distribution = [
    { name: 'Alex Owner', role: 'Unit Head' },
    { name: 'Business continuity coordinator', role: 'Keeps the master copy' },
  ];
  content.purpose = {
    purpose: 'Keep charging advice and court hearings going when the unit loses its building, staff, IT or a supplier.',
    scope: 'All staff of the Appeals Unit at Rose Court, London.',
    assumptions: {
      building: 'Rose Court unavailable for up to two weeks.',
      staff: 'Up to 40% of staff absent for a month.',
      it: 'Case management system down for up to three days.',
      supplier: 'Facilities provider unable to open the building.',
    },
  };
  content.invocation = {
    triggers: [{ trigger: 'Building closed for more than four hours' }, { trigger: 'Case management system down for more than a day' }],
    whoMayInvoke: 'Unit Head',
    deputy: 'Deputy Unit Head',
    how: 'Phone the Area Business Manager, then start the call cascade.',
    meetingPoint: 'Room 4.12, Rose Court',
    alternativeMeetingPoint: 'Conference call on the out-of-hours bridge',
  };
  content.responseTeam.roles = [
    { role: 'Incident lead', primary: 'Alex Owner', alternate: 'Sam Manager' },
    { role: 'Loggist', primary: 'Sam Lee', alternate: 'Jo Patel' },
  ];
  content.contacts = {
    cascade: [
      { order: 1, caller: 'Alex Owner', calls: 'Sam Manager', phone: '07700 900001', kind: 'internal' },
      { order: 2, caller: 'Sam Manager', calls: 'Paralegal team', phone: '07700 900002', kind: 'internal' },
    ],
    external: [{ organisation: 'Royal Courts of Justice', name: 'Listing office', phone: '020 7946 0000', purpose: 'Adjourn hearings' }],
  };
  content.criticalActivities.activities = [
    { activity: 'Charging advice to police', priority: 1, rtoHours: 4, mtpdHours: 24, rpoHours: 24, minimumStaff: 3, peakPeriods: 'Monday mornings' },
  ];
  content.resources.items = [{ kind: 'it', name: 'Case management system', detail: 'Hosted nationally; laptops can reach it from home' }];
  content.alternativeWorking = {
    otherSite: 'Athena House, York',
    travelTime: 'Two hours by train',
    homeWorking: 'Laptops for all lawyers',
    contact: 'Area Business Manager',
  };
  content.recovery.cards = [{ scenario: 'building', role: 'Incident lead', steps: ['Confirm the closure with facilities', 'Start the call cascade'] }];
  content.communications.messages = [
    { audience: 'staff', responsible: 'Communications lead', method: 'Text message and the intranet' },
    { audience: 'partners', responsible: 'Head of unit', method: 'Phone the court listing offices' },
    { audience: 'public', responsible: 'Victim Liaison Unit', method: 'Through the Witness Care Units' },
    { audience: 'media', responsible: 'Press Office', method: 'All enquiries to the Press Office' },
  ];
  content.incidentLog = {
    logKeeper: 'Loggist',
    logMethod: 'Paper decision log, copied to the shared drive daily',
    standDownAuthority: 'Incident lead',
    standDownCriteria: 'Critical activities back within their RTO',
    debrief: 'Within two weeks; lessons go to the next plan version',
  };
  content.exercising = { requiredTests: ['call_cascade', 'tabletop'], maintenance: 'Reviewed after every exercise' };
  return content;
}

/** Who fixtures' writes are recorded as, and when. */
export const FIXTURE_CHANGE: Change = { actor: { userId: null, name: 'Test fixture' }, at: '2026-11-01T09:00:00.000Z' };

/** A plan of the unit whose draft holds `content` (the template by default); returns its id. */
export async function addPlan(db: Db, org: BasicOrganisation, ref: string, content: PlanContent = planTemplate()): Promise<number> {
  return db.transaction().execute((tx) =>
    insertPlan(tx, FIXTURE_CHANGE, { node_id: org.unitId, site_id: null, ref, title: `${ref} plan`, owner_id: org.ownerId, protective_marking: 'OFFICIAL-SENSITIVE' }, content),
  );
}

/** The plan as the write functions name it. */
export async function planIdentity(db: Db, planId: number): Promise<PlanIdentity> {
  return db.selectFrom('plans').select(['id', 'ref', 'node_id']).where('id', '=', planId).executeTakeFirstOrThrow();
}
