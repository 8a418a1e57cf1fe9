/**
 * Demo business continuity plans: one for each division, each unit and each team at its site,
 * all in the standard format the inspectors asked for (HMCPSI, SCCTD paragraph 3.2; IJOCD
 * paragraph 3.13). People and phone numbers are fictional (Ofcom's drama ranges).
 *
 * Their states give the coordinator's pages something to show: most approved, the division's
 * plan at version 2, Special Crime London with a draft after version 1, Extradition never
 * approved but ready, International's draft with sections missing (its old plan was in another
 * format and is being moved over), Appeals and Review's review overdue, and Counter Terrorism
 * with a 40-line call cascade.
 */
import { planTemplate, type CardScenario, type PlanContent } from '../../server/domain/plan-content';
import type { DemoPlan } from './types';

interface Facts {
  unit: string;
  building: string;
  otherSite: string;
  travelTime: string;
  head: string;
  deputy: string;
  coordinator: string;
  loggist: string;
  commsLead: string;
  /** Step-1 callers (the response team) then the staff each of them calls. */
  cascade: { caller: string; calls: string[] }[];
  activities: { activity: string; rto: number; mtpd: number; rpo: number; staff: number; peak: string }[];
  partners: { organisation: string; name: string; phone: string; purpose: string }[];
  /** Out-of-hours numbers by person. */
  phones: Record<string, string>;
}

let phoneSeed = 900100;
/** A fictional mobile number from Ofcom's range for drama. */
function mobile(): string {
  phoneSeed += 7;
  return `07700 ${phoneSeed}`;
}

function phoneOf(facts: Facts, name: string): string {
  facts.phones[name] ??= mobile();
  return facts.phones[name];
}

function card(scenario: CardScenario, role: string, steps: string[]) {
  return { scenario, role, steps };
}

/** A complete plan in the standard format from the facts of one unit or team. */
function planFrom(facts: Facts): PlanContent {
  const content = planTemplate();
  content.documentControl.distribution = [
    { name: facts.head, role: 'Plan owner' },
    { name: facts.deputy, role: 'Deputy; holds a printed copy at home' },
    { name: facts.coordinator, role: 'Business continuity coordinator; keeps the master copy' },
    { name: 'CPS Security and Business Continuity team', role: 'Headquarters copy' },
  ];
  content.purpose = {
    purpose: `To keep the critical casework of ${facts.unit} going through a disruption, and to return to normal working in a controlled way.`,
    scope: `All staff of ${facts.unit} working at ${facts.building}, including agency staff and counsel working on our cases in the building.`,
    assumptions: {
      building: `${facts.building} is unavailable for up to two weeks; staff can reach ${facts.otherSite} or work from home.`,
      staff: 'Up to 40% of staff are absent for up to four weeks (pandemic or severe weather), including some specialist lawyers.',
      it: 'The case management system, email and the shared drive are unavailable for up to three working days; laptops still work offline.',
      supplier: 'The facilities management provider or the IT service provider cannot deliver for up to five working days.',
    },
  };
  content.invocation = {
    triggers: [
      { trigger: `${facts.building} closed, or access denied, for more than four hours in working time` },
      { trigger: 'Case management system or email unavailable for more than one working day' },
      { trigger: 'More than a quarter of staff absent at once, or the loss of a lawyer leading a trial in progress' },
      { trigger: 'A supplier failure that stops hearings being covered' },
    ],
    whoMayInvoke: facts.head,
    deputy: facts.deputy,
    how: `Phone the other of ${facts.head} and ${facts.deputy}, agree the decision, then start the call cascade. The loggist opens the incident log with the time and reason.`,
    meetingPoint: `Ground floor meeting room, ${facts.building}`,
    alternativeMeetingPoint: 'Conference call on the divisional out-of-hours bridge (dial-in held by the response team)',
  };
  content.responseTeam.roles = [
    { role: 'Incident lead', primary: facts.head, alternate: facts.deputy },
    { role: 'Deputy incident lead', primary: facts.deputy, alternate: facts.coordinator },
    { role: 'Loggist', primary: facts.loggist, alternate: facts.coordinator },
    { role: 'Communications lead', primary: facts.commsLead, alternate: facts.loggist },
  ];
  const cascade: PlanContent['contacts']['cascade'] = [];
  for (const leader of facts.cascade) {
    for (const callee of leader.calls) {
      cascade.push({ order: leader.caller === facts.head ? 1 : 2, caller: leader.caller, calls: callee, phone: phoneOf(facts, callee), kind: 'internal' });
    }
  }
  cascade.push({ order: 3, caller: facts.coordinator, calls: 'Facilities helpdesk', phone: '0300 123 0000', kind: 'external' });
  content.contacts = {
    cascade: cascade.sort((a, b) => (a.order ?? 0) - (b.order ?? 0)),
    external: [
      ...facts.partners,
      { organisation: 'IT service desk', name: 'Major incident line', phone: '0300 123 0001', purpose: 'Report loss of systems; ask for priority restoration' },
      { organisation: 'CPS Press Office', name: 'Duty press officer', phone: '020 7946 0400', purpose: 'All media enquiries' },
    ],
  };
  content.criticalActivities.activities = facts.activities.map((a, index) => ({
    activity: a.activity,
    priority: index + 1,
    rtoHours: a.rto,
    mtpdHours: a.mtpd,
    rpoHours: a.rpo,
    minimumStaff: a.staff,
    peakPeriods: a.peak,
  }));
  content.resources.items = [
    { kind: 'people', name: 'Specialist lawyers', detail: 'At least one lawyer with security clearance for each live trial; peer-support pairs cover absence' },
    { kind: 'premises', name: facts.otherSite, detail: `Hot desks agreed with the site's business manager; ${facts.travelTime}` },
    { kind: 'it', name: 'Case management system', detail: 'Hosted nationally; reachable from any CPS laptop over the VPN' },
    { kind: 'it', name: 'Secure email and the Egress portal', detail: 'Used to serve material on defence and courts' },
    { kind: 'records', name: 'Unused material schedules and disclosure record sheets', detail: 'Held on the case management system; paper copies of live trial bundles in the locked store' },
    { kind: 'equipment', name: 'Laptops and encrypted USB keys', detail: 'Every lawyer has a laptop; the coordinator holds 5 spare laptops' },
    { kind: 'supplier', name: 'Facilities management provider', detail: 'Building access, post and secure waste; contract manager named in the external contacts' },
  ];
  content.alternativeWorking = {
    otherSite: `${facts.otherSite}`,
    travelTime: facts.travelTime,
    homeWorking: 'All lawyers and most caseworkers can work from home on laptops; work needing SECRET material moves to the other site only.',
    contact: facts.coordinator,
  };
  content.recovery.cards = [
    card('building', 'Incident lead', [
      'Confirm the closure and its expected length with the facilities helpdesk',
      'Decide whether to invoke the plan; tell the loggist',
      'Start the call cascade: staff work from home until told otherwise',
      'Agree with the courts which hearings need cover tomorrow',
      `Book desks at ${facts.otherSite} for work that cannot be done from home`,
    ]),
    card('building', 'Loggist', ['Open the incident log: time, decision, who decided', 'Record every call made and not answered', 'Send the log to the incident lead at the end of each day']),
    card('it', 'Incident lead', [
      'Report the loss to the IT service desk major incident line',
      'List the hearings in the next three days and the papers they need',
      'Send lawyers with printed trial bundles to court as planned',
      'Ask the courts for adjournments only as a last resort, through the listing office',
    ]),
    card('staff', 'Deputy incident lead', [
      'List who is absent and the live cases they lead',
      'Reassign each trial in progress to the peer-support lawyer',
      'Ask the Division for cover from other units for work that cannot wait',
    ]),
    card('supplier', 'Business continuity coordinator', ['Contact the supplier contract manager', 'Escalate to the Area Business Manager after four hours', 'Arrange interim cover (post collection, secure waste) through the other site']),
  ];
  content.communications.messages = [
    { audience: 'staff', responsible: facts.commsLead, method: 'Call cascade first, then text message and the intranet news page every morning at 08:00' },
    { audience: 'partners', responsible: facts.head, method: 'Phone the court listing offices and police disclosure officers for every hearing in the next three days' },
    { audience: 'public', responsible: 'Victim Liaison Unit', method: 'Victims and witnesses in affected trials told by phone through the Witness Care Units' },
    { audience: 'media', responsible: 'CPS Press Office', method: 'All media enquiries to the Press Office; no member of staff comments' },
  ];
  content.incidentLog = {
    logKeeper: facts.loggist,
    logMethod: 'Paper decision log in the grab bag, typed up each evening and saved to the unit folder',
    standDownAuthority: facts.head,
    standDownCriteria: 'Building and systems back, critical activities within their recovery time objective, and staff told by the cascade',
    debrief: 'Within two weeks of stand-down; lessons learned recorded and the plan updated in the next version',
  };
  content.exercising = {
    requiredTests: ['call_cascade', 'tabletop', 'live'],
    maintenance: 'Reviewed after every exercise or invocation, when the response team changes, and at least once a year',
  };
  return content;
}

const londonPartners = [
  { organisation: 'Central Criminal Court', name: 'Listing office', phone: '020 7946 0100', purpose: 'Hearings that need cover or adjournment' },
  { organisation: 'Metropolitan Police Counter Terrorism Command', name: 'Disclosure liaison', phone: '020 7946 0200', purpose: 'Material and charging advice out of hours' },
];

// Forty people for Counter Terrorism's cascade: five team leaders each calling eight.
const CT_FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Ellie', 'Farid', 'Grace', 'Harry'];
const CT_LAST = ['Okoye', 'Marsh', 'Patel', 'Quinn', 'Rahman'];
const ctLeaders = ['Louise Marchant', 'Tom Hadley', 'Asha Verma', 'Kieran Doyle', 'Miriam Stone'];
// Step 1: the head calls five team leaders; step 2: four leaders call eight each and the last
// calls two; with the facilities helpdesk that is forty lines.
const ctCascade = [
  { caller: 'Imran Siddiqui', calls: ctLeaders },
  ...ctLeaders.map((leader, l) => ({ caller: leader, calls: CT_FIRST.map((first) => `${first} ${CT_LAST[l]}`).slice(0, l === 4 ? 2 : 8) })),
];

const counterTerrorism = planFrom({
  unit: 'the Counter Terrorism Division',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Athena House, York',
  travelTime: 'two hours by train from King\u2019s Cross',
  head: 'Imran Siddiqui',
  deputy: 'Louise Marchant',
  coordinator: 'Hannah Sowerby',
  loggist: 'Tom Hadley',
  commsLead: 'Asha Verma',
  cascade: ctCascade,
  activities: [
    { activity: 'Out-of-hours charging advice to the Counter Terrorism Command', rto: 1, mtpd: 4, rpo: 0, staff: 2, peak: 'Arrest phases of live operations' },
    { activity: 'Trials in progress at the Central Criminal Court', rto: 4, mtpd: 24, rpo: 4, staff: 4, peak: 'Trial weeks of Operation Xenon' },
    { activity: 'Custody time limit reviews', rto: 24, mtpd: 48, rpo: 24, staff: 2, peak: 'None' },
    { activity: 'Disclosure of sensitive material', rto: 48, mtpd: 120, rpo: 24, staff: 3, peak: 'Before trial' },
  ],
  partners: londonPartners,
  phones: {},
});

function standard(facts: Omit<Facts, 'phones' | 'partners'> & { partners?: Facts['partners'] }): PlanContent {
  return planFrom({ partners: londonPartners, ...facts, phones: {} });
}

const smallCascade = (head: string, deputy: string, staff: string[]) => [
  { caller: head, calls: [deputy] },
  { caller: deputy, calls: staff },
];

const appealsAndReview = standard({
  unit: 'the Appeals and Review Unit',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Athena House, York',
  travelTime: 'two hours by train',
  head: 'Rebecca Thorne',
  deputy: 'Jane Whitlock',
  coordinator: 'Hannah Sowerby',
  loggist: 'Owen Price',
  commsLead: 'Jane Whitlock',
  cascade: smallCascade('Rebecca Thorne', 'Jane Whitlock', ['Owen Price', 'Sita Mistry', 'Callum Reeves', 'Nadia Haddad', 'Peter Lomax']),
  activities: [
    { activity: "Victims' Right to Review decisions within the published timescale", rto: 48, mtpd: 240, rpo: 24, staff: 2, peak: 'After quarterly case closures' },
    { activity: 'Court of Appeal hearings', rto: 24, mtpd: 72, rpo: 24, staff: 2, peak: 'Legal terms' },
  ],
});

const specialCrimeLondon = standard({
  unit: 'the Special Crime Division (London)',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Athena House, York',
  travelTime: 'two hours by train',
  head: 'Alistair Bone',
  deputy: 'Fiona Gallagher',
  coordinator: 'Hannah Sowerby',
  loggist: 'Ravi Shah',
  commsLead: 'Fiona Gallagher',
  cascade: smallCascade('Alistair Bone', 'Fiona Gallagher', ['Ravi Shah', 'Emily Carter', 'Joe Brennan', 'Lucy Armitage', 'Samir Aziz', 'Holly Grant']),
  activities: [
    { activity: 'Advice to police on deaths in custody and corporate manslaughter', rto: 24, mtpd: 72, rpo: 24, staff: 2, peak: 'None' },
    { activity: 'Trials in progress', rto: 4, mtpd: 24, rpo: 4, staff: 3, peak: 'Trial weeks' },
    { activity: 'Medical manslaughter reviews', rto: 72, mtpd: 240, rpo: 24, staff: 1, peak: 'None' },
  ],
});

const specialCrimeYork = standard({
  unit: 'the Special Crime York Team',
  building: 'Athena House, York',
  otherSite: 'Rose Court, Southwark Bridge Road, London',
  travelTime: 'two hours by train',
  head: 'Craig Atkinson',
  deputy: 'Beth Holroyd',
  coordinator: 'Hannah Sowerby',
  loggist: 'Nathan Firth',
  commsLead: 'Beth Holroyd',
  cascade: smallCascade('Craig Atkinson', 'Beth Holroyd', ['Nathan Firth', 'Gemma Lund', 'Mohammed Iqbal', 'Anna Dale']),
  activities: [
    { activity: 'Trials in progress at Leeds and Sheffield Crown Courts', rto: 4, mtpd: 24, rpo: 4, staff: 2, peak: 'Trial weeks' },
    { activity: 'Advice to northern police forces', rto: 24, mtpd: 72, rpo: 24, staff: 1, peak: 'None' },
  ],
  partners: [{ organisation: 'Leeds Combined Court Centre', name: 'Listing office', phone: '0113 496 0100', purpose: 'Hearings that need cover' }],
});

const scctdDivision = standard({
  unit: 'the Special Crime and Counter Terrorism Division',
  building: 'Rose Court, London, and Athena House, York',
  otherSite: 'Whichever of London and York is unaffected',
  travelTime: 'two hours by train between them',
  head: 'Frances Delaney',
  deputy: 'Gareth Pryce',
  coordinator: 'Hannah Sowerby',
  loggist: 'Hannah Sowerby',
  commsLead: 'Gareth Pryce',
  cascade: smallCascade('Frances Delaney', 'Gareth Pryce', ['Rebecca Thorne', 'Imran Siddiqui', 'Alistair Bone', 'Craig Atkinson']),
  activities: [
    { activity: 'Counter terrorism charging advice (through the unit plan)', rto: 1, mtpd: 4, rpo: 0, staff: 2, peak: 'Live operations' },
    { activity: 'Trials in progress across the Division', rto: 4, mtpd: 24, rpo: 4, staff: 6, peak: 'Trial weeks' },
    { activity: 'Divisional Strategic Board and reporting to Headquarters', rto: 120, mtpd: 480, rpo: 24, staff: 1, peak: 'Quarter ends' },
  ],
});

const ijocdPartners = [
  { organisation: 'Westminster Magistrates\u2019 Court', name: 'Extradition listing', phone: '020 7946 0300', purpose: 'Extradition hearings that need cover' },
  { organisation: 'Home Office International Criminality Unit', name: 'Duty officer', phone: '020 7946 0310', purpose: 'Incoming requests and treaty deadlines' },
];

const ijocd = (facts: Omit<Facts, 'phones' | 'partners'>) => planFrom({ ...facts, partners: ijocdPartners, phones: {} });

const ijocdDivision = ijocd({
  unit: 'the International Justice and Organised Crime Division',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Colmore Gate, Birmingham',
  travelTime: 'ninety minutes by train from Euston',
  head: 'Nicola Ferreira',
  deputy: 'Stephen Mulligan',
  coordinator: 'Stephen Mulligan',
  loggist: 'Chioma Eze',
  commsLead: 'Stephen Mulligan',
  cascade: smallCascade('Nicola Ferreira', 'Stephen Mulligan', ['Ruth Adeyemi', 'Jonathan Carew', 'Sarah Kowalczyk', 'Marcus Reid', 'Eleanor Voss']),
  activities: [
    { activity: 'Extradition hearings with statutory deadlines', rto: 4, mtpd: 24, rpo: 4, staff: 3, peak: 'Every sitting day' },
    { activity: 'Organised crime trials in progress', rto: 4, mtpd: 24, rpo: 4, staff: 4, peak: 'Trial weeks' },
    { activity: 'Mutual legal assistance requests', rto: 72, mtpd: 240, rpo: 24, staff: 2, peak: 'None' },
  ],
});

const extradition = ijocd({
  unit: 'the Extradition Unit',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Colmore Gate, Birmingham',
  travelTime: 'ninety minutes by train',
  head: 'Ruth Adeyemi',
  deputy: 'Daniel Osei',
  coordinator: 'Stephen Mulligan',
  loggist: 'Kate Bellamy',
  commsLead: 'Daniel Osei',
  cascade: smallCascade('Ruth Adeyemi', 'Daniel Osei', ['Kate Bellamy', 'Marta Novak', 'Liam Byrne', 'Priti Desai']),
  activities: [
    { activity: 'Initial hearings after arrest on a warrant (statutory time limits)', rto: 2, mtpd: 8, rpo: 0, staff: 2, peak: 'Mondays, after weekend arrests' },
    { activity: 'Full extradition hearings', rto: 24, mtpd: 48, rpo: 24, staff: 2, peak: 'None' },
  ],
});

const international = ijocd({
  unit: 'the International Unit',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Colmore Gate, Birmingham',
  travelTime: 'ninety minutes by train',
  head: 'Jonathan Carew',
  deputy: 'Aisha Malik',
  coordinator: 'Stephen Mulligan',
  loggist: 'Hugo Laurent',
  commsLead: 'Aisha Malik',
  cascade: smallCascade('Jonathan Carew', 'Aisha Malik', ['Hugo Laurent', 'Zara Khan', 'Iain Ross']),
  activities: [{ activity: 'Outgoing letters of request with court deadlines', rto: 48, mtpd: 120, rpo: 24, staff: 1, peak: 'None' }],
});
// Moved over from the unit's old format: the cascade, action cards and stand-down are still to do.
international.contacts.cascade = [];
international.recovery.cards = [];
international.responseTeam.roles = international.responseTeam.roles.map((r) => (r.role === 'Loggist' ? { ...r, alternate: '' } : r));
international.incidentLog.standDownAuthority = '';

const organisedCrimeLondon = ijocd({
  unit: 'the Organised Crime Division (London)',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Colmore Gate, Birmingham',
  travelTime: 'ninety minutes by train',
  head: 'Sarah Kowalczyk',
  deputy: 'Graham Pike',
  coordinator: 'Stephen Mulligan',
  loggist: 'Yasmin Ali',
  commsLead: 'Graham Pike',
  cascade: smallCascade('Sarah Kowalczyk', 'Graham Pike', ['Yasmin Ali', 'Connor Walsh', 'Rebecca Moss', 'Tariq Hussain', 'Ellen Forde']),
  activities: [
    { activity: 'Trials in progress (multi-defendant)', rto: 4, mtpd: 24, rpo: 4, staff: 3, peak: 'Trial weeks' },
    { activity: 'Restraint and confiscation orders', rto: 24, mtpd: 72, rpo: 24, staff: 1, peak: 'After conviction' },
  ],
});

const organisedCrimeBirmingham = ijocd({
  unit: 'the Organised Crime Birmingham Team',
  building: 'Colmore Gate, Birmingham',
  otherSite: 'Sunlight House, Manchester',
  travelTime: 'ninety minutes by train from New Street',
  head: 'Marcus Reid',
  deputy: 'Lauren Chadwick',
  coordinator: 'Stephen Mulligan',
  loggist: 'Harpreet Sandhu',
  commsLead: 'Lauren Chadwick',
  cascade: smallCascade('Marcus Reid', 'Lauren Chadwick', ['Harpreet Sandhu', 'Declan Fry', 'Simone Clarke']),
  activities: [{ activity: 'Trials in progress at Birmingham Crown Court', rto: 4, mtpd: 24, rpo: 4, staff: 2, peak: 'Trial weeks' }],
});
organisedCrimeBirmingham.contacts.external[0] = { organisation: 'Birmingham Crown Court', name: 'Listing office', phone: '0121 496 0100', purpose: 'Hearings that need cover' };

const strategyAndPolicy = ijocd({
  unit: 'the International Strategy and Policy Unit',
  building: 'Rose Court, Southwark Bridge Road, London',
  otherSite: 'Colmore Gate, Birmingham',
  travelTime: 'ninety minutes by train',
  head: 'Eleanor Voss',
  deputy: 'Philip Grange',
  coordinator: 'Stephen Mulligan',
  loggist: 'Mei Lin',
  commsLead: 'Philip Grange',
  cascade: smallCascade('Eleanor Voss', 'Philip Grange', ['Mei Lin', 'Oliver Hart']),
  activities: [{ activity: 'Briefing for ministers and the Attorney General\u2019s Office on treaty negotiations', rto: 72, mtpd: 240, rpo: 24, staff: 1, peak: 'Negotiating rounds' }],
});

/** The same plan a year earlier: fewer triggers, no supplier card, an older deputy. */
function earlierVersion(content: PlanContent): PlanContent {
  const earlier = structuredClone(content);
  earlier.invocation.triggers = earlier.invocation.triggers.slice(0, 2);
  earlier.recovery.cards = earlier.recovery.cards.filter((c) => c.scenario !== 'supplier');
  earlier.exercising.requiredTests = ['call_cascade', 'tabletop'];
  return earlier;
}

/** Special Crime London's next version, in progress: the York office now takes overflow trials. */
function specialCrimeDraft(): PlanContent {
  const draft = structuredClone(specialCrimeLondon);
  draft.alternativeWorking.otherSite = 'Athena House, York (six desks held for the London team on trial weeks)';
  draft.invocation.triggers.push({ trigger: 'Industrial action affecting court staff at the Central Criminal Court' });
  return draft;
}

export const demoPlans: DemoPlan[] = [
  {
    nodeKey: 'scctd',
    siteKey: null,
    title: 'Special Crime and Counter Terrorism Division business continuity plan',
    ownerKey: 'frances-delaney',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [
      { monthsAgo: 15, approverKey: 'frances-delaney', changeSummary: 'First issue in the standard format, replacing the unit plans\u2019 own formats', content: earlierVersion(scctdDivision) },
      { monthsAgo: 3, approverKey: 'frances-delaney', changeSummary: 'Annual review: supplier failure card and live exercise added after the tabletop exercise', content: scctdDivision },
    ],
  },
  {
    nodeKey: 'scctd-aru',
    siteKey: 'london',
    title: 'Appeals and Review Unit business continuity plan',
    ownerKey: 'rebecca-thorne',
    marking: 'OFFICIAL-SENSITIVE',
    // Approved thirteen months ago: its annual review is overdue.
    approved: [{ monthsAgo: 13, approverKey: 'frances-delaney', changeSummary: 'First issue in the standard format', content: appealsAndReview }],
  },
  {
    nodeKey: 'scctd-ct',
    siteKey: 'london',
    title: 'Counter Terrorism Division business continuity plan',
    ownerKey: 'imran-siddiqui',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [{ monthsAgo: 5, approverKey: 'frances-delaney', changeSummary: 'First issue in the standard format; full call cascade of the unit', content: counterTerrorism }],
  },
  {
    nodeKey: 'scctd-sc',
    siteKey: 'london',
    title: 'Special Crime Division (London) business continuity plan',
    ownerKey: 'alistair-bone',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [{ monthsAgo: 8, approverKey: 'frances-delaney', changeSummary: 'First issue in the standard format', content: specialCrimeLondon }],
    draft: { content: specialCrimeDraft(), changeSummary: 'York overflow desks; industrial action trigger', editor: 'Hannah Sowerby' },
  },
  {
    nodeKey: 'scctd-sc-york',
    siteKey: 'york',
    title: 'Special Crime York Team business continuity plan',
    ownerKey: 'craig-atkinson',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [{ monthsAgo: 7, approverKey: 'alistair-bone', changeSummary: 'First issue in the standard format', content: specialCrimeYork }],
  },
  {
    nodeKey: 'ijocd',
    siteKey: null,
    title: 'International Justice and Organised Crime Division business continuity plan',
    ownerKey: 'nicola-ferreira',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [{ monthsAgo: 4, approverKey: 'nicola-ferreira', changeSummary: 'First issue in the standard format', content: ijocdDivision }],
  },
  {
    nodeKey: 'ijocd-ext',
    siteKey: 'london',
    title: 'Extradition Unit business continuity plan',
    ownerKey: 'ruth-adeyemi',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [],
    draft: { content: extradition, changeSummary: 'Moved into the standard format from the unit\u2019s desk-top guide', editor: 'Stephen Mulligan' },
  },
  {
    nodeKey: 'ijocd-int',
    siteKey: 'london',
    title: 'International Unit business continuity plan',
    ownerKey: 'jonathan-carew',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [],
    draft: { content: international, changeSummary: 'Being moved over from the unit\u2019s old plan', editor: 'Stephen Mulligan' },
  },
  {
    nodeKey: 'ijocd-oc',
    siteKey: 'london',
    title: 'Organised Crime Division (London) business continuity plan',
    ownerKey: 'sarah-kowalczyk',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [{ monthsAgo: 6, approverKey: 'nicola-ferreira', changeSummary: 'First issue in the standard format', content: organisedCrimeLondon }],
  },
  {
    nodeKey: 'ijocd-oc-bhm',
    siteKey: 'birmingham',
    title: 'Organised Crime Birmingham Team business continuity plan',
    ownerKey: 'marcus-reid',
    marking: 'OFFICIAL-SENSITIVE',
    approved: [{ monthsAgo: 6, approverKey: 'sarah-kowalczyk', changeSummary: 'First issue in the standard format', content: organisedCrimeBirmingham }],
  },
  {
    nodeKey: 'ijocd-isp',
    siteKey: 'london',
    title: 'International Strategy and Policy Unit business continuity plan',
    ownerKey: 'eleanor-voss',
    marking: 'OFFICIAL',
    approved: [{ monthsAgo: 9, approverKey: 'nicola-ferreira', changeSummary: 'First issue in the standard format', content: strategyAndPolicy }],
  },
];
