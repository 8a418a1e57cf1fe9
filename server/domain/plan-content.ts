import { z } from 'zod';
import { EXERCISE_TYPES } from './vocabulary';

// The content of a business continuity plan in the standard format (docs/domain.md), sections 0 to
// 11 in order. This is the single source of its shape: stored as JSON in plan_versions.content,
// edited one section at a time, printed through server/presenters/plan-print.ts.
// Every field has a default so content saved by an older release still parses as the format grows.

/** The loss scenarios a plan assumes and its action cards answer. */
export const LOSS_SCENARIOS = ['building', 'staff', 'it', 'supplier'] as const;
export type LossScenario = (typeof LOSS_SCENARIOS)[number];
export const LOSS_SCENARIO_LABELS: Record<LossScenario, string> = {
  building: 'Loss of building',
  staff: 'Loss of staff',
  it: 'Loss of IT',
  supplier: 'Loss of a supplier',
};

/** Action cards can also apply whatever happened. */
export const CARD_SCENARIOS = ['any', ...LOSS_SCENARIOS] as const;
export type CardScenario = (typeof CARD_SCENARIOS)[number];
export const CARD_SCENARIO_LABELS: Record<CardScenario, string> = { any: 'Any incident', ...LOSS_SCENARIO_LABELS };

export const CONTACT_KINDS = ['internal', 'external'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = { internal: 'Internal', external: 'External' };

export const RESOURCE_KINDS = ['people', 'premises', 'it', 'records', 'equipment', 'supplier'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  people: 'People and skills',
  premises: 'Premises',
  it: 'IT system',
  records: 'Vital records',
  equipment: 'Equipment',
  supplier: 'Supplier',
};

export const AUDIENCES = ['staff', 'partners', 'public', 'media'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = {
  staff: 'Staff',
  partners: 'Partners (courts, police, other agencies)',
  public: 'Public, victims and witnesses',
  media: 'Media',
};


const text = z.string().default('');
/** Hours, or null when not yet known (a plan in progress). */
const hours = z.number().nonnegative().nullable().default(null);
const count = z.number().int().nonnegative().nullable().default(null);

const distributionRow = z.object({ name: text, role: text });
const triggerRow = z.object({ trigger: text });
const responseRoleRow = z.object({ role: text, primary: text, alternate: text });
const cascadeRow = z.object({
  /** Step of the cascade: everyone at step 2 is called by someone reached at step 1. */
  order: z.number().int().positive().nullable().default(null),
  caller: text,
  calls: text,
  phone: text,
  kind: z.enum(CONTACT_KINDS).default('internal'),
});
const externalContactRow = z.object({ organisation: text, name: text, phone: text, purpose: text });
const activityRow = z.object({
  activity: text,
  /** 1 is recovered first. */
  priority: z.number().int().positive().nullable().default(null),
  rtoHours: hours,
  mtpdHours: hours,
  rpoHours: hours,
  minimumStaff: count,
  peakPeriods: text,
});
const resourceRow = z.object({ kind: z.enum(RESOURCE_KINDS).default('people'), name: text, detail: text });
const actionCard = z.object({
  scenario: z.enum(CARD_SCENARIOS).default('any'),
  role: text,
  steps: z.array(z.string()).default([]),
});
const communicationRow = z.object({ audience: z.enum(AUDIENCES).default('staff'), responsible: text, method: text });

export const planContentSchema = z.object({
  documentControl: z.object({ distribution: z.array(distributionRow).default([]) }).default({ distribution: [] }),
  purpose: z
    .object({
      purpose: text,
      scope: text,
      assumptions: z
        .object({ building: text, staff: text, it: text, supplier: text })
        .default({ building: '', staff: '', it: '', supplier: '' }),
    })
    .default({ purpose: '', scope: '', assumptions: { building: '', staff: '', it: '', supplier: '' } }),
  invocation: z
    .object({
      triggers: z.array(triggerRow).default([]),
      whoMayInvoke: text,
      deputy: text,
      how: text,
      meetingPoint: text,
      alternativeMeetingPoint: text,
    })
    .default({ triggers: [], whoMayInvoke: '', deputy: '', how: '', meetingPoint: '', alternativeMeetingPoint: '' }),
  responseTeam: z.object({ roles: z.array(responseRoleRow).default([]) }).default({ roles: [] }),
  contacts: z
    .object({ cascade: z.array(cascadeRow).default([]), external: z.array(externalContactRow).default([]) })
    .default({ cascade: [], external: [] }),
  criticalActivities: z.object({ activities: z.array(activityRow).default([]) }).default({ activities: [] }),
  resources: z.object({ items: z.array(resourceRow).default([]) }).default({ items: [] }),
  alternativeWorking: z
    .object({ otherSite: text, travelTime: text, homeWorking: text, contact: text })
    .default({ otherSite: '', travelTime: '', homeWorking: '', contact: '' }),
  recovery: z.object({ cards: z.array(actionCard).default([]) }).default({ cards: [] }),
  communications: z.object({ messages: z.array(communicationRow).default([]) }).default({ messages: [] }),
  incidentLog: z
    .object({ logKeeper: text, logMethod: text, standDownAuthority: text, standDownCriteria: text, debrief: text })
    .default({ logKeeper: '', logMethod: '', standDownAuthority: '', standDownCriteria: '', debrief: '' }),
  exercising: z
    .object({ requiredTests: z.array(z.enum(EXERCISE_TYPES)).default([]), maintenance: text })
    .default({ requiredTests: [], maintenance: '' }),
});

export type PlanContent = z.output<typeof planContentSchema>;
export type SectionKey = keyof PlanContent;
export type CascadeRow = PlanContent['contacts']['cascade'][number];
export type CriticalActivity = PlanContent['criticalActivities']['activities'][number];
export type ActionCard = PlanContent['recovery']['cards'][number];

export interface SectionDefinition {
  number: number;
  key: SectionKey;
  title: string;
  /** What the section is for and what good looks like: shown while editing and printed on drafts. */
  guidance: string;
}

export const SECTIONS: readonly SectionDefinition[] = [
  {
    number: 0,
    key: 'documentControl',
    title: 'Document control',
    guidance:
      'Who holds a copy of this plan. Keep a printed copy off site: the people on this list must be able to use the plan when the building and the network are both unavailable.',
  },
  {
    number: 1,
    key: 'purpose',
    title: 'Purpose, scope and planning assumptions',
    guidance:
      'Say what the plan is for and which teams, sites and work it covers. For each loss scenario, state what the plan assumes: how long the building may be unavailable, what share of staff may be absent, how long IT may be down, and which supplier failures are covered.',
  },
  {
    number: 2,
    key: 'invocation',
    title: 'Invocation',
    guidance:
      'List the events that trigger the plan, who may invoke it and their deputy, how they do it (who they tell first, how it is recorded) and where the response team meets, with a second place if the first is unavailable.',
  },
  {
    number: 3,
    key: 'responseTeam',
    title: 'Response team',
    guidance:
      'Name the roles needed to run the response (for example incident lead, deputy, loggist, communications lead, IT liaison) and a primary and an alternate holder for each. Nobody should be the only person able to fill a role.',
  },
  {
    number: 4,
    key: 'contacts',
    title: 'Contacts and call cascade',
    guidance:
      'Set out who calls whom, step by step, so that every member of staff is reached within an hour. Give a phone number that works out of hours. Add the external organisations the team depends on: courts, police, the facilities provider, the IT service desk.',
  },
  {
    number: 5,
    key: 'criticalActivities',
    title: 'Critical activities',
    guidance:
      'From the business impact analysis: the activities that must continue, in priority order, each with its recovery time objective (RTO), maximum tolerable period of disruption (MTPD), recovery point objective (RPO) for its data, the minimum staff needed and its peak periods.',
  },
  {
    number: 6,
    key: 'resources',
    title: 'Resources and dependencies',
    guidance:
      'What the critical activities depend on: people and skills, premises, IT systems (for example the case management system), vital records (and where copies are held), equipment and suppliers.',
  },
  {
    number: 7,
    key: 'alternativeWorking',
    title: 'Alternative working',
    guidance:
      'Where work moves to if the building is lost: another office (with its address and the travel time), what can be done from home and with which equipment, and who to contact to arrange it.',
  },
  {
    number: 8,
    key: 'recovery',
    title: 'Recovery steps and action cards',
    guidance:
      'One card per loss scenario and role: the steps that person takes, in order, short enough to follow under pressure. Each step is printed with a tick box.',
  },
  {
    number: 9,
    key: 'communications',
    title: 'Communications',
    guidance:
      'Who tells staff, partners (courts, police, other agencies), the public, victims and witnesses, and the media, and how. Media enquiries go to the Press Office only.',
  },
  {
    number: 10,
    key: 'incidentLog',
    title: 'Incident log and stand-down',
    guidance:
      'Who keeps the log of decisions and actions, and how; who decides the incident is over, on what criteria, and how the debrief captures lessons learned.',
  },
  {
    number: 11,
    key: 'exercising',
    title: 'Exercising and maintenance',
    guidance:
      'Which tests this plan needs (call cascade, tabletop, live exercise) and how it is kept up to date between reviews. Dates of the last and next tests come from the exercise records.',
  },
];

export function sectionByKey(key: string): SectionDefinition | undefined {
  return SECTIONS.find((section) => section.key === key);
}

/** Empty content: every list empty, every field blank. */
export function emptyPlanContent(): PlanContent {
  return planContentSchema.parse({});
}

/**
 * The standard template a new plan starts from: the usual roles, the four audiences and every
 * test type already listed, so the author fills in names rather than inventing the structure.
 */
export function planTemplate(): PlanContent {
  const content = emptyPlanContent();
  content.responseTeam.roles = ['Incident lead', 'Deputy incident lead', 'Loggist', 'Communications lead'].map((role) => ({
    role,
    primary: '',
    alternate: '',
  }));
  content.communications.messages = AUDIENCES.map((audience) => ({ audience, responsible: '', method: '' }));
  content.exercising.requiredTests = [...EXERCISE_TYPES];
  return content;
}

/** Stored JSON to content; throws if it is not a plan (the database only holds what was validated). */
export function parsePlanContent(json: string): PlanContent {
  return planContentSchema.parse(JSON.parse(json));
}

export function serialisePlanContent(content: PlanContent): string {
  return JSON.stringify(planContentSchema.parse(content));
}

export interface MissingSection {
  number: number;
  key: SectionKey;
  title: string;
  /** What is missing, in the words of the form, e.g. 'Primary holder for Loggist'. */
  missing: string[];
}

const blank = (value: string) => value.trim() === '';
/** 'Loss of IT' → 'loss of IT': lower case inside a sentence, acronyms kept. */
export const lowerFirst = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

function missingIn(key: SectionKey, content: PlanContent): string[] {
  const missing: string[] = [];
  const need = (value: string, what: string) => {
    if (blank(value)) missing.push(what);
  };
  switch (key) {
    case 'documentControl':
      if (content.documentControl.distribution.length === 0) missing.push('Distribution list');
      break;
    case 'purpose': {
      const { purpose, scope, assumptions } = content.purpose;
      need(purpose, 'Purpose');
      need(scope, 'Scope');
      for (const scenario of LOSS_SCENARIOS) need(assumptions[scenario], `Planning assumption: ${lowerFirst(LOSS_SCENARIO_LABELS[scenario])}`);
      break;
    }
    case 'invocation': {
      const invocation = content.invocation;
      if (invocation.triggers.length === 0) missing.push('Triggers');
      need(invocation.whoMayInvoke, 'Who may invoke the plan');
      need(invocation.deputy, 'Deputy who may invoke the plan');
      need(invocation.how, 'How the plan is invoked');
      need(invocation.meetingPoint, 'Where the team meets');
      break;
    }
    case 'responseTeam':
      if (content.responseTeam.roles.length === 0) missing.push('Response team roles');
      for (const row of content.responseTeam.roles) {
        const role = row.role || 'a role';
        need(row.role, 'Name of a response team role');
        need(row.primary, `Primary holder for ${role}`);
        need(row.alternate, `Alternate holder for ${role}`);
      }
      break;
    case 'contacts':
      if (content.contacts.cascade.length === 0) missing.push('Call cascade');
      content.contacts.cascade.forEach((row, index) => {
        const line = `call cascade line ${index + 1}`;
        if (row.order === null) missing.push(`Step for ${line}`);
        need(row.caller, `Caller for ${line}`);
        need(row.calls, `Who is called on ${line}`);
        need(row.phone, `Phone number for ${line}`);
      });
      break;
    case 'criticalActivities':
      if (content.criticalActivities.activities.length === 0) missing.push('Critical activities');
      for (const row of content.criticalActivities.activities) {
        const activity = row.activity || 'an activity';
        need(row.activity, 'Name of a critical activity');
        if (row.priority === null) missing.push(`Priority for ${activity}`);
        if (row.rtoHours === null) missing.push(`RTO for ${activity}`);
        if (row.mtpdHours === null) missing.push(`MTPD for ${activity}`);
        if (row.minimumStaff === null) missing.push(`Minimum staff for ${activity}`);
      }
      break;
    case 'resources':
      if (content.resources.items.length === 0) missing.push('Resources and dependencies');
      break;
    case 'alternativeWorking': {
      const working = content.alternativeWorking;
      if (blank(working.otherSite) && blank(working.homeWorking)) missing.push('Another site or home working');
      need(working.contact, 'Contact for alternative working');
      break;
    }
    case 'recovery':
      if (content.recovery.cards.length === 0) missing.push('Action cards');
      for (const card of content.recovery.cards) {
        const title = `${CARD_SCENARIO_LABELS[card.scenario]}: ${card.role || 'a role'}`;
        need(card.role, `Role for the ${lowerFirst(CARD_SCENARIO_LABELS[card.scenario])} card`);
        if (card.steps.length === 0) missing.push(`Steps for ${title}`);
      }
      break;
    case 'communications': {
      // Each of the four audiences (staff, partners, the public, the media) needs who tells them and how.
      const messages = content.communications.messages;
      for (const audience of AUDIENCES) {
        const rows = messages.filter((row) => row.audience === audience);
        const name = lowerFirst(AUDIENCE_LABELS[audience]);
        if (!rows.some((row) => !blank(row.method))) missing.push(`How ${name} are told`);
        if (!rows.some((row) => !blank(row.responsible))) missing.push(`Who tells ${name}`);
      }
      break;
    }
    case 'incidentLog':
      need(content.incidentLog.logKeeper, 'Who keeps the incident log');
      need(content.incidentLog.standDownAuthority, 'Who stands the response down');
      break;
    case 'exercising':
      if (content.exercising.requiredTests.length === 0) missing.push('Required tests');
      break;
  }
  return missing;
}

/**
 * The sections a plan cannot be approved without, each with what it lacks, in section order.
 * An empty list means the plan is complete in the standard format.
 */
export function missingSections(content: PlanContent): MissingSection[] {
  return SECTIONS.flatMap(({ number, key, title }) => {
    const missing = missingIn(key, content);
    return missing.length > 0 ? [{ number, key, title, missing }] : [];
  });
}
