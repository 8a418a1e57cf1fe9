/**
 * Demo organisation for Bulwark: two Central Casework Divisions of the Crown Prosecution
 * Service, modelled on the HMCPSI inspections of the Special Crime and Counter Terrorism
 * Division and the International Justice and Organised Crime Division. The people, the
 * operation and the figures are fictional.
 *
 * The data deliberately keeps some of the weaknesses the inspectors found, so that the HQ
 * quality findings and the quarterly challenge have something to show:
 * - two risks with no existing controls and no further actions (IJOCD-INT, IJOCD-ISP);
 * - a tolerated risk above appetite with no recorded acceptance (IJOCD-EXT);
 * - a risk whose target is above its current score (SCCTD-ARU, Victims' Right to Review);
 * - a score lowered this quarter with no completed action behind it (HQ-DISC, training);
 * - about a quarter of risks not yet reviewed this quarter, three with overdue reviews,
 *   overdue actions and actions with no owner;
 * - a Counter Terrorism case register (Operation Xenon) and none yet in Special Crime.
 *
 * Everything is relative to today: quartersAgo 0 is the current quarter. Completed actions
 * are dated on the assumption that a review n quarters ago sits roughly 91 × n days back.
 */
import { joinedRisks } from './demo-joined';
import type { DEFAULT_CATEGORIES } from '../../server/domain/vocabulary';
import { demoPlans } from './demo-plans';
import { demoExercises, demoPlanRisks } from './demo-exercises';
import type {
  DemoNode,
  DemoOrganisation,
  DemoPerson,
  DemoRegister,
  DemoReview,
  DemoRisk,
  DemoSite,
  DemoUser,
  Score,
} from './types';

const OBJECTIVES = [
  'Deliver high quality casework',
  'Support victims and witnesses',
  'Value and develop our people',
  'Use digital capability to work efficiently',
  'Maintain public confidence',
  'Manage our resources efficiently',
] as const;

type Category = (typeof DEFAULT_CATEGORIES)[number];
type Objective = (typeof OBJECTIVES)[number];

/** A demo risk whose category and objective are checked against the lists at compile time. */
interface Risk extends DemoRisk {
  category: Category;
  objective: Objective;
}

interface ReviewNotes {
  commentary: string;
  mitigatingAction: string;
  furtherAction: string;
  /** Defaults to true. */
  stillValid?: boolean;
}

function review(quartersAgo: number, reviewerKey: string, current: Score, notes: ReviewNotes): DemoReview {
  return { quartersAgo, reviewerKey, current, ...notes, stillValid: notes.stillValid ?? true };
}

const sites: DemoSite[] = [
  {
    key: 'london',
    name: 'London',
    address: 'Rose Court, 2 Southwark Bridge Road, London SE1 9HS',
  },
  {
    key: 'york',
    name: 'York',
    address: 'Athena House, Kettlestring Lane, York YO30 4XF',
  },
  {
    key: 'birmingham',
    name: 'Birmingham',
    address: 'Colmore Gate, 2 Colmore Row, Birmingham B3 2QA',
  },
  {
    key: 'manchester',
    name: 'Manchester',
    address: 'Sunlight House, 32 Quay Street, Manchester M3 3LU',
  },
];

const nodes: DemoNode[] = [
  {
    key: 'hq',
    parentKey: null,
    kind: 'organisation',
    name: 'Crown Prosecution Service Headquarters',
    code: 'HQ',
    siteKeys: ['london'],
  },

  // Special Crime and Counter Terrorism Division: three units over London and York.
  {
    key: 'scctd',
    parentKey: 'hq',
    kind: 'division',
    name: 'Special Crime and Counter Terrorism Division',
    code: 'SCCTD',
    siteKeys: ['london', 'york'],
  },
  {
    key: 'scctd-aru',
    parentKey: 'scctd',
    kind: 'unit',
    name: 'Appeals and Review Unit',
    code: 'SCCTD-ARU',
    siteKeys: ['london'],
  },
  {
    key: 'scctd-ct',
    parentKey: 'scctd',
    kind: 'unit',
    name: 'Counter Terrorism Division',
    code: 'SCCTD-CT',
    siteKeys: ['london'],
  },
  {
    key: 'scctd-sc',
    parentKey: 'scctd',
    kind: 'unit',
    name: 'Special Crime Division',
    code: 'SCCTD-SC',
    siteKeys: ['london', 'york'],
  },
  {
    key: 'scctd-sc-york',
    parentKey: 'scctd-sc',
    kind: 'team',
    name: 'Special Crime York Team',
    code: 'SCCTD-SC-YORK',
    siteKeys: ['york'],
  },

  // International Justice and Organised Crime Division: four units, Organised Crime at three locations.
  {
    key: 'ijocd',
    parentKey: 'hq',
    kind: 'division',
    name: 'International Justice and Organised Crime Division',
    code: 'IJOCD',
    siteKeys: ['london', 'birmingham', 'manchester'],
  },
  {
    key: 'ijocd-ext',
    parentKey: 'ijocd',
    kind: 'unit',
    name: 'Extradition Unit',
    code: 'IJOCD-EXT',
    siteKeys: ['london'],
  },
  {
    key: 'ijocd-int',
    parentKey: 'ijocd',
    kind: 'unit',
    name: 'International Unit',
    code: 'IJOCD-INT',
    siteKeys: ['london'],
  },
  {
    key: 'ijocd-oc',
    parentKey: 'ijocd',
    kind: 'unit',
    name: 'Organised Crime Division',
    code: 'IJOCD-OC',
    siteKeys: ['london', 'birmingham', 'manchester'],
  },
  {
    key: 'ijocd-oc-bhm',
    parentKey: 'ijocd-oc',
    kind: 'team',
    name: 'Organised Crime Birmingham Team',
    code: 'IJOCD-OC-BHM',
    siteKeys: ['birmingham'],
  },
  {
    key: 'ijocd-isp',
    parentKey: 'ijocd',
    kind: 'unit',
    name: 'International Strategy and Policy Unit',
    code: 'IJOCD-ISP',
    siteKeys: ['london'],
  },
];

const people: DemoPerson[] = [
  // Headquarters
  {
    key: 'priya-raman',
    name: 'Priya Raman',
    email: 'priya.raman@cps.example.gov.uk',
    jobTitle: 'Head of Strategic Risk and Assurance',
    nodeKey: 'hq',
  },
  {
    key: 'deborah-okafor',
    name: 'Deborah Okafor',
    email: 'deborah.okafor@cps.example.gov.uk',
    jobTitle: 'Deputy Director of Legal Services (National Disclosure Lead)',
    nodeKey: 'hq',
  },

  // Special Crime and Counter Terrorism Division
  {
    key: 'frances-delaney',
    name: 'Frances Delaney',
    email: 'frances.delaney@cps.example.gov.uk',
    jobTitle: 'Head of Division',
    nodeKey: 'scctd',
  },
  {
    key: 'gareth-pryce',
    name: 'Gareth Pryce',
    email: 'gareth.pryce@cps.example.gov.uk',
    jobTitle: 'Area Business Manager',
    nodeKey: 'scctd',
  },
  {
    key: 'hannah-sowerby',
    name: 'Hannah Sowerby',
    email: 'hannah.sowerby@cps.example.gov.uk',
    jobTitle: 'Business Continuity Coordinator',
    nodeKey: 'scctd',
  },
  {
    key: 'rebecca-thorne',
    name: 'Rebecca Thorne',
    email: 'rebecca.thorne@cps.example.gov.uk',
    jobTitle: 'Deputy Head of Division (Appeals and Review)',
    nodeKey: 'scctd-aru',
  },
  {
    key: 'imran-siddiqui',
    name: 'Imran Siddiqui',
    email: 'imran.siddiqui@cps.example.gov.uk',
    jobTitle: 'Deputy Head of Division (Counter Terrorism)',
    nodeKey: 'scctd-ct',
  },
  {
    key: 'louise-marchant',
    name: 'Louise Marchant',
    email: 'louise.marchant@cps.example.gov.uk',
    jobTitle: 'Senior Crown Prosecutor',
    nodeKey: 'scctd-ct',
  },
  {
    key: 'alistair-bone',
    name: 'Alistair Bone',
    email: 'alistair.bone@cps.example.gov.uk',
    jobTitle: 'Deputy Head of Division (Special Crime)',
    nodeKey: 'scctd-sc',
  },
  {
    key: 'craig-atkinson',
    name: 'Craig Atkinson',
    email: 'craig.atkinson@cps.example.gov.uk',
    jobTitle: 'Operations Manager',
    nodeKey: 'scctd-sc-york',
  },

  // International Justice and Organised Crime Division
  {
    key: 'nicola-ferreira',
    name: 'Nicola Ferreira',
    email: 'nicola.ferreira@cps.example.gov.uk',
    jobTitle: 'Head of Division',
    nodeKey: 'ijocd',
  },
  {
    key: 'stephen-mulligan',
    name: 'Stephen Mulligan',
    email: 'stephen.mulligan@cps.example.gov.uk',
    jobTitle: 'Divisional Business Manager',
    nodeKey: 'ijocd',
  },
  {
    key: 'paul-ingram',
    name: 'Paul Ingram',
    email: 'paul.ingram@cps.example.gov.uk',
    jobTitle: 'Project Manager, Digital Case Transfer',
    nodeKey: 'ijocd',
  },
  {
    key: 'ruth-adeyemi',
    name: 'Ruth Adeyemi',
    email: 'ruth.adeyemi@cps.example.gov.uk',
    jobTitle: 'Deputy Head of Division (Extradition)',
    nodeKey: 'ijocd-ext',
  },
  {
    key: 'jonathan-carew',
    name: 'Jonathan Carew',
    email: 'jonathan.carew@cps.example.gov.uk',
    jobTitle: 'Deputy Head of Division (International)',
    nodeKey: 'ijocd-int',
  },
  {
    key: 'sarah-kowalczyk',
    name: 'Sarah Kowalczyk',
    email: 'sarah.kowalczyk@cps.example.gov.uk',
    jobTitle: 'Deputy Head of Division (Organised Crime)',
    nodeKey: 'ijocd-oc',
  },
  {
    key: 'marcus-reid',
    name: 'Marcus Reid',
    email: 'marcus.reid@cps.example.gov.uk',
    jobTitle: 'Unit Head',
    nodeKey: 'ijocd-oc-bhm',
  },
  {
    key: 'eleanor-voss',
    name: 'Eleanor Voss',
    email: 'eleanor.voss@cps.example.gov.uk',
    jobTitle: 'Head of International Strategy and Policy',
    nodeKey: 'ijocd-isp',
  },
];

const registers: DemoRegister[] = [
  {
    key: 'hq-disc',
    nodeKey: 'hq',
    kind: 'thematic',
    name: 'Disclosure thematic register',
    code: 'HQ-DISC',
  },
  {
    key: 'scctd',
    nodeKey: 'scctd',
    kind: 'divisional',
    name: 'Special Crime and Counter Terrorism Division risk register',
    code: 'SCCTD',
  },
  {
    key: 'scctd-aru',
    nodeKey: 'scctd-aru',
    kind: 'unit',
    name: 'Appeals and Review Unit risk register',
    code: 'SCCTD-ARU',
  },
  {
    key: 'scctd-ct',
    nodeKey: 'scctd-ct',
    kind: 'unit',
    name: 'Counter Terrorism Division risk register',
    code: 'SCCTD-CT',
  },
  {
    key: 'scctd-opx',
    nodeKey: 'scctd-ct',
    kind: 'case',
    name: 'Operation Xenon case risk register',
    code: 'SCCTD-OPX',
  },
  {
    key: 'scctd-opk',
    nodeKey: 'scctd-ct',
    kind: 'case',
    name: 'Operation Kestrel case risk register',
    code: 'SCCTD-OPK',
    closedDaysAgo: 14,
  },
  {
    key: 'scctd-sc',
    nodeKey: 'scctd-sc',
    kind: 'unit',
    name: 'Special Crime Division risk register',
    code: 'SCCTD-SC',
  },
  {
    key: 'ijocd',
    nodeKey: 'ijocd',
    kind: 'divisional',
    name: 'International Justice and Organised Crime Division risk register',
    code: 'IJOCD',
  },
  {
    key: 'ijocd-dct',
    nodeKey: 'ijocd',
    kind: 'project',
    name: 'Extradition digital case transfer project',
    code: 'IJOCD-DCT',
  },
  {
    key: 'ijocd-ext',
    nodeKey: 'ijocd-ext',
    kind: 'unit',
    name: 'Extradition Unit risk register',
    code: 'IJOCD-EXT',
  },
  {
    key: 'ijocd-int',
    nodeKey: 'ijocd-int',
    kind: 'unit',
    name: 'International Unit risk register',
    code: 'IJOCD-INT',
  },
  {
    key: 'ijocd-oc',
    nodeKey: 'ijocd-oc',
    kind: 'unit',
    name: 'Organised Crime Division risk register',
    code: 'IJOCD-OC',
  },
  {
    key: 'ijocd-bhm',
    nodeKey: 'ijocd-oc-bhm',
    kind: 'unit',
    name: 'Organised Crime Birmingham location register',
    code: 'IJOCD-BHM',
  },
  {
    key: 'ijocd-isp',
    nodeKey: 'ijocd-isp',
    kind: 'unit',
    name: 'International Strategy and Policy Unit risk register',
    code: 'IJOCD-ISP',
  },
];

const risks: Risk[] = [
  // ---------------------------------------------------------------------------------------
  // SCCTD: divisional (strategic) register
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'scctd',
    title: 'Not enough specialist lawyers to meet casework demand',
    cause:
      'Because Counter Terrorism and Special Crime work needs prosecutors with specialist experience and developed vetting, and the pool of suitable candidates is small, vacancies take six to nine months to fill.',
    event:
      'There is a risk that the Division cannot allocate an experienced lawyer to new complex cases at the point of early investigative advice or charge.',
    effect:
      'Resulting in delayed charging decisions, heavier caseloads for the remaining lawyers and a fall in quality on the most serious cases.',
    category: 'People',
    objective: 'Deliver high quality casework',
    ownerKey: 'frances-delaney',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 34,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 5],
    current: [3, 4],
    target: [2, 4],
    controls: [
      'Monthly resourcing forecast using caseload intelligence from counter terrorism policing and the IOPC',
      'Two lawyers allocated to every large or complex case, one leading, so that knowledge is never held by one person',
      'Annual resource template agreed with HQ, allowing recruitment to plan without separate business cases',
      'Reserve list of vetted candidates kept from the last national Senior Crown Prosecutor campaign',
    ],
    actions: [
      {
        description:
          'Run a national Senior Crown Prosecutor campaign with London or York as the base, starting vetting at conditional offer',
        ownerKey: 'gareth-pryce',
        dueInDays: -20,
        status: 'completed',
        completedDaysAgo: 25,
      },
      {
        description: 'Agree a loan arrangement with two CPS Areas for Crown Advocates to cover Special Crime surges',
        ownerKey: 'alistair-bone',
        dueInDays: 45,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [4, 4], {
        commentary:
          'Four SCP vacancies (two CT, two Special Crime) after promotions and a retirement. CT charging rota covered with overtime.',
        mitigatingAction: 'HQ agreed we can recruit to the full resource template ahead of the national campaign.',
        furtherAction: 'Launch national campaign. Explore loans from Areas for Special Crime.',
      }),
      review(2, 'gareth-pryce', [4, 4], {
        commentary:
          'Vacancies unchanged. Two candidates withdrew during vetting. Average CT caseload up from 9 to 11 per lawyer.',
        mitigatingAction: 'Campaign launched; vetting now starts at conditional offer rather than after start date.',
        furtherAction: 'Chase vetting on the four pending appointments.',
      }),
      review(1, 'gareth-pryce', [3, 4], {
        commentary:
          'Three appointments made, two in post. CT caseloads back within range; Special Crime still one lawyer short in York.',
        mitigatingAction: 'New starters on induction with named mentors.',
        furtherAction: 'Agree loan arrangement with Areas for Special Crime surge cover.',
      }),
      review(0, 'gareth-pryce', [3, 4], {
        commentary:
          'Stable. Remaining York vacancy out to advert. Likelihood held at 3 until new starters carry a full caseload.',
        mitigatingAction: 'Campaign closed with a reserve list of two.',
        furtherAction: 'Finalise Area loan arrangement by the end of next quarter.',
      }),
    ],
  },
  {
    registerKey: 'scctd',
    title: 'Costs of exceptional cases exceed the delegated budget',
    cause:
      'Because the cost of a few very large cases (counsel, expert reports, overseas witnesses) is hard to forecast and can change sharply when a trial is re-listed or a retrial ordered.',
    event: 'There is a risk that prosecution costs in the Division exceed the delegated budget in year.',
    effect:
      'Resulting in an overspend reported to the CPS Board, or pressure to hold vacancies and cut training to balance the budget.',
    category: 'Financial',
    objective: 'Manage our resources efficiently',
    ownerKey: 'frances-delaney',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 36,
    treatment: 'transfer',
    influence: 'partly',
    inherent: [4, 4],
    current: [2, 3],
    target: [2, 3],
    controls: [
      'Monthly budget monitoring at unit and divisional level, reported to the Divisional Strategic Board',
      'Cost forecast required for every case expected to exceed £250,000 in prosecution costs',
      'Counsel fee agreements in exceptional cases approved by the Deputy Head before instruction',
      'HQ Finance contingency for exceptional case costs above £500,000',
    ],
    actions: [
      {
        description: 'Agree a contingency arrangement with HQ Finance for exceptional case costs above £500,000',
        ownerKey: 'gareth-pryce',
        dueInDays: -120,
        status: 'completed',
        completedDaysAgo: 125,
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [3, 3], {
        commentary: 'Two retrials listed for Q3 add an estimated £180k in counsel fees. Forecast overspend 1.1%.',
        mitigatingAction: 'Non-essential training spend deferred.',
        furtherAction: 'Ask HQ Finance for a contingency for exceptional case costs.',
      }),
      review(2, 'gareth-pryce', [3, 3], {
        commentary: 'Retrial costs confirmed. Forecast overspend down to 0.6% after vacancy savings.',
        mitigatingAction: 'Case cost forecasts refreshed for the six largest cases.',
        furtherAction: 'Conclude contingency discussion with HQ Finance.',
      }),
      review(1, 'gareth-pryce', [2, 3], {
        commentary: 'HQ contingency agreed for costs above £500k per case, so likelihood reduced. Forecast break-even.',
        mitigatingAction: 'Contingency arrangement in place and recorded as a control.',
        furtherAction: 'None beyond routine monitoring.',
      }),
      review(0, 'gareth-pryce', [2, 3], {
        commentary: 'Month 9 forecast underspend of £95k (0.6%). No change to score.',
        mitigatingAction: 'Routine monthly monitoring.',
        furtherAction: 'Review case cost forecasts at year end.',
      }),
    ],
  },
  {
    registerKey: 'scctd',
    title: 'Business continuity plans untested and not in a standard format',
    cause:
      'Because each unit, and each team where a unit is split between London and York, keeps its own continuity plan in its own format, and no test has been recorded for any of them.',
    event:
      'There is a risk that a loss of building, IT or key staff at either site is not managed in a coordinated way.',
    effect:
      'Resulting in missed court deadlines and custody time limits, and no cover for urgent counter terrorism charging out of hours.',
    category: 'Operational',
    objective: 'Deliver high quality casework',
    ownerKey: 'gareth-pryce',
    managerKey: 'hannah-sowerby',
    identifiedMonthsAgo: 14,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 5],
    current: [3, 4],
    target: [1, 4],
    controls: [
      'Divisional plan and seven unit and team plans in place, each reviewed annually',
      'Counter Terrorism out-of-hours charging rota with remote access to CMS and secure telephony',
    ],
    actions: [
      {
        description: 'Move all unit and team plans into the standard format in Bulwark',
        ownerKey: 'hannah-sowerby',
        dueInDays: 30,
        status: 'in_progress',
      },
      {
        description: 'Run a call cascade test across the London and York teams',
        ownerKey: 'hannah-sowerby',
        dueInDays: -14,
        status: 'not_started',
      },
      {
        description: 'Hold a tabletop exercise on loss of Rose Court with the Divisional Strategic Board',
        ownerKey: 'gareth-pryce',
        dueInDays: 75,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'hannah-sowerby', [3, 4], {
        commentary:
          'Added after the inspection: plans complete but in different formats, and no evidence of testing.',
        mitigatingAction: 'Business continuity coordinator nominated for the whole Division.',
        furtherAction: 'Agree the standard plan format with HQ.',
      }),
      review(2, 'hannah-sowerby', [3, 4], {
        commentary: 'Standard format agreed. Two of eight plans converted (Division and Counter Terrorism).',
        mitigatingAction: 'Unit plan owners briefed on the new format.',
        furtherAction: 'Convert remaining six plans. Schedule first call cascade test.',
      }),
      review(1, 'hannah-sowerby', [3, 4], {
        commentary:
          'Five of eight plans converted. Call cascade test postponed because of CT trial commitments; no test yet.',
        mitigatingAction: 'Contact lists refreshed in all converted plans.',
        furtherAction: 'Rearrange the cascade test. Book a tabletop with the Strategic Board.',
      }),
    ],
  },
  {
    registerKey: 'scctd',
    title: 'Briefing on high-profile cases does not reach the DPP and Attorney General in time',
    cause:
      'Because the Division reports sensitive cases to the DPP\'s Private Office, the Attorney General\'s Office and the Press Office through several weekly and monthly lists, some over 60 pages long.',
    event:
      'There is a risk that a significant development in a case likely to attract national media attention is not flagged before it becomes public.',
    effect:
      'Resulting in the DPP or Law Officers being unable to answer media or Parliamentary questions, and damage to confidence in the CPS.',
    category: 'Reputational',
    objective: 'Maintain public confidence',
    ownerKey: 'frances-delaney',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 26,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 4],
    current: [2, 4],
    target: [2, 3],
    controls: [
      'Weekly highlight report to the DPP\'s Private Office and the AGO of cases with significant steps or listings in the coming week',
      'Briefing note to the DPP on every Counter Terrorism case charged',
      'Named media-handling lead recorded for every case on the sensitive case list',
    ],
    actions: [
      {
        description:
          'Agree one targeted monthly format with the DPP\'s Private Office and the AGO, replacing the three unit lists',
        ownerKey: 'gareth-pryce',
        dueInDays: -110,
        status: 'completed',
        completedDaysAgo: 115,
      },
      {
        description: 'Add the media-handling lead to the case record in CMS for all sensitive cases',
        ownerKey: 'gareth-pryce',
        dueInDays: 20,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [3, 4], {
        commentary:
          'Twice this year the AGO learned of a listing from the press. Private Office says the monthly lists are too long to use.',
        mitigatingAction: 'Weekly highlight report started.',
        furtherAction: 'Draft a single targeted format with Private Office.',
      }),
      review(2, 'gareth-pryce', [3, 4], {
        commentary: 'Draft single format shared with Private Office and AGO for comment.',
        mitigatingAction: 'Deputy Heads checking the weekly highlight report personally.',
        furtherAction: 'Agree and launch the new format.',
      }),
      review(1, 'gareth-pryce', [2, 4], {
        commentary: 'New targeted format in use since month 2. No missed briefings this quarter.',
        mitigatingAction: 'Three unit lists withdrawn.',
        furtherAction: 'Record media-handling lead on CMS.',
      }),
      review(0, 'gareth-pryce', [2, 4], {
        commentary: 'No missed briefings. Private Office content with the format. Score unchanged.',
        mitigatingAction: 'Format embedded.',
        furtherAction: 'Finish CMS change, then consider lowering impact.',
      }),
    ],
  },
  {
    registerKey: 'scctd',
    title: 'Harm to staff from long-running cases and distressing material',
    cause:
      'Because staff on long-running Counter Terrorism and Special Crime cases view extremist and graphic material for months, and some work away from the main offices at trial venues.',
    event: 'There is a risk that stress or vicarious trauma is not spotted or supported in time.',
    effect:
      'Resulting in long-term sickness absence, loss of key case knowledge mid-trial and a failure in our duty of care.',
    category: 'Health and safety',
    objective: 'Value and develop our people',
    ownerKey: 'frances-delaney',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 20,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 4],
    current: [3, 4],
    target: [2, 3],
    controls: [
      'Trauma risk management (TRiM) practitioners in London and York',
      'Monthly welfare check-in, recorded by the line manager, for staff on cases lasting over six months',
      'Employee Assistance Programme and occupational health referral route',
    ],
    actions: [
      {
        description: 'Introduce a recorded monthly welfare check-in for staff on long-running cases',
        ownerKey: 'gareth-pryce',
        dueInDays: -130,
        status: 'completed',
        completedDaysAgo: 120,
      },
      {
        description: 'Write a welfare plan for each member of staff working from a satellite office or trial venue',
        ownerKey: 'alistair-bone',
        dueInDays: -30,
        status: 'in_progress',
      },
      {
        description: 'Deliver a second round of mental health awareness training for managers',
        ownerKey: 'gareth-pryce',
        dueInDays: -5,
        status: 'completed',
        completedDaysAgo: 12,
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [3, 4], {
        commentary: 'Staff on long-term cases told inspectors they were unclear how their welfare would be supported.',
        mitigatingAction: 'TRiM practitioners publicised at team meetings.',
        furtherAction: 'Design a welfare check-in for long-running cases.',
      }),
      review(2, 'gareth-pryce', [4, 4], {
        commentary: 'Two stress-related absences on the Operation Xenon team. Likelihood raised.',
        mitigatingAction: 'Occupational health referrals made; work redistributed within the case team.',
        furtherAction: 'Introduce monthly recorded check-ins.',
      }),
      review(1, 'gareth-pryce', [3, 4], {
        commentary:
          'Both staff back on a phased return. Check-ins running. TRiM referrals up, which we read as better awareness.',
        mitigatingAction: 'Monthly check-ins in place for 14 staff.',
        furtherAction: 'Welfare plans for staff at satellite offices and trial venues.',
      }),
      review(0, 'gareth-pryce', [3, 4], {
        commentary:
          'Welfare plans written for 9 of 14 staff; the rest slipped behind trial preparation. Manager training delivered.',
        mitigatingAction: 'Second round of mental health training completed by 22 managers.',
        furtherAction: 'Complete remaining five welfare plans.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // SCCTD-ARU: Appeals and Review Unit
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'scctd-aru',
    title: 'Late papers from Areas for Court of Appeal cases',
    cause:
      'Because the unit depends on CPS Areas sending complete trial papers, transcripts and exhibits once an appeal is lodged, and Areas do not always treat these requests as urgent.',
    event:
      'There is a risk that a respondent\'s notice or skeleton argument is not filed within the timetable set by the Registrar of Criminal Appeals.',
    effect:
      'Resulting in criticism from the Court, adjourned hearings, wasted costs orders and delay for victims and families.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'rebecca-thorne',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 40,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 4],
    current: [3, 3],
    target: [2, 3],
    controls: [
      'Papers requested from the Area within two working days of an appeal being lodged, escalated to the Area Business Manager at day 10',
      'Appeals tracker reviewed weekly by the unit legal managers',
      'Direct liaison with the Criminal Appeal Office on listing and directions',
    ],
    actions: [
      {
        description: 'Publish a one-page guide on the Casework Hub telling Areas what to send and when',
        ownerKey: 'rebecca-thorne',
        dueInDays: -110,
        status: 'completed',
        completedDaysAgo: 115,
      },
      {
        description: 'Report Area response times to Area Business Managers each quarter',
        ownerKey: 'gareth-pryce',
        dueInDays: 10,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [3, 3], {
        commentary: 'One late respondent\'s notice this quarter. Tracker working.',
        mitigatingAction: 'Day-10 escalation used four times.',
        furtherAction: 'None.',
      }),
      review(2, 'gareth-pryce', [4, 3], {
        commentary: 'Three late respondent\'s notices, all waiting on transcripts or exhibits from one Area.',
        mitigatingAction: 'Deputy Head raised with that Area\'s Chief Crown Prosecutor.',
        furtherAction: 'Publish a guide for Areas on what to send and when.',
      }),
      review(1, 'gareth-pryce', [3, 3], {
        commentary: 'Guide published. No late filings this quarter.',
        mitigatingAction: 'Guide promoted through Area Business Managers.',
        furtherAction: 'Start quarterly reporting of Area response times.',
      }),
      review(0, 'gareth-pryce', [3, 3], {
        commentary: 'One filing a day late with leave of the Registrar. Score unchanged.',
        mitigatingAction: 'Weekly tracker review continues.',
        furtherAction: 'First quarterly Area report due next month.',
      }),
    ],
  },
  {
    registerKey: 'scctd-aru',
    title: 'Victims\' Right to Review requests exceed capacity',
    cause:
      'Because Victims\' Right to Review requests have risen by a fifth in a year, and each must be decided by a senior lawyer independent of the original decision.',
    event: 'There is a risk that reviews are not completed within the published timescale.',
    effect:
      'Resulting in complaints, loss of trust among victims and adverse comment from the Victims\' Commissioner.',
    category: 'Operational',
    objective: 'Support victims and witnesses',
    ownerKey: 'rebecca-thorne',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 22,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 4],
    current: [2, 3],
    // Set before the extra lawyer was recruited and not revisited: a quality finding.
    target: [3, 3],
    controls: [
      'Dedicated team of four senior lawyers in London and York with a weekly allocation meeting',
      'Standard decision letters agreed with the Victim Liaison Unit',
      'Weekly timeliness report to the Deputy Head',
    ],
    actions: [
      {
        description: 'Recruit an additional senior lawyer to the Victims\' Right to Review team',
        ownerKey: 'rebecca-thorne',
        dueInDays: -70,
        status: 'completed',
        completedDaysAgo: 60,
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [4, 3], {
        commentary: 'Backlog of 61 requests; 35% decided outside the published timescale.',
        mitigatingAction: 'Overtime agreed for the team for two months.',
        furtherAction: 'Business case for an additional lawyer.',
      }),
      review(2, 'gareth-pryce', [3, 3], {
        commentary: 'Backlog down to 40 after overtime. Business case approved.',
        mitigatingAction: 'Oldest cases allocated first.',
        furtherAction: 'Recruit additional lawyer.',
      }),
      review(1, 'gareth-pryce', [3, 3], {
        commentary: 'Backlog steady at 38. Appointment made, awaiting start date.',
        mitigatingAction: 'York lawyer taking a larger share while London carries a vacancy.',
        furtherAction: 'Induct new lawyer.',
      }),
      review(0, 'gareth-pryce', [2, 3], {
        commentary: 'Additional lawyer in post since month 1. Backlog 12; 94% within timescale.',
        mitigatingAction: 'Team now at five.',
        furtherAction: 'Hold at this level and watch request volumes.',
      }),
    ],
  },
  {
    registerKey: 'scctd-aru',
    title: 'Delays in transcripts after change of transcription supplier',
    cause:
      'Because the national contract for court transcripts moved to a new supplier with a new ordering system.',
    event:
      'There is a risk that transcripts of summings-up and sentencing remarks needed for appeals arrive late.',
    effect:
      'Resulting in late respondent\'s notices and pressure on the 28-day limit for Unduly Lenient Sentence referrals.',
    category: 'Operational',
    objective: 'Deliver high quality casework',
    ownerKey: 'rebecca-thorne',
    managerKey: 'gareth-pryce',
    identifiedMonthsAgo: 14,
    treatment: 'treat',
    influence: 'outside',
    inherent: [4, 3],
    current: [4, 3],
    target: [2, 3],
    controls: ['Expedited transcript requests flagged on every Unduly Lenient Sentence and time-critical appeal'],
    actions: [
      {
        description: 'Raise supplier performance with HMCTS contract management',
        ownerKey: 'rebecca-thorne',
        dueInDays: -200,
        status: 'completed',
        completedDaysAgo: 195,
      },
    ],
    reviews: [
      review(3, 'gareth-pryce', [3, 3], {
        commentary: 'New supplier live. First orders taking 15 working days against 5 expected.',
        mitigatingAction: 'Expedited flag used on all ULS cases.',
        furtherAction: 'Raise with HMCTS contract management.',
      }),
      review(2, 'gareth-pryce', [4, 3], {
        commentary:
          'Delays confirmed across all Areas and raised with HMCTS. The risk has happened: now tracked on the unit issues log.',
        mitigatingAction: 'Weekly call with HMCTS contract manager.',
        furtherAction: 'Close the risk and manage as an issue.',
        stillValid: false,
      }),
    ],
    closed: { monthsAgo: 4, reason: 'Risk realised and now managed as an issue' },
  },

  // ---------------------------------------------------------------------------------------
  // SCCTD-CT: Counter Terrorism Division
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'scctd-ct',
    title: 'Classified material handled outside accredited systems',
    cause:
      'Because counter terrorism cases routinely include material classified SECRET and above from the police and the intelligence agencies, which may only be handled in the secure room on accredited terminals.',
    event:
      'There is a risk that classified material is copied, emailed or stored on the standard CPS network, or taken out of the building.',
    effect:
      'Resulting in a serious security breach, loss of partner agencies\' trust and possible compromise of sources or live investigations.',
    category: 'Information',
    objective: 'Maintain public confidence',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 48,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 5],
    current: [1, 5],
    target: [1, 5],
    controls: [
      'Developed vetting for all unit staff, renewed on schedule',
      'Classified material handled only in the Rose Court secure room, with a signed register of removal and return',
      'Annual security briefing and monthly clear-desk checks by the unit security officer',
      'Secure courier arrangements with counter terrorism policing for moving material to court',
    ],
    actions: [
      {
        description: 'Restrict printing from SECRET case folders to the secure room printer',
        ownerKey: 'louise-marchant',
        dueInDays: -45,
        status: 'completed',
        completedDaysAgo: 40,
      },
      {
        description: 'Replace the two end-of-life accredited terminals in the secure room',
        ownerKey: 'imran-siddiqui',
        dueInDays: 60,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [1, 5], {
        commentary: 'No incidents. Clear-desk checks all passed.',
        mitigatingAction: 'Annual security briefing delivered.',
        furtherAction: 'None.',
      }),
      review(2, 'louise-marchant', [1, 5], {
        commentary: 'No incidents. Two vetting renewals due next quarter.',
        mitigatingAction: 'Renewals submitted early.',
        furtherAction: 'Plan replacement of the secure room terminals.',
      }),
      review(1, 'louise-marchant', [2, 5], {
        commentary:
          'Near miss: a sensitive schedule printed on an open-network printer. Recovered within the hour and reported to the Departmental Security Officer.',
        mitigatingAction: 'Lessons-learned briefing for all staff.',
        furtherAction: 'Restrict printing from SECRET folders.',
      }),
      review(0, 'louise-marchant', [1, 5], {
        commentary: 'Printing restriction in place. No further incidents. Likelihood back to 1.',
        mitigatingAction: 'Printer access rights changed; DSO closed the incident.',
        furtherAction: 'Terminal replacement on order.',
      }),
    ],
  },
  {
    registerKey: 'scctd-ct',
    title: 'Volume of digital material delays disclosure',
    cause:
      'Because counter terrorism investigations now routinely seize dozens of phones, laptops and cloud accounts, producing terabytes of material the police must examine and schedule.',
    event:
      'There is a risk that unused material is not reviewed, scheduled and disclosed in time for the trial date.',
    effect:
      'Resulting in adjourned trials, custody time limit extensions refused and, at worst, proceedings stayed as an abuse of process.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 30,
    treatment: 'treat',
    influence: 'partly',
    inherent: [5, 5],
    current: [3, 4],
    target: [2, 4],
    controls: [
      'Disclosure management document agreed with the senior investigating officer within 28 days of charge',
      'Monthly disclosure meeting with the police disclosure team in every case listed for trial',
      'Search terms and technology-assisted review agreed with the defence where possible',
    ],
    actions: [
      {
        description: 'Agree a disclosure protocol for CT cases with the national counter terrorism policing network',
        ownerKey: 'imran-siddiqui',
        dueInDays: -120,
        status: 'completed',
        completedDaysAgo: 120,
      },
      {
        description: 'Pilot a joint CPS-police disclosure strategy template on cases with over 1 TB of material',
        ownerKey: 'louise-marchant',
        dueInDays: 20,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [4, 4], {
        commentary: 'Two trials adjourned this quarter because device downloads were scheduled late.',
        mitigatingAction: 'Disclosure meetings moved from quarterly to monthly.',
        furtherAction: 'Negotiate a national protocol with CT policing.',
      }),
      review(2, 'louise-marchant', [4, 4], {
        commentary: 'Protocol drafted. Average material per case up 40% on last year.',
        mitigatingAction: 'Search terms agreed with the defence in three cases.',
        furtherAction: 'Sign off the protocol.',
      }),
      review(1, 'louise-marchant', [3, 4], {
        commentary: 'Protocol signed and in use. No adjournments for disclosure this quarter.',
        mitigatingAction: 'DMDs agreed within 28 days in 11 of 12 new cases.',
        furtherAction: 'Pilot the joint strategy template on the largest cases.',
      }),
      review(0, 'louise-marchant', [3, 4], {
        commentary: 'Stable. Pilot slipped a month because the police lead changed.',
        mitigatingAction: 'Protocol compliance checked at the monthly meetings.',
        furtherAction: 'Restart pilot with the new police lead.',
      }),
    ],
  },
  {
    registerKey: 'scctd-ct',
    title: 'Surge in charging demand after a major terrorist incident',
    cause:
      'Because a major attack or a series of linked arrests can produce many suspects at once, each needing a charging decision within pre-charge detention of up to 14 days.',
    event:
      'There is a risk that the unit cannot staff the charging rota and keep its other trials covered at the same time.',
    effect:
      'Resulting in rushed charging decisions, suspects released without charge and trials left without an allocated lawyer.',
    category: 'Operational',
    objective: 'Deliver high quality casework',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 44,
    treatment: 'tolerate',
    influence: 'outside',
    inherent: [3, 5],
    current: [3, 4],
    target: [3, 4],
    controls: [
      'Out-of-hours charging rota of senior lawyers with a Deputy Head on call',
      'Surge plan listing Special Crime lawyers with developed vetting who can be redeployed',
      'Direct line to the counter terrorism policing duty officer',
    ],
    actions: [
      {
        description: 'Test the surge plan in a tabletop exercise with counter terrorism policing',
        ownerKey: 'imran-siddiqui',
        dueInDays: 120,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [3, 4], {
        commentary: 'Surge plan used for two arrest operations in month 2: 11 suspects over six days, all decisions in time.',
        mitigatingAction: 'Two Special Crime lawyers redeployed for a week.',
        furtherAction: 'Refresh the surge list.',
      }),
      review(2, 'louise-marchant', [3, 4], {
        commentary: 'No change. Tolerated at this level: demand is driven by events outside our control.',
        mitigatingAction: 'Surge list refreshed.',
        furtherAction: 'None.',
      }),
    ],
  },
  {
    registerKey: 'scctd-ct',
    title: 'Threats to the personal safety of prosecutors',
    cause:
      'Because prosecutors in terrorism and extremism cases are named in court and the media, and extremist groups have published personal details of criminal justice staff online.',
    event: 'There is a risk that a prosecutor or their family is harassed, threatened or attacked.',
    effect: 'Resulting in harm to staff, reluctance to take on cases and disruption to trials.',
    category: 'Health and safety',
    objective: 'Value and develop our people',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 11,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [2, 4],
    target: [2, 3],
    controls: [
      'Personal security advice from the Departmental Security Officer for every unit lawyer',
      'Anonymous electoral registration offered to all staff',
      'Incident reporting route to counter terrorism policing with a named contact',
    ],
    actions: [
      {
        description: 'Brief all unit staff on anonymous electoral registration and social media settings',
        ownerKey: 'louise-marchant',
        dueInDays: -230,
        status: 'completed',
        completedDaysAgo: 220,
      },
      {
        description: 'Issue lone-worker devices to lawyers travelling to court alone',
        ownerKey: 'imran-siddiqui',
        dueInDays: -90,
        status: 'cancelled',
      },
      {
        description: 'Commission online footprint checks for prosecutors on trials listed in the next 12 months',
        ownerKey: 'imran-siddiqui',
        dueInDays: 30,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [3, 4], {
        commentary:
          'New risk after a prosecutor\'s home address was posted on an extremist forum. Removed within a day at police request.',
        mitigatingAction: 'Police security advice given to the prosecutor and family.',
        furtherAction: 'Brief all staff on protecting personal details.',
      }),
      review(2, 'louise-marchant', [2, 4], {
        commentary: 'No further incidents. 14 staff have taken up anonymous registration.',
        mitigatingAction: 'Staff briefing delivered.',
        furtherAction: 'Consider lone-worker devices.',
      }),
      review(1, 'louise-marchant', [2, 4], {
        commentary:
          'Lone-worker devices dropped: court security teams already cover arrival and departure. No incidents.',
        mitigatingAction: 'Court security contacts added to the case plan template.',
        furtherAction: 'Online footprint checks for lawyers on upcoming trials.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // SCCTD-OPX: Operation Xenon case register (Counter Terrorism)
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'scctd-opk',
    title: 'Late service of digital forensic reports',
    cause:
      'Because examination of 140 seized devices depends on one digital forensic provider and on decryption work by specialist partners.',
    event:
      'There is a risk that expert reports are not served by the date set at the plea and trial preparation hearing.',
    effect:
      'Resulting in the loss of the 12-week trial fixture, extension applications for six custody defendants and significant extra cost.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 10,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 5],
    current: [4, 4],
    target: [2, 4],
    controls: [
      'Agency interdependency chart showing each deliverable, owner and date, reviewed fortnightly',
      'Fortnightly case conference with the senior investigating officer and the forensic provider',
      'Device examination order agreed with prosecution counsel',
    ],
    actions: [
      {
        description: 'Agree the device priority list with counsel and the senior investigating officer',
        ownerKey: 'louise-marchant',
        dueInDays: -130,
        status: 'completed',
        completedDaysAgo: 125,
      },
      {
        description: 'Secure a second forensic provider for the lower-priority devices',
        ownerKey: 'louise-marchant',
        dueInDays: -7,
        status: 'in_progress',
      },
      {
        description: 'Seek a further directions hearing to reset the expert timetable if the interim report slips',
        ownerKey: 'louise-marchant',
        dueInDays: 21,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [4, 5], {
        commentary: 'Register opened at charge. Six defendants in custody; trial fixed at the Central Criminal Court.',
        mitigatingAction: 'Interdependency chart drawn up with CT policing and the provider.',
        furtherAction: 'Agree device priorities with counsel.',
      }),
      review(2, 'louise-marchant', [4, 5], {
        commentary: 'Provider four weeks behind on downloads. Two phones still encrypted.',
        mitigatingAction: 'Fortnightly case conferences started.',
        furtherAction: 'Finalise device priority list.',
      }),
      review(1, 'louise-marchant', [4, 4], {
        commentary:
          'Priority list agreed: trial can proceed on the 40 key devices, so impact reduced. Likelihood still high.',
        mitigatingAction: 'Counsel confirmed the case does not depend on the remaining devices.',
        furtherAction: 'Find a second provider for the rest.',
      }),
      review(0, 'louise-marchant', [4, 4], {
        commentary: 'Interim report served on time; 38 priority devices still outstanding. Above appetite.',
        mitigatingAction: 'Provider working weekends on priority devices, funded by CT policing.',
        furtherAction: 'Second provider contract; directions hearing if the next date is missed.',
      }),
    ],
  },
  {
    registerKey: 'scctd-opx',
    title: 'Custody time limits expire before trial',
    cause:
      'Because six defendants are remanded in custody and the 182-day custody time limit ends eight weeks before the fixed trial date.',
    event:
      'There is a risk that the court refuses an extension because the prosecution cannot show it has acted with all due diligence and expedition.',
    effect: 'Resulting in the release on bail of defendants charged with serious terrorism offences.',
    category: 'Casework',
    objective: 'Maintain public confidence',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 10,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [2, 5],
    target: [1, 5],
    controls: [
      'Custody time limit dates checked weekly by the paralegal officer and the case lawyer',
      'Chronology of prosecution steps kept up to date to evidence due diligence',
    ],
    actions: [
      {
        description: 'Serve the custody time limit extension application with the supporting chronology',
        ownerKey: 'louise-marchant',
        dueInDays: -30,
        status: 'completed',
        completedDaysAgo: 35,
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [3, 5], {
        commentary: 'CTL expiry falls eight weeks before trial. Extension will be needed.',
        mitigatingAction: 'Chronology started from day one.',
        furtherAction: 'Prepare extension application.',
      }),
      review(2, 'louise-marchant', [3, 5], {
        commentary: 'Forensic delays could be used to argue lack of diligence.',
        mitigatingAction: 'Every chase of the provider recorded in the chronology.',
        furtherAction: 'Draft application with counsel.',
      }),
      review(1, 'louise-marchant', [3, 5], {
        commentary: 'Application drafted. Defence signalled they will oppose.',
        mitigatingAction: 'Counsel reviewed the chronology.',
        furtherAction: 'Serve application.',
      }),
      review(0, 'louise-marchant', [2, 5], {
        commentary: 'Extension granted to the trial date for all six defendants. Likelihood reduced.',
        mitigatingAction: 'Application served and granted.',
        furtherAction: 'Keep chronology current in case the trial date moves.',
      }),
    ],
  },
  {
    registerKey: 'scctd-opx',
    title: 'Sensitive material and public interest immunity',
    cause:
      'Because the case relies on intelligence-derived material held by partner agencies that may undermine the prosecution or assist the defence.',
    event:
      'There is a risk that sensitive material is not identified and put before the judge in a timely public interest immunity application.',
    effect:
      'Resulting in a choice between disclosing material that would damage national security and offering no evidence.',
    category: 'Information',
    objective: 'Deliver high quality casework',
    ownerKey: 'imran-siddiqui',
    managerKey: 'louise-marchant',
    identifiedMonthsAgo: 10,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [2, 5],
    target: [1, 5],
    controls: [
      'Sensitive material schedule reviewed in the secure room by a lawyer with developed vetting',
      'Early engagement with agency legal advisers on public interest immunity',
    ],
    actions: [
      {
        description: 'Complete the first sensitive material review with agency legal advisers',
        ownerKey: 'louise-marchant',
        dueInDays: -210,
        status: 'completed',
        completedDaysAgo: 220,
      },
      {
        description: 'Prepare the public interest immunity application and ex parte hearing bundle',
        ownerKey: 'louise-marchant',
        dueInDays: 40,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'louise-marchant', [3, 5], {
        commentary: 'Sensitive schedule received: 212 items to review.',
        mitigatingAction: 'Review time booked in the secure room.',
        furtherAction: 'First review with agency lawyers.',
      }),
      review(2, 'louise-marchant', [2, 5], {
        commentary: 'First review complete; 9 items may meet the test for disclosure. Agencies engaged early.',
        mitigatingAction: 'Agency legal advisers attending case conferences.',
        furtherAction: 'Prepare PII application.',
      }),
      review(1, 'louise-marchant', [2, 5], {
        commentary: 'No change. Hearing date for PII application to be fixed.',
        mitigatingAction: 'Counsel instructed for the ex parte hearing.',
        furtherAction: 'Complete bundle.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // SCCTD-SC: Special Crime Division
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'scctd-sc',
    title: 'Slow charging decisions in deaths in custody and IOPC cases',
    cause:
      'Because deaths in custody and serious police misconduct cases referred by the Independent Office for Police Conduct are complex, rely on expert evidence and often run alongside inquests.',
    event:
      'There is a risk that charging decisions come years after the death, without regular updates to bereaved families.',
    effect:
      'Resulting in distress to families, criticism from coroners and campaign groups, and loss of confidence in the independence of the process.',
    category: 'Reputational',
    objective: 'Support victims and witnesses',
    ownerKey: 'alistair-bone',
    managerKey: 'craig-atkinson',
    identifiedMonthsAgo: 38,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 5],
    current: [4, 4],
    target: [2, 4],
    controls: [
      'Family liaison plan agreed with the IOPC when the file is submitted, with updates at least every six weeks',
      'Named lawyer giving early investigative advice in every death in custody case',
      'Monthly progress report and one-to-one with the unit head on every live case',
    ],
    actions: [
      {
        description: 'Set up a quarterly case progress meeting with the IOPC Director of Operations',
        ownerKey: 'alistair-bone',
        dueInDays: -140,
        status: 'completed',
        completedDaysAgo: 130,
      },
      {
        description: 'Agree joint timeliness targets with the IOPC for instructing experts',
        ownerKey: 'alistair-bone',
        dueInDays: -35,
        status: 'in_progress',
      },
      {
        description: 'Publish a leaflet for bereaved families explaining the charging process',
        ownerKey: 'craig-atkinson',
        dueInDays: 60,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'craig-atkinson', [4, 4], {
        commentary: 'Nine cases more than two years from referral. Families updated in all but one.',
        mitigatingAction: 'Missed update made within the week and apology given.',
        furtherAction: 'Propose regular meetings with the IOPC.',
      }),
      review(2, 'craig-atkinson', [4, 5], {
        commentary:
          'Coroner\'s prevention of future deaths report criticised the time taken in one case. National press coverage.',
        mitigatingAction: 'Head of Division met the family.',
        furtherAction: 'Quarterly IOPC progress meeting.',
      }),
      review(1, 'craig-atkinson', [4, 4], {
        commentary: 'IOPC progress meetings started; oldest cases now have agreed plans. Impact back to 4.',
        mitigatingAction: 'Case plans agreed for the five oldest cases.',
        furtherAction: 'Joint timeliness targets for experts.',
      }),
      review(0, 'craig-atkinson', [4, 4], {
        commentary:
          'Eleven cases over two years old; three waiting on expert reports. Expert targets not yet agreed. Above appetite.',
        mitigatingAction: 'Expert chasing escalated at the IOPC meeting.',
        furtherAction: 'Agree expert targets; produce families leaflet.',
      }),
    ],
  },
  {
    registerKey: 'scctd-sc',
    title: 'Complex Special Crime cases run without a case risk register',
    cause:
      'Because Special Crime, unlike Counter Terrorism, does not start a case risk register at the outset of large and complex cases.',
    event:
      'There is a risk that dependencies on investigators, experts and other agencies are not tracked and problems are spotted late.',
    effect: 'Resulting in avoidable delay, wasted preparation and weaker cases at trial.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'alistair-bone',
    managerKey: 'craig-atkinson',
    identifiedMonthsAgo: 12,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 4],
    current: [3, 3],
    target: [2, 3],
    controls: ['Case management panels for cases with a significant call on partner agencies\' resources'],
    actions: [
      {
        description: 'Pilot the Counter Terrorism case risk register on three corporate manslaughter cases',
        ownerKey: 'craig-atkinson',
        dueInDays: -20,
        status: 'completed',
        completedDaysAgo: 20,
      },
      {
        description: 'Decide whether to adopt case risk registers across the unit after the pilot',
        ownerKey: 'alistair-bone',
        dueInDays: 45,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'craig-atkinson', [3, 4], {
        commentary: 'Added in response to the inspection\'s aspect for improvement on case risk registers.',
        mitigatingAction: 'CT register template obtained.',
        furtherAction: 'Choose pilot cases.',
      }),
      review(2, 'craig-atkinson', [3, 4], {
        commentary: 'Three corporate manslaughter cases chosen for the pilot.',
        mitigatingAction: 'Case lawyers briefed by the CT unit.',
        furtherAction: 'Run pilot.',
      }),
      review(1, 'craig-atkinson', [3, 4], {
        commentary: 'Pilot running. Early feedback positive on the expert timetable.',
        mitigatingAction: 'Registers reviewed at monthly one-to-ones.',
        furtherAction: 'Complete pilot and evaluate.',
      }),
      review(0, 'craig-atkinson', [3, 3], {
        commentary: 'Pilot complete: case registers flagged two expert dependencies early. Impact reduced.',
        mitigatingAction: 'Pilot evaluation written.',
        furtherAction: 'Decision on unit-wide adoption at next SMT.',
      }),
    ],
  },
  {
    registerKey: 'scctd-sc',
    title: 'Loss of York-based staff through perceived lack of progression',
    cause:
      'Because most senior posts in the Division have been based in London and some York staff are line managed from London.',
    event: 'There is a risk that capable York staff leave for CPS Areas or other employers.',
    effect: 'Resulting in loss of specialist experience in York and higher recruitment and training costs.',
    category: 'People',
    objective: 'Value and develop our people',
    ownerKey: 'alistair-bone',
    managerKey: 'craig-atkinson',
    identifiedMonthsAgo: 28,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 3],
    current: [3, 3],
    target: [2, 3],
    controls: ['All Division posts advertised nationally with London or York as the base'],
    actions: [
      {
        description: 'Launch a Division newsletter covering both sites',
        ownerKey: 'gareth-pryce',
        dueInDays: -160,
        status: 'completed',
        completedDaysAgo: 150,
      },
      {
        description: 'Appoint a York-based legal manager for Special Crime',
        ownerKey: 'alistair-bone',
        dueInDays: -60,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'craig-atkinson', [3, 3], {
        commentary: 'People Survey: York scores on career development 9 points below London.',
        mitigatingAction: 'National advertising confirmed for all posts.',
        furtherAction: 'Newsletter; York-based legal manager post.',
      }),
      review(2, 'craig-atkinson', [3, 3], {
        commentary: 'Two York leavers this quarter, both on promotion to Areas. Newsletter launched.',
        mitigatingAction: 'Exit interviews held.',
        furtherAction: 'Business case for York legal manager.',
      }),
    ],
  },
  {
    registerKey: 'scctd-sc',
    title: 'Election offence files received close to the time limit',
    cause:
      'Because police forces refer election offence files months after polling day, and most offences under the Representation of the People Act 1983 must be prosecuted within a year.',
    event: 'There is a risk that a case cannot be reviewed and charged before the time limit expires.',
    effect:
      'Resulting in offenders escaping prosecution and criticism of the CPS and police in a politically sensitive area.',
    category: 'Casework',
    objective: 'Maintain public confidence',
    ownerKey: 'alistair-bone',
    managerKey: 'craig-atkinson',
    identifiedMonthsAgo: 2,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 4],
    current: [3, 4],
    target: [2, 3],
    controls: ['Files triaged by time limit on receipt and allocated within two working days'],
    actions: [
      {
        description: 'Write to every force\'s election offences single point of contact with time limits and an offer of early advice',
        ownerKey: 'craig-atkinson',
        dueInDays: 14,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(0, 'craig-atkinson', [3, 4], {
        commentary:
          'New risk after this year\'s elections. 23 referrals so far; four arrived within two months of the time limit.',
        mitigatingAction: 'Time-limit triage on receipt.',
        furtherAction: 'Letter to force single points of contact.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD: divisional (strategic) register
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd',
    title: 'Recruitment delayed by security clearance',
    cause:
      'Because Organised Crime and International posts need the highest level of security clearance, which takes months, and recruitment has drawn on a small pool of candidates in London.',
    event: 'There is a risk that posts stay vacant for long periods and candidates withdraw before clearance.',
    effect: 'Resulting in excessive caseloads, delayed casework and loss of specialist capability.',
    category: 'People',
    objective: 'Value and develop our people',
    ownerKey: 'nicola-ferreira',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 36,
    treatment: 'treat',
    influence: 'partly',
    inherent: [5, 4],
    current: [4, 4],
    target: [3, 3],
    controls: [
      'Monthly vacancy and vetting tracker reviewed by the Divisional Business Manager',
      'Vetting applications submitted at conditional offer',
      'Reserve lists agreed with HQ so the Division can over-recruit',
    ],
    actions: [
      {
        description: 'Agree a service level with the vetting provider for Division posts',
        ownerKey: 'stephen-mulligan',
        dueInDays: -90,
        status: 'cancelled',
      },
      {
        description: 'Open Organised Crime posts to Birmingham and Manchester as base locations',
        ownerKey: 'sarah-kowalczyk',
        dueInDays: -15,
        status: 'completed',
        completedDaysAgo: 18,
      },
      {
        description: 'Give new starters awaiting clearance interim work on non-sensitive cases',
        ownerKey: 'stephen-mulligan',
        dueInDays: 30,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [4, 4], {
        commentary: 'Vacancy rate 14%. Three candidates withdrew during vetting.',
        mitigatingAction: 'Reserve lists agreed with HQ.',
        furtherAction: 'Approach vetting provider for a service level.',
      }),
      review(2, 'stephen-mulligan', [5, 4], {
        commentary: 'Vacancy rate 17%. Clearance now averaging five months.',
        mitigatingAction: 'Vetting started at conditional offer.',
        furtherAction: 'Widen base locations for Organised Crime posts.',
      }),
      review(1, 'stephen-mulligan', [5, 4], {
        commentary:
          'HQ now negotiating vetting service levels nationally, so our own SLA action cancelled. No improvement yet.',
        mitigatingAction: 'Weekly chase of outstanding clearances.',
        furtherAction: 'Advertise OC posts in Birmingham and Manchester.',
      }),
      review(0, 'stephen-mulligan', [4, 4], {
        commentary:
          'Vacancy rate 12%. First appointments made in Birmingham and Manchester. Still above appetite.',
        mitigatingAction: 'Regional base locations opened.',
        furtherAction: 'Interim non-sensitive work for starters awaiting clearance.',
      }),
    ],
  },
  {
    registerKey: 'ijocd',
    title: 'No coherent approach to risk across the Division',
    cause:
      'Because risks have been held in separate registers and documents in each unit and location, with no single view and little discussion at the senior management team.',
    event:
      'There is a risk that themes across units, such as disclosure or vetting, are missed and that countermeasures are not in place.',
    effect:
      'Resulting in preventable casework failures and no basis for assurance to the Director of Legal Services and the Audit and Risk Committee.',
    category: 'Strategic',
    objective: 'Maintain public confidence',
    ownerKey: 'nicola-ferreira',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 18,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 4],
    current: [2, 3],
    target: [1, 3],
    controls: [
      'Divisional risk management strategy approved by the senior management team',
      'All unit, location and project registers held in Bulwark and reviewed each quarter',
      'Risk a standing item on the monthly senior management team agenda',
    ],
    actions: [
      {
        description: 'Write and agree a divisional risk management strategy',
        ownerKey: 'stephen-mulligan',
        dueInDays: -200,
        status: 'completed',
        completedDaysAgo: 210,
      },
      {
        description: 'Move all unit and location registers into Bulwark',
        ownerKey: 'stephen-mulligan',
        dueInDays: -100,
        status: 'completed',
        completedDaysAgo: 105,
      },
      {
        description: 'Train unit heads on describing risks as cause, event and effect',
        dueInDays: -10,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [4, 3], {
        commentary: 'Inspection recommendation accepted. Strategy due by April.',
        mitigatingAction: 'Risk added to the SMT agenda.',
        furtherAction: 'Draft strategy.',
      }),
      review(2, 'stephen-mulligan', [3, 3], {
        commentary: 'Strategy approved by SMT.',
        mitigatingAction: 'Strategy published to all managers.',
        furtherAction: 'Bring all registers into one system.',
      }),
      review(1, 'stephen-mulligan', [2, 3], {
        commentary: 'All registers now in Bulwark; first overarching view presented to SMT.',
        mitigatingAction: 'Register owners named for every unit and location.',
        furtherAction: 'Training for unit heads on writing risks.',
      }),
      review(0, 'stephen-mulligan', [2, 3], {
        commentary:
          'Quarterly return submitted on time. HQ challenged International and ISP registers for missing controls.',
        mitigatingAction: 'Challenge passed to the Deputy Heads concerned.',
        furtherAction: 'Training still to be scheduled and needs an owner.',
      }),
    ],
  },
  {
    registerKey: 'ijocd',
    title: 'Weak financial control of the International Unit budget',
    cause:
      'Because the International Unit is funded from several sources, including the Conflict, Stability and Security Fund, each with its own reporting rules, and spend is committed by staff in many countries.',
    event:
      'There is a risk that spend is not properly authorised, or that returns to funding bodies are inaccurate or late.',
    effect: 'Resulting in funding being withdrawn, irregular expenditure and qualified assurance.',
    category: 'Financial',
    objective: 'Manage our resources efficiently',
    ownerKey: 'nicola-ferreira',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 30,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 5],
    current: [3, 4],
    target: [2, 3],
    controls: [
      'Monthly reconciliation of each funding stream with HQ Finance',
      'Overseas spend over £5,000 approved by the Deputy Head (International)',
      'Local payments made by embassy finance teams under a memorandum of understanding with the FCDO',
    ],
    actions: [
      {
        description: 'Train regional legal managers on each funder\'s reporting requirements',
        ownerKey: 'jonathan-carew',
        dueInDays: -70,
        status: 'completed',
        completedDaysAgo: 75,
      },
      {
        description: 'Complete the review of International financial controls and report to the Audit and Risk Committee',
        ownerKey: 'stephen-mulligan',
        dueInDays: -25,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [4, 4], {
        commentary: 'Inspection found controls need tightening. Review of International finance started.',
        mitigatingAction: 'Approval limit for overseas spend introduced.',
        furtherAction: 'Monthly reconciliation with HQ Finance.',
      }),
      review(2, 'stephen-mulligan', [4, 4], {
        commentary: 'Reconciliations running. Two posts submitted expenses without receipts.',
        mitigatingAction: 'Claims returned; guidance reissued.',
        furtherAction: 'Train regional legal managers.',
      }),
      review(1, 'stephen-mulligan', [4, 4], {
        commentary: 'CSSF quarterly return three weeks late; funder queried £42k of travel.',
        mitigatingAction: 'Query answered with evidence; no clawback.',
        furtherAction: 'Funder reporting training; finish controls review.',
      }),
      review(0, 'stephen-mulligan', [3, 4], {
        commentary: 'Training delivered to all regional managers; this quarter\'s return on time and accepted.',
        mitigatingAction: 'Returns now checked by the Divisional Business Manager before submission.',
        furtherAction: 'Controls review report overdue: now due to ARC next quarter.',
      }),
    ],
  },
  {
    registerKey: 'ijocd',
    title: 'Specialist knowledge not captured or shared',
    cause:
      'Because the Division holds the CPS\'s expertise on extradition, mutual legal assistance, money laundering and cyber crime but has no single knowledge repository and relies on individuals.',
    event:
      'There is a risk that knowledge is lost when experienced staff leave and that Areas and partners cannot find current guidance.',
    effect: 'Resulting in inconsistent advice, repeated work and avoidable casework errors.',
    category: 'Information',
    objective: 'Use digital capability to work efficiently',
    ownerKey: 'nicola-ferreira',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 18,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 3],
    current: [3, 3],
    target: [2, 2],
    controls: [
      'Guidance published on the Casework Hub by the International Strategy and Policy Unit',
      'Debriefs held at the end of significant Organised Crime cases',
    ],
    actions: [
      {
        description: 'Build a divisional knowledge site with a named owner for each subject',
        ownerKey: 'eleanor-voss',
        dueInDays: 90,
        status: 'in_progress',
      },
      {
        description: 'Share debrief learning with the NCA and all Organised Crime locations each quarter',
        ownerKey: 'sarah-kowalczyk',
        dueInDays: 25,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [4, 3], {
        commentary: 'Inspection recommendation on knowledge management accepted.',
        mitigatingAction: 'ISP asked to scope a repository.',
        furtherAction: 'Scope knowledge site.',
      }),
      review(2, 'stephen-mulligan', [3, 3], {
        commentary: 'Debriefs now held on all significant OC cases. Knowledge site scoped.',
        mitigatingAction: 'Debrief template issued.',
        furtherAction: 'Build knowledge site.',
      }),
      review(1, 'stephen-mulligan', [3, 3], {
        commentary: 'Site build started. Debrief learning not yet shared beyond the case team.',
        mitigatingAction: 'Subject owners named for 8 of 11 subjects.',
        furtherAction: 'Quarterly sharing of debrief learning with NCA.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD-DCT: Extradition digital case transfer project
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd-dct',
    title: 'CMS release for extradition casework slips',
    cause:
      'Because the CMS changes the project needs sit in the national CMS release programme, which is prioritised across the whole CPS.',
    event: 'There is a risk that the extradition release is pushed back to a later release window.',
    effect:
      'Resulting in the project missing its go-live date and the Extradition Unit relying on its spreadsheet tracker for longer.',
    category: 'Project',
    objective: 'Use digital capability to work efficiently',
    ownerKey: 'stephen-mulligan',
    managerKey: 'paul-ingram',
    identifiedMonthsAgo: 11,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 4],
    current: [4, 3],
    target: [2, 3],
    controls: [
      'Project board chaired by the Divisional Business Manager meets monthly',
      'Extradition release held in the CMS release plan with HQ Digital as a named dependency',
    ],
    actions: [
      {
        description: 'Agree a fixed release slot with HQ Digital',
        ownerKey: 'paul-ingram',
        dueInDays: -21,
        status: 'completed',
        completedDaysAgo: 30,
      },
      {
        description: 'Prepare a manual workaround in case the release slips again',
        ownerKey: 'paul-ingram',
        dueInDays: 14,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'paul-ingram', [3, 3], {
        commentary: 'Requirements signed off. Release pencilled into the autumn window.',
        mitigatingAction: 'HQ Digital attending project board.',
        furtherAction: 'Confirm release window.',
      }),
      review(2, 'paul-ingram', [4, 3], {
        commentary: 'Release deferred one window behind a national priority fix.',
        mitigatingAction: 'Deferral escalated to the Director of Digital.',
        furtherAction: 'Seek a fixed slot.',
      }),
      review(1, 'paul-ingram', [4, 4], {
        commentary: 'Deferred again; go-live now three months late. Impact raised as spreadsheet risks grow.',
        mitigatingAction: 'Project board escalated to the Director of Legal Services.',
        furtherAction: 'Fixed slot; workaround plan.',
      }),
      review(0, 'paul-ingram', [4, 3], {
        commentary: 'Fixed slot agreed for the next window. Impact down; likelihood stays until the build is tested.',
        mitigatingAction: 'Slot confirmed in writing by HQ Digital.',
        furtherAction: 'Prepare manual workaround.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-dct',
    title: 'Errors in migrating data from the extradition spreadsheet',
    cause:
      'Because live extradition cases are held in a spreadsheet with inconsistent date formats, free-text fields and duplicate rows.',
    event:
      'There is a risk that case records, hearing dates or removal deadlines are lost or corrupted when migrated into CMS.',
    effect: 'Resulting in missed hearings or removal deadlines in the weeks after go-live.',
    category: 'Project',
    objective: 'Use digital capability to work efficiently',
    ownerKey: 'stephen-mulligan',
    managerKey: 'paul-ingram',
    identifiedMonthsAgo: 11,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 5],
    current: [3, 4],
    target: [1, 4],
    controls: [
      'Spreadsheet cleansed by the Extradition Unit and checked against court records',
      'Trial migration with a reconciliation report before go-live',
    ],
    actions: [
      {
        description: 'Cleanse the 1,240 live case rows in the extradition spreadsheet',
        ownerKey: 'ruth-adeyemi',
        dueInDays: -12,
        status: 'in_progress',
      },
      {
        description: 'Run the spreadsheet and CMS in parallel for four weeks after go-live',
        dueInDays: 120,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'paul-ingram', [3, 5], {
        commentary: 'Initial data profile: 11% of rows have a missing or ambiguous date.',
        mitigatingAction: 'Data cleansing plan agreed with the unit.',
        furtherAction: 'Start cleansing.',
      }),
      review(2, 'paul-ingram', [3, 4], {
        commentary: 'Trial migration design includes reconciliation, so impact reduced.',
        mitigatingAction: 'Reconciliation report specified.',
        furtherAction: 'Continue cleansing.',
      }),
      review(1, 'paul-ingram', [3, 4], {
        commentary: 'Cleansing 60% done; slowed by extradition hearing workload.',
        mitigatingAction: 'Overtime offered to two caseworkers.',
        furtherAction: 'Finish cleansing; name an owner for parallel running.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-dct',
    title: 'Build phase funding not approved',
    cause:
      'Because the project needed approval from the HQ investment committee for build funding in a year of tight capital budgets.',
    event: 'There is a risk that build funding is refused or deferred.',
    effect: 'Resulting in the project stopping after discovery and the unit keeping the spreadsheet tracker indefinitely.',
    category: 'Project',
    objective: 'Manage our resources efficiently',
    ownerKey: 'nicola-ferreira',
    managerKey: 'paul-ingram',
    identifiedMonthsAgo: 12,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [2, 4],
    target: [1, 4],
    controls: ['Business case endorsed by the Director of Legal Services before submission'],
    actions: [
      {
        description: 'Submit the build phase business case to the investment committee',
        ownerKey: 'paul-ingram',
        dueInDays: -250,
        status: 'completed',
        completedDaysAgo: 255,
      },
    ],
    reviews: [
      review(3, 'paul-ingram', [3, 4], {
        commentary: 'Business case submitted. Committee meets next month.',
        mitigatingAction: 'DLS endorsement obtained.',
        furtherAction: 'Present to committee.',
      }),
      review(2, 'paul-ingram', [2, 4], {
        commentary: 'Build funding approved in full. Risk no longer applies.',
        mitigatingAction: 'Funding confirmed in writing.',
        furtherAction: 'Close risk.',
        stillValid: false,
      }),
    ],
    closed: { monthsAgo: 4, reason: 'Project stage completed: build funding approved' },
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD-EXT: Extradition Unit
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd-ext',
    title: 'States refusing to surrender their own nationals',
    cause:
      'Because surrender between the UK and EU states now runs under the Trade and Cooperation Agreement, which lets states refuse to surrender their own nationals.',
    event:
      'There is a risk that people wanted for serious offences in the UK cannot be returned from those states.',
    effect:
      'Resulting in suspects avoiding trial, reliance on slower transfer of proceedings, and loss of confidence among victims.',
    category: 'Strategic',
    objective: 'Maintain public confidence',
    ownerKey: 'ruth-adeyemi',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 30,
    treatment: 'tolerate',
    influence: 'outside',
    inherent: [4, 4],
    current: [4, 4],
    target: [4, 4],
    controls: [
      'Country notes on own-national bars kept up to date by the unit',
      'Early advice to Areas on alternatives such as transfer of proceedings',
    ],
    actions: [],
    reviews: [
      review(3, 'stephen-mulligan', [4, 4], {
        commentary: 'Three requests refused this quarter on own-national grounds.',
        mitigatingAction: 'Areas advised on transfer of proceedings.',
        furtherAction: 'None available to the CPS.',
      }),
      review(2, 'stephen-mulligan', [4, 4], {
        commentary: 'Two refusals. One case transferred to the requested state for prosecution.',
        mitigatingAction: 'Country notes updated.',
        furtherAction: 'None.',
      }),
      review(1, 'stephen-mulligan', [4, 4], {
        commentary: 'Unchanged. Tolerated: outside CPS control.',
        mitigatingAction: 'None new.',
        furtherAction: 'None.',
      }),
      review(0, 'stephen-mulligan', [4, 4], {
        commentary: 'Unchanged. Four refusals this quarter.',
        mitigatingAction: 'None new.',
        furtherAction: 'None.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-ext',
    title: 'Extradition casework tracked outside the case management system',
    cause:
      'Because CMS does not support extradition casework, the unit tracks hearings, time limits and outcomes on a shared spreadsheet.',
    event: 'There is a risk that entries are overwritten, missed or out of date.',
    effect: 'Resulting in missed hearings or time limits and unreliable performance information.',
    category: 'Information',
    objective: 'Use digital capability to work efficiently',
    ownerKey: 'ruth-adeyemi',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 32,
    treatment: 'terminate',
    influence: 'partly',
    inherent: [4, 4],
    current: [3, 4],
    target: [1, 2],
    controls: [
      'Daily check of the spreadsheet against the Westminster Magistrates\' Court list',
      'Spreadsheet editing limited to named staff, with a daily backup',
    ],
    actions: [
      {
        description: 'Replace the spreadsheet with CMS through the digital case transfer project',
        ownerKey: 'paul-ingram',
        dueInDays: 150,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [3, 4], {
        commentary: 'Daily list check caught one missing hearing.',
        mitigatingAction: 'Daily check continues.',
        furtherAction: 'Support the digital case transfer project.',
      }),
      review(2, 'stephen-mulligan', [3, 4], {
        commentary: 'No incidents. CMS release deferred (see project register).',
        mitigatingAction: 'Backup moved from weekly to daily.',
        furtherAction: 'None new.',
      }),
      review(1, 'stephen-mulligan', [3, 4], {
        commentary: 'Two hearings missing from the tracker, both caught by the daily check.',
        mitigatingAction: 'Editors reminded of entry rules.',
        furtherAction: 'Await CMS release.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-ext',
    title: 'Missed statutory time limits for removal',
    cause:
      'Because the Extradition Act 2003 sets strict time limits for removal once surrender is ordered, and removal depends on the requesting state, the NCA and the prison service.',
    event: 'There is a risk that a person is not removed in time and applies to be discharged.',
    effect:
      'Resulting in the release of a person wanted for serious offences abroad and damage to relations with the requesting state.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'ruth-adeyemi',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 40,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [2, 5],
    target: [1, 5],
    controls: [
      'Removal deadline diarised on the day surrender is ordered, with reminders at five and two days',
      'Daily liaison with the NCA extradition team on removals',
      'Duty lawyer available to apply for an extension when removal is delayed by events outside our control',
    ],
    actions: [
      {
        description: 'Agree an escalation route with HM Prison and Probation Service for production delays',
        ownerKey: 'ruth-adeyemi',
        dueInDays: 35,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [2, 5], {
        commentary: 'All removals within time. 96 surrenders this quarter.',
        mitigatingAction: 'Reminder system working.',
        furtherAction: 'None.',
      }),
      review(2, 'stephen-mulligan', [2, 5], {
        commentary: 'One removal made on the last day after a prison transport failure.',
        mitigatingAction: 'NCA arranged an alternative escort.',
        furtherAction: 'Raise production delays with HMPPS.',
      }),
      review(1, 'stephen-mulligan', [2, 5], {
        commentary: 'Discharge application after a cancelled flight; extension granted on the day.',
        mitigatingAction: 'Duty lawyer covered the hearing.',
        furtherAction: 'Agree HMPPS escalation route.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD-INT: International Unit
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd-int',
    title: 'Safety and security of staff posted overseas',
    cause:
      'Because 27 prosecutors and criminal justice advisers live and work abroad, some in countries with high crime, political instability or a terrorist threat.',
    event: 'There is a risk that a member of staff or their family is harmed, detained or needs urgent evacuation.',
    effect: 'Resulting in serious harm to staff, a failure in our duty of care and suspension of work in that country.',
    category: 'Health and safety',
    objective: 'Value and develop our people',
    ownerKey: 'jonathan-carew',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 44,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [2, 5],
    target: [2, 4],
    controls: [
      'Duty of care arrangements with the FCDO, including embassy security briefings on arrival',
      'Hostile environment awareness training before deployment to high-risk posts',
      'Monthly welfare call from the regional legal manager',
      'Country risk ratings reviewed whenever FCDO travel advice changes',
    ],
    actions: [
      {
        description: 'Extend evacuation and medical cover to dependants at all posts',
        ownerKey: 'jonathan-carew',
        dueInDays: -120,
        status: 'completed',
        completedDaysAgo: 120,
      },
      {
        description: 'Test the overseas staff call cascade across all posts',
        ownerKey: 'jonathan-carew',
        dueInDays: 20,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [2, 5], {
        commentary: 'No incidents. Two new starters completed hostile environment training.',
        mitigatingAction: 'Training booked for all new deployments.',
        furtherAction: 'Check dependants\' evacuation cover.',
      }),
      review(2, 'stephen-mulligan', [3, 5], {
        commentary:
          'FCDO advice changed for one East African post after unrest; prosecutor and family moved to the regional hub for three weeks.',
        mitigatingAction: 'Relocation handled with the embassy within 24 hours.',
        furtherAction: 'Gap found: dependants not covered for evacuation. Extend cover.',
      }),
      review(1, 'stephen-mulligan', [2, 5], {
        commentary: 'Staff back in post. Dependants now covered at all posts.',
        mitigatingAction: 'Cover extended.',
        furtherAction: 'Test call cascade across posts.',
      }),
      review(0, 'stephen-mulligan', [2, 5], {
        commentary: 'Call cascade test half done; 9 posts not yet contacted because of time zones and leave.',
        mitigatingAction: 'Contact details verified for 18 posts.',
        furtherAction: 'Finish cascade test.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-int',
    title: 'Loss of external funding for overseas posts',
    cause:
      'Because a third of overseas posts are funded year to year by the Conflict, Stability and Security Fund and other programmes whose priorities change each spending round.',
    event: 'There is a risk that funding for some posts is cut or withdrawn at short notice.',
    effect:
      'Resulting in posts closing mid-project, staff returning early and damage to relationships with partner countries.',
    category: 'Financial',
    objective: 'Manage our resources efficiently',
    ownerKey: 'jonathan-carew',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 26,
    treatment: 'treat',
    influence: 'outside',
    inherent: [4, 4],
    current: [4, 3],
    target: [3, 3],
    controls: [
      'Funding bids backed by outcomes from the quarterly post reports',
      'Contracts for externally funded posts aligned to the funding period',
    ],
    actions: [
      {
        description: 'Commission an external evaluation of post outcomes for funders',
        ownerKey: 'jonathan-carew',
        dueInDays: -100,
        status: 'cancelled',
      },
      {
        description: 'Put a business case to HQ to fund four core posts from the CPS baseline',
        ownerKey: 'jonathan-carew',
        dueInDays: 60,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [4, 3], {
        commentary: 'Spending round due. Funders want evidence of outcomes, not activity.',
        mitigatingAction: 'Post reports now include outcome measures.',
        furtherAction: 'External evaluation of outcomes.',
      }),
      review(2, 'stephen-mulligan', [4, 3], {
        commentary: 'Two posts funded for one more year only.',
        mitigatingAction: 'Staff in those posts told early.',
        furtherAction: 'Business case for core baseline funding.',
      }),
      review(1, 'stephen-mulligan', [4, 3], {
        commentary: 'Evaluation cancelled: HQ international strategy review will cover it. Business case in draft.',
        mitigatingAction: 'None new.',
        furtherAction: 'Submit business case.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-int',
    title: 'Casework assistance overseas not recorded',
    cause:
      'Because the unit has not treated its mutual legal assistance and extradition support as casework, and some overseas posts cannot use CMS for security reasons.',
    event:
      'There is a risk that the volume and quality of casework assistance given overseas is not recorded or quality assured.',
    effect: 'Resulting in errors going unnoticed and the unit being unable to show its value to funders and the CPS Board.',
    category: 'Strategic',
    objective: 'Deliver high quality casework',
    ownerKey: 'jonathan-carew',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 12,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 3],
    current: [4, 3],
    target: [2, 2],
    controls: [],
    actions: [],
    reviews: [
      review(3, 'stephen-mulligan', [4, 3], {
        commentary: 'Raised at SMT after the inspection. Unit to propose a way of recording casework.',
        mitigatingAction: 'None yet.',
        furtherAction: 'Framework to be drafted.',
      }),
      review(2, 'stephen-mulligan', [4, 3], {
        commentary: 'No progress; work paused during the post funding reviews.',
        mitigatingAction: 'None.',
        furtherAction: 'To be picked up next quarter.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD-OC: Organised Crime Division
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd-oc',
    title: 'Custody time limits in multi-defendant cases',
    cause:
      'Because Organised Crime cases often have ten or more defendants remanded in custody, with trials listed many months ahead.',
    event: 'There is a risk that a custody time limit expires without a timely extension application.',
    effect: 'Resulting in the release of dangerous defendants, reputational damage and a serious incident report to HQ.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'sarah-kowalczyk',
    managerKey: 'marcus-reid',
    identifiedMonthsAgo: 42,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 5],
    current: [1, 5],
    target: [1, 5],
    controls: [
      'Expiry dates recorded on CMS and in a location CTL diary, checked weekly by a legal manager',
      'Monthly CTL assurance certificate from each location to the Deputy Head',
      'CTL training for all new lawyers and paralegal officers',
    ],
    actions: [
      {
        description: 'Add a CTL check to the handover checklist used at every location',
        ownerKey: 'marcus-reid',
        dueInDays: -110,
        status: 'completed',
        completedDaysAgo: 120,
      },
    ],
    reviews: [
      review(3, 'marcus-reid', [1, 5], {
        commentary: 'No failures. All three locations returned certificates.',
        mitigatingAction: 'Weekly checks continue.',
        furtherAction: 'None.',
      }),
      review(2, 'marcus-reid', [2, 5], {
        commentary:
          'Manchester: extension served late after a diary entry was missed during a handover. Court granted the extension.',
        mitigatingAction: 'Diary re-checked at all locations.',
        furtherAction: 'Add CTL check to the handover checklist.',
      }),
      review(1, 'marcus-reid', [1, 5], {
        commentary: 'Checklist updated and in use. No further issues.',
        mitigatingAction: 'Handover checklist now includes CTL.',
        furtherAction: 'None.',
      }),
      review(0, 'marcus-reid', [1, 5], {
        commentary: 'No failures. 142 live CTL defendants across the three locations.',
        mitigatingAction: 'Weekly checks continue.',
        furtherAction: 'None.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-oc',
    title: 'Loss of case knowledge when lawyers move on',
    cause:
      'Because Organised Crime has no peer support on long-running cases and handover relies on the quality of the prosecution strategy document, disclosure record sheet and case log.',
    event: 'There is a risk that a lawyer takes over a case without a full understanding of it.',
    effect: 'Resulting in re-work, missed disclosure issues and a threat to the successful prosecution of the case.',
    category: 'Operational',
    objective: 'Deliver high quality casework',
    ownerKey: 'sarah-kowalczyk',
    managerKey: 'marcus-reid',
    identifiedMonthsAgo: 20,
    treatment: 'treat',
    influence: 'within',
    inherent: [4, 4],
    current: [3, 4],
    target: [2, 3],
    controls: [
      'Prosecution strategy document mandatory and reviewed by the unit head at each stage',
      'Handover checklist signed by both lawyers and the unit head',
    ],
    actions: [
      {
        description: 'Introduce a handover checklist signed by both lawyers and the unit head',
        ownerKey: 'marcus-reid',
        dueInDays: -140,
        status: 'completed',
        completedDaysAgo: 130,
      },
      {
        description: 'Allocate a second lawyer to cases expected to last over 18 months',
        ownerKey: 'sarah-kowalczyk',
        dueInDays: 20,
        status: 'in_progress',
      },
      {
        description: 'Dip-sample ten prosecution strategy documents per location each quarter',
        ownerKey: 'marcus-reid',
        dueInDays: 16,
        status: 'not_started',
      },
    ],
    reviews: [
      review(3, 'marcus-reid', [4, 4], {
        commentary: 'Inspection found handovers rely on documents that are not always good enough.',
        mitigatingAction: 'Unit heads reminded of the strategy document standard.',
        furtherAction: 'Handover checklist.',
      }),
      review(2, 'marcus-reid', [4, 4], {
        commentary: 'Four lawyer moves this quarter on cases over a year old; two needed significant re-work.',
        mitigatingAction: 'Checklist drafted.',
        furtherAction: 'Issue checklist; consider second-lawyer allocation.',
      }),
      review(1, 'marcus-reid', [3, 4], {
        commentary: 'Checklist in use for all handovers. Recent handovers smoother.',
        mitigatingAction: 'Three handovers completed with the checklist.',
        furtherAction: 'Second-lawyer allocation; dip samples.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-oc',
    title: 'Challenges to evidence from encrypted communication platforms',
    cause:
      'Because many cases rely on messages obtained by overseas law enforcement from encrypted communication platforms, and the defence routinely challenge how the material was obtained and shared.',
    event:
      'There is a risk that key evidence is ruled inadmissible, or that disclosure requests to foreign authorities cannot be met.',
    effect: 'Resulting in failed prosecutions across a large number of linked cases.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'sarah-kowalczyk',
    managerKey: 'marcus-reid',
    identifiedMonthsAgo: 34,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 5],
    current: [2, 5],
    target: [2, 4],
    controls: [
      'National litigation strategy coordinated by a lead counsel team',
      'Standard admissibility response and evidence bundle maintained by the International Strategy and Policy Unit',
      'Letters of request for disclosure coordinated through the International Unit',
    ],
    actions: [
      {
        description: 'Circulate the latest Court of Appeal ruling on admissibility with updated guidance to all OC lawyers',
        ownerKey: 'eleanor-voss',
        dueInDays: -100,
        status: 'completed',
        completedDaysAgo: 110,
      },
      {
        description: 'Update the standard admissibility response after the latest first-instance rulings',
        ownerKey: 'eleanor-voss',
        dueInDays: 10,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'marcus-reid', [3, 5], {
        commentary: 'Admissibility hearings in 14 cases; appeal pending on the central issue.',
        mitigatingAction: 'Lead counsel team coordinating arguments.',
        furtherAction: 'Await Court of Appeal.',
      }),
      review(2, 'marcus-reid', [3, 5], {
        commentary: 'Appeal heard; judgment reserved.',
        mitigatingAction: 'Trials sequenced so the lead cases go first.',
        furtherAction: 'Circulate judgment once handed down.',
      }),
      review(1, 'marcus-reid', [2, 5], {
        commentary: 'Court of Appeal upheld admissibility. Guidance circulated. Likelihood reduced.',
        mitigatingAction: 'Guidance issued to all OC lawyers.',
        furtherAction: 'Keep standard response current.',
      }),
      review(0, 'marcus-reid', [2, 5], {
        commentary: 'Defence now focusing on disclosure from foreign authorities. No exclusions this quarter.',
        mitigatingAction: 'Letters of request coordinated through International.',
        furtherAction: 'Update standard response.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD-BHM: Organised Crime Birmingham location register
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd-bhm',
    title: 'Trial backlog at Birmingham Crown Court',
    cause: 'Because Birmingham Crown Court is listing multi-week custody trials more than 18 months after charge.',
    event: 'There is a risk that witnesses disengage and custody time limits need repeated extension.',
    effect: 'Resulting in weaker cases at trial, distress for witnesses and pressure to accept lesser pleas.',
    category: 'Casework',
    objective: 'Support victims and witnesses',
    ownerKey: 'sarah-kowalczyk',
    managerKey: 'marcus-reid',
    identifiedMonthsAgo: 24,
    treatment: 'tolerate',
    influence: 'outside',
    inherent: [4, 4],
    current: [4, 3],
    target: [3, 3],
    controls: [
      'Witness care plan for every witness in a custody trial, with monthly contact by the officer in the case',
      'Quarterly listing meeting with the Resident Judge and HMCTS',
    ],
    actions: [
      {
        description: 'Put listing priorities for the three oldest custody trials to the Resident Judge',
        ownerKey: 'marcus-reid',
        dueInDays: -3,
        status: 'completed',
        completedDaysAgo: 6,
      },
    ],
    reviews: [
      review(3, 'marcus-reid', [4, 4], {
        commentary: 'Average wait from charge to trial 19 months. Two key witnesses withdrew support.',
        mitigatingAction: 'Witness care plans refreshed.',
        furtherAction: 'Raise listing at the next meeting with the Resident Judge.',
      }),
      review(2, 'marcus-reid', [4, 4], {
        commentary: 'No change in listing times. Tolerated: listing is for the court.',
        mitigatingAction: 'Monthly witness contact checked.',
        furtherAction: 'None new.',
      }),
      review(1, 'marcus-reid', [4, 4], {
        commentary: 'One trial moved forward after a plea in another case.',
        mitigatingAction: 'None new.',
        furtherAction: 'Propose listing priorities for the oldest cases.',
      }),
      review(0, 'marcus-reid', [4, 3], {
        commentary: 'Resident Judge agreed to prioritise our three oldest custody trials. Impact reduced.',
        mitigatingAction: 'Listing priorities agreed.',
        furtherAction: 'Monitor dates hold.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-bhm',
    title: 'Team dependent on two experienced paralegal officers',
    cause:
      'Because the Birmingham team has nine staff and only two paralegal officers trained to manage exhibits in large digital cases.',
    event: 'There is a risk that absence or departure of either leaves exhibits and schedules unmanaged.',
    effect: 'Resulting in late service of evidence and failure to comply with court directions.',
    category: 'People',
    objective: 'Value and develop our people',
    ownerKey: 'sarah-kowalczyk',
    managerKey: 'marcus-reid',
    identifiedMonthsAgo: 0,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 4],
    current: [3, 3],
    target: [2, 3],
    controls: ['Exhibit procedures written up in the team desk instructions'],
    actions: [
      {
        description: 'Train a third paralegal officer in exhibit management using the NCA Exhibit Working Group materials',
        ownerKey: 'marcus-reid',
        dueInDays: 45,
        status: 'not_started',
      },
    ],
    reviews: [],
  },

  // ---------------------------------------------------------------------------------------
  // IJOCD-ISP: International Strategy and Policy Unit
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'ijocd-isp',
    title: 'Not enough policy capacity to respond to new legislation',
    cause:
      'Because six policy advisers cover money laundering, cyber crime, covert investigation and international cooperation, and several bills and consultations in these areas are expected this year.',
    event:
      'There is a risk that the CPS cannot contribute properly to new legislation, or that prosecutors\' guidance lags behind the law.',
    effect: 'Resulting in laws that are harder to prosecute and prosecutors working from out-of-date guidance.',
    category: 'Strategic',
    objective: 'Maintain public confidence',
    ownerKey: 'eleanor-voss',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 14,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 4],
    current: [3, 3],
    target: [2, 3],
    controls: [
      'Forward look of bills and consultations reviewed at the monthly unit meeting',
      'Named policy lead and deputy for each subject',
    ],
    actions: [
      {
        description: 'Agree with HQ Legal Services how Area specialists can help with consultation responses',
        ownerKey: 'eleanor-voss',
        dueInDays: 30,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'stephen-mulligan', [3, 3], {
        commentary: 'Three consultations answered on time.',
        mitigatingAction: 'Forward look in place.',
        furtherAction: 'None.',
      }),
      review(2, 'stephen-mulligan', [3, 4], {
        commentary: 'Economic crime bill introduced with a short window for comment; two advisers on leave.',
        mitigatingAction: 'Response drafted with help from Organised Crime lawyers.',
        furtherAction: 'Find a standing source of extra help.',
      }),
      review(1, 'stephen-mulligan', [3, 3], {
        commentary: 'Bill response submitted. Peak passed.',
        mitigatingAction: 'Deputies named for every subject.',
        furtherAction: 'Agree Area specialist support with HQ.',
      }),
      review(0, 'stephen-mulligan', [3, 3], {
        commentary: 'Quiet quarter. Two consultations expected next quarter.',
        mitigatingAction: 'Forward look updated.',
        furtherAction: 'Conclude HQ discussion.',
      }),
    ],
  },
  {
    registerKey: 'ijocd-isp',
    title: 'Legal guidance on the Casework Hub out of date',
    cause: 'Because extradition and money laundering guidance pages on the Casework Hub have no review dates or named owners.',
    event: 'There is a risk that prosecutors in Areas rely on guidance that no longer reflects the law.',
    effect: 'Resulting in wrong advice or decisions in cases and avoidable appeals.',
    category: 'Information',
    objective: 'Deliver high quality casework',
    ownerKey: 'eleanor-voss',
    managerKey: 'stephen-mulligan',
    identifiedMonthsAgo: 9,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 3],
    current: [3, 3],
    target: [2, 2],
    controls: [],
    actions: [],
    reviews: [
      review(2, 'stephen-mulligan', [3, 3], {
        commentary: 'New risk.',
        mitigatingAction: 'None.',
        furtherAction: 'To be agreed.',
      }),
      review(1, 'stephen-mulligan', [3, 3], {
        commentary: 'No change.',
        mitigatingAction: 'None.',
        furtherAction: 'To be agreed.',
      }),
      review(0, 'stephen-mulligan', [3, 3], {
        commentary: 'No change.',
        mitigatingAction: 'None.',
        furtherAction: 'To be agreed.',
      }),
    ],
  },

  // ---------------------------------------------------------------------------------------
  // HQ-DISC: Disclosure thematic register
  // ---------------------------------------------------------------------------------------
  {
    registerKey: 'hq-disc',
    title: 'Volume of digital material outstrips capacity to review and disclose',
    cause:
      'Because the amount of digital material in serious cases has grown faster than police and CPS capacity to review it, in every Area and casework division.',
    event: 'There is a risk that disclosure obligations are not met in a growing number of cases.',
    effect:
      'Resulting in collapsed trials, miscarriages of justice and loss of public confidence in the criminal justice system.',
    category: 'Casework',
    objective: 'Maintain public confidence',
    ownerKey: 'deborah-okafor',
    managerKey: 'priya-raman',
    identifiedMonthsAgo: 38,
    treatment: 'treat',
    influence: 'partly',
    inherent: [5, 5],
    current: [4, 4],
    target: [3, 3],
    controls: [
      'National disclosure improvement plan overseen by the Director of Legal Services',
      'Disclosure management documents mandatory in all Crown Court cases',
      'Quarterly disclosure assurance returns from every Area and casework division',
    ],
    actions: [
      {
        description: 'Publish revised joint disclosure guidance with the National Police Chiefs\' Council',
        ownerKey: 'deborah-okafor',
        dueInDays: -190,
        status: 'completed',
        completedDaysAgo: 200,
      },
      {
        description: 'Roll out technology-assisted review tools to the casework divisions',
        ownerKey: 'deborah-okafor',
        dueInDays: 120,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'priya-raman', [5, 4], {
        commentary: 'Disclosure failures cited in 31 unsuccessful outcomes nationally this quarter.',
        mitigatingAction: 'Improvement plan refreshed.',
        furtherAction: 'Joint guidance with NPCC.',
      }),
      review(2, 'priya-raman', [4, 4], {
        commentary: 'Joint guidance published. Failures down to 24.',
        mitigatingAction: 'Guidance briefed to all legal managers.',
        furtherAction: 'Technology-assisted review rollout.',
      }),
      review(1, 'priya-raman', [4, 4], {
        commentary:
          'Counter Terrorism and Organised Crime registers both carry related unit risks; theme confirmed across divisions.',
        mitigatingAction: 'Unit risks linked to this thematic risk.',
        furtherAction: 'Tool procurement.',
      }),
      review(0, 'priya-raman', [4, 4], {
        commentary: 'Above appetite for a fourth quarter. Reported to the Audit and Risk Committee.',
        mitigatingAction: 'Tool contract signed; pilot in two casework divisions.',
        furtherAction: 'Rollout to all casework divisions.',
      }),
    ],
  },
  {
    registerKey: 'hq-disc',
    title: 'Poor-quality police disclosure schedules',
    cause: 'Because police schedules of unused material are often incomplete or describe items too vaguely to assess.',
    event: 'There is a risk that prosecutors cannot make properly informed disclosure decisions.',
    effect: 'Resulting in late disclosure, adjournments and failed cases.',
    category: 'Casework',
    objective: 'Deliver high quality casework',
    ownerKey: 'deborah-okafor',
    managerKey: 'priya-raman',
    identifiedMonthsAgo: 30,
    treatment: 'treat',
    influence: 'partly',
    inherent: [4, 4],
    current: [3, 4],
    target: [2, 3],
    controls: [
      'Defective schedules returned to police on the national feedback template',
      'Joint disclosure performance reviewed at prosecution team performance meetings',
    ],
    actions: [
      {
        description: 'Agree schedule quality measures with the NPCC disclosure lead for quarterly reporting',
        ownerKey: 'deborah-okafor',
        dueInDays: -40,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'priya-raman', [4, 4], {
        commentary: 'Area returns show 38% of schedules sent back as defective.',
        mitigatingAction: 'Feedback template reissued.',
        furtherAction: 'Agree quality measures with NPCC.',
      }),
      review(2, 'priya-raman', [3, 4], {
        commentary: 'Defective rate down to 29% after police training in three forces.',
        mitigatingAction: 'Forces sharing training materials.',
        furtherAction: 'Quality measures.',
      }),
      review(1, 'priya-raman', [3, 4], {
        commentary: 'Rate steady. Measures still in discussion with NPCC.',
        mitigatingAction: 'None new.',
        furtherAction: 'Conclude measures.',
      }),
    ],
  },
  {
    registerKey: 'hq-disc',
    title: 'Disclosure training not completed',
    cause:
      'Because the mandatory disclosure refresher is renewed each year and completion is tracked separately by each Area and division.',
    event: 'There is a risk that prosecutors and paralegal officers handle disclosure without up-to-date training.',
    effect: 'Resulting in inconsistent disclosure decisions and criticism from the courts and the Inspectorate.',
    category: 'People',
    objective: 'Value and develop our people',
    ownerKey: 'deborah-okafor',
    managerKey: 'priya-raman',
    identifiedMonthsAgo: 20,
    treatment: 'treat',
    influence: 'within',
    inherent: [3, 3],
    current: [2, 3],
    target: [2, 2],
    controls: ['Monthly completion reports from the learning system to Heads of Division and Chief Crown Prosecutors'],
    actions: [
      {
        description: 'Make the disclosure refresher a condition of case allocation for new starters',
        ownerKey: 'deborah-okafor',
        dueInDays: 25,
        status: 'in_progress',
      },
    ],
    reviews: [
      review(3, 'priya-raman', [3, 3], {
        commentary: 'National completion 71%.',
        mitigatingAction: 'Reminder from the Director of Legal Services.',
        furtherAction: 'Link completion to allocation.',
      }),
      review(2, 'priya-raman', [3, 3], {
        commentary: 'Completion 75%.',
        mitigatingAction: 'Monthly reports to Heads of Division.',
        furtherAction: 'As before.',
      }),
      review(1, 'priya-raman', [3, 3], {
        commentary: 'Completion 78%; two casework divisions below 70%.',
        mitigatingAction: 'Divisions below 70% written to.',
        furtherAction: 'As before.',
      }),
      review(0, 'priya-raman', [2, 3], {
        commentary: 'Completion reported at 86%. Likelihood lowered.',
        mitigatingAction: 'Reminders sent by Heads of Division.',
        furtherAction: 'Allocation condition still in progress.',
      }),
    ],
  },
  {
    registerKey: 'hq-disc',
    title: 'Personal data missed by automated redaction',
    cause:
      'Because prosecutors have started using an automated tool to redact personal data from digital material before it is served or disclosed.',
    event:
      'There is a risk that addresses or other personal details of victims and witnesses are missed by the tool and served on the defence.',
    effect: 'Resulting in harm to victims and witnesses, a reportable data breach and loss of trust in the CPS.',
    category: 'Information',
    objective: 'Support victims and witnesses',
    ownerKey: 'deborah-okafor',
    managerKey: 'priya-raman',
    identifiedMonthsAgo: 1,
    treatment: 'treat',
    influence: 'partly',
    inherent: [3, 5],
    current: [3, 4],
    target: [2, 4],
    controls: ['Manual check of a sample of redacted pages before service'],
    actions: [
      {
        description: 'Agree minimum manual checking rates with the tool supplier and the Data Protection Officer',
        ownerKey: 'priya-raman',
        dueInDays: 40,
        status: 'not_started',
      },
    ],
    reviews: [
      review(0, 'priya-raman', [3, 4], {
        commentary: 'New risk raised at the national disclosure board after two near misses in Areas.',
        mitigatingAction: 'Interim instruction: check 1 page in 10 manually.',
        furtherAction: 'Agree checking rates with supplier and DPO.',
      }),
    ],
  },
];

/**
 * One user per role, for trying Bulwark out; all share DEMO_PASSWORD (README). A unit
 * manager shows how a role reaches only its own part of the organisation.
 */
export const DEMO_PASSWORD = 'bulwark-demo-2026';
const users: DemoUser[] = [
  { personKey: 'craig-atkinson', roles: [{ role: 'admin', nodeKey: null }] },
  { personKey: 'priya-raman', roles: [{ role: 'hq_reviewer', nodeKey: null }] },
  { personKey: 'gareth-pryce', roles: [{ role: 'business_manager', nodeKey: 'scctd' }] },
  { personKey: 'hannah-sowerby', roles: [{ role: 'bcp_coordinator', nodeKey: 'scctd' }] },
  { personKey: 'stephen-mulligan', roles: [{ role: 'business_manager', nodeKey: 'ijocd' }, { role: 'bcp_coordinator', nodeKey: 'ijocd' }] },
  { personKey: 'rebecca-thorne', roles: [{ role: 'business_manager', nodeKey: 'scctd-aru' }] },
];

export const demoOrganisation: DemoOrganisation = {
  sites,
  nodes,
  people,
  users,
  password: DEMO_PASSWORD,
  objectives: [...OBJECTIVES],
  registers,
  moves: [
    {
      riskTitle: 'Late service of digital forensic reports',
      toRegisterKey: 'scctd-ct',
      reason: 'Operation Kestrel concluded at trial; the forensic backlog it exposed now affects every Counter Terrorism case, so the risk is carried by the division register.',
      daysAgo: 20,
      byKey: 'gareth-pryce',
    },
  ],
  risks: [...risks, ...joinedRisks],
  plans: demoPlans,
  exercises: demoExercises,
  planRisks: demoPlanRisks,
};
