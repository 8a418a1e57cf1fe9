// Print models of business continuity plans, as plan storage will hand them to the printer:
// a full plan with realistic text, a call cascade of any length, and a division's pack.
import type { PlanPackDocument, PlanPrintDocument, PrintSection } from '../../server/print/plan-document';

export const SECTION_TITLES = [
  'Purpose, scope and planning assumptions',
  'Invocation',
  'Response team',
  'Contacts and call cascade',
  'Critical activities',
  'Resources and dependencies',
  'Alternative working',
  'Recovery steps and action cards',
  'Communications',
  'Incident log and stand-down',
  'Exercising and maintenance',
] as const;

const FIRST_NAMES = ['Priya', 'Tom', 'Aisha', 'Gareth', 'Mei', 'Declan', 'Fatima', 'Owen', 'Sophie', 'Kwame', 'Ruth', 'Imran', 'Helen', 'Luca', 'Niamh', 'Ben', 'Zara', 'Euan', 'Grace', 'Ravi'];
const SURNAMES = ['Shah', 'Fletcher', 'Okafor', 'Price', 'Chen', 'Byrne', 'Hussain', 'Lloyd', 'Turner', 'Mensah', 'Adeyemi', 'Malik', 'Grant', 'Romano', 'Kelly', 'Harris', 'Ahmed', 'Fraser', 'Wood', 'Patel'];

function person(n: number): string {
  return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${SURNAMES[(n * 7) % SURNAMES.length]}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A call cascade of `rows` calls. Each row names "Caller NN" first and ends its last cell with
 * "(log NN)" after enough text to wrap, so a row cut across two pages shows as those two on different pages.
 */
export function callCascadeRows(rows: number): string[][] {
  return Array.from({ length: rows }, (_, index) => {
    const n = index + 1;
    const caller = n <= 3 ? 1 : Math.ceil(n / 3);
    return [
      two(n),
      `Caller ${two(caller)}: ${person(caller)}`,
      `${person(n + 20)}, ${n % 4 === 0 ? 'Paralegal officer' : n % 3 === 0 ? 'Senior Crown Prosecutor' : 'Caseworker'}`,
      `07700 9${String(10000 + n * 37).slice(-5)}\n020 3357 ${String(1000 + n).slice(-4)}`,
      `If there is no answer within ten minutes leave a voicemail and a text message, then try the alternate named in section 3 and note the time reached (log ${two(n)})`,
    ];
  });
}

export interface SamplePlanOptions {
  planRef?: string;
  title?: string;
  scope?: string;
  draft?: boolean;
  version?: number;
  protectiveMarking?: string;
  cascadeRows?: number;
}

/** A unit's plan in the standard format, every section filled as a coordinator would. */
export function samplePlan(options: SamplePlanOptions = {}): PlanPrintDocument {
  const version = options.version ?? 3;
  const draft = options.draft ?? false;
  const planRef = options.planRef ?? 'BCP-SCCTD-CTD-LON';
  const sections: PrintSection[] = [
    {
      number: 1,
      title: SECTION_TITLES[0],
      blocks: [
        { kind: 'guidance', text: 'Say what the plan covers and what it assumes. Keep each assumption to one line.' },
        {
          kind: 'text',
          paragraphs: [
            'This plan sets out how the Counter Terrorism Division will keep its critical casework running, and recover the rest, after a disruption at Rose Court or to the systems and people the Division relies on.',
            'It covers the London casework teams, the duty lawyer rota and the Division\'s share of the Rose Court building. The York team has its own plan (BCP-SCCTD-CTD-YRK) and is the first alternative for London work.',
          ],
        },
        {
          kind: 'fields',
          heading: 'Planning assumptions',
          rows: [
            { label: 'Loss of building', value: 'Rose Court unavailable for up to two weeks; staff work from home or from York.' },
            { label: 'Loss of staff', value: 'Up to 40% of staff absent for four weeks (pandemic planning figure).' },
            { label: 'Loss of IT', value: 'Case management system unavailable for up to 48 hours; email and Teams available on personal devices.' },
            { label: 'Loss of supplier', value: 'Secure courier unavailable for up to five working days.' },
          ],
        },
      ],
    },
    {
      number: 2,
      title: SECTION_TITLES[1],
      blocks: [
        {
          kind: 'list',
          heading: 'Triggers',
          ordered: false,
          items: [
            'Rose Court is closed, or access is refused by the building manager or the police.',
            'More than a quarter of the London team cannot work for more than one day.',
            'The case management system or secure email is unavailable for more than four hours during a court day.',
            'A charging decision or hearing deadline in the next 48 hours is at risk.',
          ],
        },
        {
          kind: 'fields',
          heading: 'Who may invoke',
          rows: [
            { label: 'Invoked by', value: 'Head of Division (Gold)' },
            { label: 'Deputy', value: 'Deputy Head of Division, or the Area Business Manager out of hours' },
            { label: 'How', value: 'Call the duty manager on 020 3357 0000, then email the response team using the "BCP invoked" template' },
            { label: 'Where the team meets', value: 'Room 4.12, York office; or the standing Teams meeting "CTD incident room"' },
          ],
        },
      ],
    },
    {
      number: 3,
      title: SECTION_TITLES[2],
      blocks: [{
        kind: 'table',
        columns: ['Role', 'Primary', 'Alternate', 'Responsibilities'],
        rows: [
          ['Gold (strategic)', 'Head of Division', 'Deputy Head of Division', 'Decides to invoke and stand down; agrees priorities with the Director of Legal Services'],
          ['Silver (tactical)', 'Area Business Manager', 'Senior Operations Manager', 'Runs the response, keeps the incident log, reports to Gold every four hours'],
          ['Bronze (casework)', 'Unit Head, London', 'Unit Head, York', 'Reallocates hearings and charging decisions, tells the courts and police'],
          ['Communications', 'Communications Business Partner', 'Area Business Manager', 'Staff messages, partner updates, press lines agreed with HQ press office'],
          ['IT and facilities', 'Digital Business Partner', 'Facilities Manager', 'Liaises with the IT service desk and the building manager'],
        ],
      }],
    },
    {
      number: 4,
      title: SECTION_TITLES[3],
      blocks: [
        {
          kind: 'table',
          heading: 'Call cascade',
          columns: ['No.', 'Caller', 'Calls', 'Telephone', 'If no answer'],
          rows: callCascadeRows(options.cascadeRows ?? 12),
        },
        {
          kind: 'table',
          heading: 'External contacts',
          columns: ['Organisation', 'Contact', 'Telephone', 'When to call'],
          rows: [
            ['Metropolitan Police Counter Terrorism Command', 'Case liaison desk', '020 7230 1212', 'Any hearing or charging decision at risk'],
            ['Westminster Magistrates\' Court', 'Listing office', '020 3126 3050', 'Hearings in the next five working days'],
            ['Central Criminal Court', 'Listing office', '020 7192 2739', 'Trials in progress'],
            ['Rose Court building manager', 'Security control room', '020 3357 0999', 'Access, alarms, evacuation'],
            ['Secure courier (Government contract)', 'Account manager', '0345 600 4430', 'Collection of sensitive material'],
          ],
        },
      ],
    },
    {
      number: 5,
      title: SECTION_TITLES[4],
      blocks: [{
        kind: 'table',
        columns: ['Priority', 'Activity', 'RTO', 'MTPD', 'RPO', 'Minimum staff', 'Peak periods'],
        rows: [
          ['1', 'Charging decisions for suspects in custody', '4 hours', '24 hours', 'None', '3 lawyers', 'Any time; weekends via duty rota'],
          ['1', 'First hearings at Westminster Magistrates\' Court', '1 day', '2 days', '1 day', '2 lawyers, 1 caseworker', 'Monday mornings'],
          ['2', 'Trials in progress at the Central Criminal Court', '1 day', '3 days', '1 day', '1 lawyer per trial', 'Term time'],
          ['2', 'Disclosure in live cases', '3 days', '10 days', '1 day', '4 caseworkers', 'Before trial dates'],
          ['3', 'Extradition and mutual legal assistance correspondence', '5 days', '15 days', '5 days', '1 lawyer', 'None'],
          ['4', 'Training, business planning and returns', '20 days', '40 days', '10 days', 'None', 'Quarter ends'],
        ],
      }],
    },
    {
      number: 6,
      title: SECTION_TITLES[5],
      blocks: [
        {
          kind: 'table',
          heading: 'Systems and vital records',
          columns: ['Resource', 'Kind', 'Needed for', 'Fallback'],
          rows: [
            ['Case management system', 'IT system', 'All casework', 'Paper case files held in the York secure store; daily printed hearings list'],
            ['Secure email (CJSM)', 'IT system', 'Serving material on the defence and courts', 'Secure courier; hand delivery by the duty caseworker'],
            ['Duty rota and staff contact list', 'Vital record', 'Call cascade', 'Printed copy held by Gold, Silver and Bronze at home'],
            ['Sensitive unused material', 'Vital record', 'Disclosure', 'Police hold master copies; reviewed at police premises'],
            ['Laptops and tokens', 'Equipment', 'Home working', '20 spare laptops held in York'],
            ['Secure courier', 'Supplier', 'Moving sensitive papers', 'Two named police exhibits officers'],
          ],
        },
      ],
    },
    {
      number: 7,
      title: SECTION_TITLES[6],
      blocks: [{
        kind: 'fields',
        rows: [
          { label: 'Other site', value: 'CPS York, 27 Tanner Row: 12 desks on the fourth floor held for London staff' },
          { label: 'Home working', value: 'All lawyers and caseworkers have laptops; sensitive material is never taken home' },
          { label: 'Travel time', value: 'About 2 hours by train from King\'s Cross; tickets booked through the travel desk under the BCP reference' },
          { label: 'Contact at the other site', value: 'York Office Manager, 01904 545 400' },
        ],
      }],
    },
    {
      number: 8,
      title: SECTION_TITLES[7],
      blocks: [{
        kind: 'cards',
        cards: [
          {
            title: 'Loss of Rose Court',
            subtitle: 'Silver (Area Business Manager)',
            steps: [
              'Confirm with the building manager how long the building will be closed.',
              'Tell Gold and agree whether to invoke this plan.',
              'Start the call cascade in section 4; ask every team leader to confirm their staff are safe.',
              'Book the York desks and the travel desk for the priority 1 teams.',
              'Ask the IT service desk to move desk phones to mobiles.',
              'Open the incident log and record each decision with the time.',
            ],
          },
          {
            title: 'Loss of the case management system',
            subtitle: 'Bronze (Unit Head, London)',
            steps: [
              'Print today\'s and tomorrow\'s hearings list from the last overnight export.',
              'Move charging decisions to the paper MG3 process.',
              'Tell the police case liaison desk and the listing offices.',
              'Log every decision taken on paper for later entry.',
            ],
          },
          {
            title: 'Loss of staff',
            subtitle: 'Gold (Head of Division)',
            steps: [
              'Agree with the Director of Legal Services which priority 3 and 4 work stops.',
              'Ask York and the Special Crime Division for cover for priority 1 work.',
              'Review the duty rota daily.',
            ],
          },
        ],
      }],
    },
    {
      number: 9,
      title: SECTION_TITLES[8],
      blocks: [{
        kind: 'table',
        columns: ['Audience', 'Message', 'Channel', 'Who'],
        rows: [
          ['Staff', 'Where to work, who to call, welfare support', 'Text message, then email', 'Communications Business Partner'],
          ['Police and courts', 'Which hearings and decisions are affected and who covers them', 'Telephone, then secure email', 'Bronze'],
          ['Defence', 'Changes to service of material', 'Secure email', 'Case lawyers'],
          ['Public and media', 'Holding line agreed with HQ press office only', 'HQ press office', 'Gold'],
        ],
      }],
    },
    {
      number: 10,
      title: SECTION_TITLES[9],
      blocks: [
        { kind: 'text', paragraphs: ['Silver keeps the incident log from the moment the plan is invoked: each decision, who took it, when and why. The log is the record the lessons-learned review works from.'] },
        {
          kind: 'list',
          heading: 'Stand-down',
          ordered: true,
          items: [
            'Gold confirms the building, systems and staffing are back to normal.',
            'Silver tells everyone on the call cascade that the plan is stood down.',
            'Silver closes the incident log and books a debrief within ten working days.',
            'Lessons learned become actions on the exercise record of this plan.',
          ],
        },
      ],
    },
    {
      number: 11,
      title: SECTION_TITLES[10],
      blocks: [{
        kind: 'table',
        columns: ['Test', 'Every', 'Last done', 'Next due'],
        rows: [
          ['Call cascade', '6 months', '14 Jul 2026', '14 Jan 2027'],
          ['Tabletop exercise', '12 months', '3 Mar 2026', '3 Mar 2027'],
          ['Live exercise', '36 months', 'Not yet done', '12 Sep 2026 (overdue)'],
        ],
      }],
    },
  ];
  return {
    header: {
      planRef,
      title: options.title ?? 'Counter Terrorism Division business continuity plan',
      scope: options.scope ?? 'Counter Terrorism Division, London (Rose Court)',
      versionLabel: draft ? `Draft (after version ${version})` : `Version ${version}`,
      draft,
      status: draft ? 'Draft, not approved' : 'Approved',
      owner: 'Area Business Manager, Special Crime and Counter Terrorism Division',
      approver: draft ? 'Not yet approved' : 'Head of Division',
      approvedOn: draft ? '' : '2 June 2026',
      nextReviewDue: draft ? '' : '2 June 2027',
      protectiveMarking: options.protectiveMarking ?? 'OFFICIAL-SENSITIVE',
      printedOn: '23 November 2026',
    },
    changeHistory: [
      { version: '1', date: '14 May 2024', by: 'Area Business Manager', summary: 'First plan in the standard format' },
      { version: '2', date: '20 May 2025', by: 'Area Business Manager', summary: 'York desks added; cascade updated after the March tabletop exercise' },
      { version: '3', date: '2 June 2026', by: 'Senior Operations Manager', summary: 'Critical activities re-ranked after the business impact analysis' },
    ].slice(0, version),
    distribution: [
      { name: 'Head of Division', role: 'Gold' },
      { name: 'Deputy Head of Division', role: 'Gold (deputy)' },
      { name: 'Area Business Manager', role: 'Silver, plan owner' },
      { name: 'Unit Heads, London and York', role: 'Bronze' },
      { name: 'Strategic Risk and Assurance, HQ', role: 'Assurance copy' },
    ],
    sections,
  };
}

const PACK_UNITS = ['Extradition', 'International', 'Organised Crime', 'International Strategy and Policy', 'Proceeds of Crime'];
const PACK_SITES = ['London (102 Petty France)', 'Manchester', 'Birmingham', 'York'];

/** Every plan of a division: `count` plans, one a draft, each with its own id and version. */
export function divisionPack(count = 20): PlanPackDocument {
  const plans = Array.from({ length: count }, (_, index) => {
    const unit = PACK_UNITS[index % PACK_UNITS.length] ?? 'Unit';
    const site = PACK_SITES[Math.floor(index / PACK_UNITS.length) % PACK_SITES.length] ?? 'London';
    const code = unit.split(' ').map((word) => word[0]).join('').toUpperCase();
    return samplePlan({
      planRef: `BCP-IJOCD-${code}-${two(index + 1)}`,
      title: `${unit} business continuity plan`,
      scope: `${unit}, ${site}`,
      version: 1 + (index % 3),
      draft: index === 4,
      cascadeRows: 8 + (index % 5) * 3,
    });
  });
  return {
    title: 'Business continuity plans',
    scope: 'International Justice and Organised Crime Division and everything below it',
    printedOn: '23 November 2026',
    protectiveMarking: 'OFFICIAL-SENSITIVE',
    plans,
  };
}
