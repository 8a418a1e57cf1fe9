import {
  AUDIENCE_LABELS,
  AUDIENCES,
  CARD_SCENARIO_LABELS,
  CARD_SCENARIOS,
  CONTACT_KIND_LABELS,
  CONTACT_KINDS,
  LOSS_SCENARIO_LABELS,
  lowerFirst,
  RESOURCE_KIND_LABELS,
  RESOURCE_KINDS,
  type SectionKey,
} from '../domain/plan-content';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES } from '../domain/vocabulary';
import type { Choice, FieldSpec, SectionFormSpec } from './plan-section-spec';

// Each plan section's form, as data: its fields and its lists, and how each reads from and
// writes to the plan's content. The code that draws and parses them is plan-section-form.ts.


const choicesOf = <T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] => values.map((value) => ({ value, text: labels[value] }));
/** Narrows a select's checked value back to its vocabulary. */
const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T => values.find((v) => v === value) ?? fallback;

const text = (name: string, label: string, extra: Partial<FieldSpec> & Pick<FieldSpec, 'read' | 'write'>): FieldSpec => ({ name, label, kind: 'text', ...extra });
const area = (name: string, label: string, extra: Partial<FieldSpec> & Pick<FieldSpec, 'read' | 'write'>): FieldSpec => ({ name, label, kind: 'textarea', ...extra });
const str = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value);

const SPECS: SectionFormSpec[] = [
  {
    key: 'documentControl',
    fields: [],
    lists: [
      {
        key: 'distribution',
        label: 'Distribution list',
        hint: 'Everyone who holds a copy of the plan',
        layout: 'table',
        columns: [
          { name: 'holder', label: 'Name', kind: 'text' },
          { name: 'holder_role', label: 'Role', kind: 'text' },
        ],
        read: (c) => c.documentControl.distribution.map((r) => ({ holder: r.name, holder_role: r.role })),
        write: (c, rows) => {
          c.documentControl.distribution = rows.map((r) => ({ name: r.text('holder'), role: r.text('holder_role') }));
        },
      },
    ],
  },
  {
    key: 'purpose',
    fields: [
      area('purpose', 'Purpose', { hint: 'What the plan is for', read: (c) => c.purpose.purpose, write: (c, v) => { c.purpose.purpose = str(v); } }),
      area('scope', 'Scope', { hint: 'The teams, sites and work the plan covers', read: (c) => c.purpose.scope, write: (c, v) => { c.purpose.scope = str(v); } }),
      ...(['building', 'staff', 'it', 'supplier'] as const).map((scenario) =>
        area(`assumption_${scenario}`, `Planning assumption: ${lowerFirst(LOSS_SCENARIO_LABELS[scenario])}`, {
          read: (c) => c.purpose.assumptions[scenario],
          write: (c, v) => { c.purpose.assumptions[scenario] = str(v); },
        }),
      ),
    ],
    lists: [],
  },
  {
    key: 'invocation',
    fields: [
      text('who_may_invoke', 'Who may invoke the plan', { hint: 'A role, for example Head of Division', read: (c) => c.invocation.whoMayInvoke, write: (c, v) => { c.invocation.whoMayInvoke = str(v); } }),
      text('deputy', 'Their deputy', { read: (c) => c.invocation.deputy, write: (c, v) => { c.invocation.deputy = str(v); } }),
      area('how', 'How the plan is invoked', { hint: 'Who is told first, and how the decision is recorded', read: (c) => c.invocation.how, write: (c, v) => { c.invocation.how = str(v); } }),
      text('meeting_point', 'Where the response team meets', { read: (c) => c.invocation.meetingPoint, write: (c, v) => { c.invocation.meetingPoint = str(v); } }),
      text('alternative_meeting_point', 'If that is unavailable', { read: (c) => c.invocation.alternativeMeetingPoint, write: (c, v) => { c.invocation.alternativeMeetingPoint = str(v); } }),
    ],
    lists: [
      {
        key: 'triggers',
        label: 'Triggers',
        hint: 'Events that invoke the plan, one per line',
        layout: 'table',
        columns: [{ name: 'trigger', label: 'Trigger', kind: 'text' }],
        read: (c) => c.invocation.triggers.map((r) => ({ trigger: r.trigger })),
        write: (c, rows) => {
          c.invocation.triggers = rows.map((r) => ({ trigger: r.text('trigger') }));
        },
      },
    ],
  },
  {
    key: 'responseTeam',
    fields: [],
    lists: [
      {
        key: 'roles',
        label: 'Response team',
        hint: 'Each role with a primary and an alternate holder',
        layout: 'table',
        columns: [
          { name: 'role', label: 'Role', kind: 'text' },
          { name: 'primary', label: 'Primary', kind: 'text' },
          { name: 'alternate', label: 'Alternate', kind: 'text' },
        ],
        read: (c) => c.responseTeam.roles.map((r) => ({ role: r.role, primary: r.primary, alternate: r.alternate })),
        write: (c, rows) => {
          c.responseTeam.roles = rows.map((r) => ({ role: r.text('role'), primary: r.text('primary'), alternate: r.text('alternate') }));
        },
      },
    ],
  },
  {
    key: 'contacts',
    fields: [],
    lists: [
      {
        key: 'cascade',
        label: 'Call cascade',
        hint: 'Step 1 is called first; everyone at a step is called by someone reached at the step before. Lines are kept in step order.',
        layout: 'table',
        columns: [
          { name: 'step', label: 'Step', kind: 'integer', width: 'govuk-input--width-3' },
          { name: 'caller', label: 'Caller', kind: 'text' },
          { name: 'calls', label: 'Calls', kind: 'text' },
          { name: 'phone', label: 'Phone', kind: 'text', width: 'govuk-input--width-10' },
          { name: 'contact_kind', label: 'Internal or external', kind: 'select', choices: choicesOf(CONTACT_KINDS, CONTACT_KIND_LABELS) },
        ],
        read: (c) => c.contacts.cascade.map((r) => ({ step: r.order, caller: r.caller, calls: r.calls, phone: r.phone, contact_kind: r.kind })),
        write: (c, rows) => {
          const lines = rows.map((r) => ({
            order: r.number('step'),
            caller: r.text('caller'),
            calls: r.text('calls'),
            phone: r.text('phone'),
            kind: oneOf(CONTACT_KINDS, r.text('contact_kind'), 'internal'),
          }));
          // A stable sort: lines at the same step keep the order they were typed in.
          c.contacts.cascade = lines.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
        },
      },
      {
        key: 'external',
        label: 'External contacts',
        layout: 'table',
        columns: [
          { name: 'organisation', label: 'Organisation', kind: 'text' },
          { name: 'contact', label: 'Contact', kind: 'text' },
          { name: 'external_phone', label: 'Phone', kind: 'text', width: 'govuk-input--width-10' },
          { name: 'purpose', label: 'Why they are called', kind: 'text' },
        ],
        read: (c) => c.contacts.external.map((r) => ({ organisation: r.organisation, contact: r.name, external_phone: r.phone, purpose: r.purpose })),
        write: (c, rows) => {
          c.contacts.external = rows.map((r) => ({ organisation: r.text('organisation'), name: r.text('contact'), phone: r.text('external_phone'), purpose: r.text('purpose') }));
        },
      },
    ],
  },
  {
    key: 'criticalActivities',
    fields: [],
    lists: [
      {
        key: 'activities',
        label: 'Critical activities',
        hint: 'Times in hours (0.5 for half an hour, 24 for a day). RTO: recovery time objective; MTPD: maximum tolerable period of disruption; RPO: how much data may be lost. Lines are kept in priority order.',
        layout: 'table',
        columns: [
          { name: 'activity', label: 'Activity', kind: 'text' },
          { name: 'priority', label: 'Priority', kind: 'integer', width: 'govuk-input--width-3' },
          { name: 'rto', label: 'RTO (hours)', kind: 'hours', width: 'govuk-input--width-4' },
          { name: 'mtpd', label: 'MTPD (hours)', kind: 'hours', width: 'govuk-input--width-4' },
          { name: 'rpo', label: 'RPO (hours)', kind: 'hours', width: 'govuk-input--width-4' },
          { name: 'min_staff', label: 'Minimum staff', kind: 'integer', width: 'govuk-input--width-3', allowZero: true },
          { name: 'peak', label: 'Peak periods', kind: 'text' },
        ],
        read: (c) =>
          c.criticalActivities.activities.map((r) => ({
            activity: r.activity,
            priority: r.priority,
            rto: r.rtoHours,
            mtpd: r.mtpdHours,
            rpo: r.rpoHours,
            min_staff: r.minimumStaff,
            peak: r.peakPeriods,
          })),
        write: (c, rows) => {
          const activities = rows.map((r) => ({
            activity: r.text('activity'),
            priority: r.number('priority'),
            rtoHours: r.number('rto'),
            mtpdHours: r.number('mtpd'),
            rpoHours: r.number('rpo'),
            minimumStaff: r.number('min_staff'),
            peakPeriods: r.text('peak'),
          }));
          c.criticalActivities.activities = activities.sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity));
        },
      },
    ],
  },
  {
    key: 'resources',
    fields: [],
    lists: [
      {
        key: 'resources',
        label: 'Resources and dependencies',
        layout: 'table',
        columns: [
          { name: 'resource_kind', label: 'Type', kind: 'select', choices: choicesOf(RESOURCE_KINDS, RESOURCE_KIND_LABELS) },
          { name: 'resource', label: 'Resource', kind: 'text' },
          { name: 'detail', label: 'Details (where held, who supplies it, workaround)', kind: 'text' },
        ],
        read: (c) => c.resources.items.map((r) => ({ resource_kind: r.kind, resource: r.name, detail: r.detail })),
        write: (c, rows) => {
          c.resources.items = rows.map((r) => ({ kind: oneOf(RESOURCE_KINDS, r.text('resource_kind'), 'people'), name: r.text('resource'), detail: r.text('detail') }));
        },
      },
    ],
  },
  {
    key: 'alternativeWorking',
    fields: [
      area('other_site', 'Other site', { hint: 'Where work moves to, with its address', read: (c) => c.alternativeWorking.otherSite, write: (c, v) => { c.alternativeWorking.otherSite = str(v); } }),
      text('travel_time', 'Travel time to the other site', { read: (c) => c.alternativeWorking.travelTime, write: (c, v) => { c.alternativeWorking.travelTime = str(v); } }),
      area('home_working', 'Home working', { hint: 'What can be done from home, and with which equipment', read: (c) => c.alternativeWorking.homeWorking, write: (c, v) => { c.alternativeWorking.homeWorking = str(v); } }),
      text('contact', 'Who arranges it', { read: (c) => c.alternativeWorking.contact, write: (c, v) => { c.alternativeWorking.contact = str(v); } }),
    ],
    lists: [],
  },
  {
    key: 'recovery',
    fields: [],
    lists: [
      {
        key: 'cards',
        label: 'Action cards',
        hint: 'One card per loss scenario and role',
        layout: 'cards',
        columns: [
          { name: 'scenario', label: 'Scenario', kind: 'select', choices: choicesOf(CARD_SCENARIOS, CARD_SCENARIO_LABELS) },
          { name: 'card_role', label: 'Role', kind: 'text' },
          { name: 'steps', label: 'Steps', kind: 'lines', hint: 'One step per line, in order' },
        ],
        read: (c) => c.recovery.cards.map((r) => ({ scenario: r.scenario, card_role: r.role, steps: r.steps })),
        write: (c, rows) => {
          c.recovery.cards = rows.map((r) => ({ scenario: oneOf(CARD_SCENARIOS, r.text('scenario'), 'any'), role: r.text('card_role'), steps: r.lines('steps') }));
        },
      },
    ],
  },
  {
    key: 'communications',
    fields: [],
    lists: [
      {
        key: 'messages',
        label: 'Communications',
        layout: 'table',
        columns: [
          { name: 'audience', label: 'Audience', kind: 'select', choices: choicesOf(AUDIENCES, AUDIENCE_LABELS) },
          { name: 'responsible', label: 'Who tells them', kind: 'text' },
          { name: 'method', label: 'How', kind: 'text' },
        ],
        read: (c) => c.communications.messages.map((r) => ({ audience: r.audience, responsible: r.responsible, method: r.method })),
        write: (c, rows) => {
          const messages = rows.map((r) => ({ audience: oneOf(AUDIENCES, r.text('audience'), 'staff'), responsible: r.text('responsible'), method: r.text('method') }));
          // Every plan tells all four audiences: one left blank stays as a line to fill, not dropped.
          for (const audience of AUDIENCES) {
            if (!messages.some((m) => m.audience === audience)) messages.push({ audience, responsible: '', method: '' });
          }
          c.communications.messages = messages;
        },
      },
    ],
  },
  {
    key: 'incidentLog',
    fields: [
      text('log_keeper', 'Who keeps the incident log', { read: (c) => c.incidentLog.logKeeper, write: (c, v) => { c.incidentLog.logKeeper = str(v); } }),
      area('log_method', 'How the log is kept', { read: (c) => c.incidentLog.logMethod, write: (c, v) => { c.incidentLog.logMethod = str(v); } }),
      text('stand_down_authority', 'Who stands the response down', { read: (c) => c.incidentLog.standDownAuthority, write: (c, v) => { c.incidentLog.standDownAuthority = str(v); } }),
      area('stand_down_criteria', 'When the response is stood down', { read: (c) => c.incidentLog.standDownCriteria, write: (c, v) => { c.incidentLog.standDownCriteria = str(v); } }),
      area('debrief', 'Debrief and lessons learned', { read: (c) => c.incidentLog.debrief, write: (c, v) => { c.incidentLog.debrief = str(v); } }),
    ],
    lists: [],
  },
  {
    key: 'exercising',
    fields: [
      {
        name: 'required_tests',
        label: 'Tests this plan needs',
        kind: 'checkboxes',
        choices: choicesOf(EXERCISE_TYPES, EXERCISE_TYPE_LABELS),
        read: (c) => c.exercising.requiredTests,
        write: (c, v) => {
          const checked = Array.isArray(v) ? v : v === '' ? [] : [v];
          c.exercising.requiredTests = EXERCISE_TYPES.filter((type) => checked.includes(type));
        },
      },
      area('maintenance', 'Maintenance', { hint: 'How the plan is kept up to date between reviews', read: (c) => c.exercising.maintenance, write: (c, v) => { c.exercising.maintenance = str(v); } }),
    ],
    lists: [],
  },
];

export function sectionFormSpec(key: SectionKey): SectionFormSpec {
  const spec = SPECS.find((s) => s.key === key);
  if (!spec) throw new Error(`No form for plan section ${key}`);
  return spec;
}
