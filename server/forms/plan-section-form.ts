import { z } from 'zod';
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
  type PlanContent,
  type SectionKey,
} from '../domain/plan-content';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES } from '../domain/vocabulary';
import { formErrors, typedValues, type FormErrors, type FormResult } from './parse';

// One form per plan section, described as data: scalar fields and lists of rows. Lists post
// flat fields named `<column>_<line>` (caller_3), so a form needs no JavaScript and no nested
// parsing; a line left entirely blank is a spare line and is dropped. Drafts may be incomplete:
// the form refuses only what is malformed, and missingSections says what is still to do.

export interface Choice {
  value: string;
  text: string;
}

export type CellValue = string | number | null | string[];

interface ColumnSpec {
  /** Prefix of the flat field name: `${name}_${line}`. */
  name: string;
  label: string;
  kind: 'text' | 'integer' | 'hours' | 'select' | 'lines';
  choices?: readonly Choice[];
  /** govuk width class for inputs in a table. */
  width?: string;
  hint?: string;
  /** Integers are 1 or more unless zero makes sense (minimum staff). */
  allowZero?: boolean;
}

interface ListSpec {
  /** Names the list in the page (id of its table). */
  key: string;
  label: string;
  hint?: string;
  layout: 'table' | 'cards';
  columns: ColumnSpec[];
  read(content: PlanContent): Record<string, CellValue>[];
  write(content: PlanContent, rows: Row[]): void;
}

interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'checkboxes';
  choices?: readonly Choice[];
  read(content: PlanContent): string | string[];
  write(content: PlanContent, value: string | string[]): void;
}

export interface SectionFormSpec {
  key: SectionKey;
  fields: FieldSpec[];
  lists: ListSpec[];
}

/** A parsed line of a list, read by column name. */
export class Row {
  constructor(private readonly cells: Record<string, CellValue>) {}
  text(name: string): string {
    const value = this.cells[name];
    return typeof value === 'string' ? value : '';
  }
  number(name: string): number | null {
    const value = this.cells[name];
    return typeof value === 'number' ? value : null;
  }
  lines(name: string): string[] {
    const value = this.cells[name];
    return Array.isArray(value) ? value : [];
  }
}

const TEXT_MAX = 500;
const LONG_MAX = 4000;

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
          c.communications.messages = rows.map((r) => ({ audience: oneOf(AUDIENCES, r.text('audience'), 'staff'), responsible: r.text('responsible'), method: r.text('method') }));
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

/** Spare blank lines under every list, and how many more "Add more lines" gives. */
export const SPARE_LINES = 3;
export const MORE_LINES = 5;
/**
 * More lines than any plan needs. It bounds what a form shows as well as what is saved: a
 * form is drawn from the line numbers posted, so a tiny post naming line 9999 would otherwise
 * come back as megabytes of empty lines.
 */
export const MAX_LINES = 150;

/** The column and line a list field is for (`caller_12`), or null when the name is not one of these columns'. */
function listFieldOf(columns: readonly ColumnSpec[], key: string): { column: ColumnSpec; line: number } | null {
  const match = /^(.+)_(\d+)$/.exec(key);
  const column = match ? columns.find((c) => c.name === match[1]) : undefined;
  return match && column ? { column, line: Number(match[2]) } : null;
}

/**
 * Why a post cannot be shown or saved at all: a list field numbered past the limit. The route
 * refuses it with a short page, never the form, whose size would follow the number.
 */
export function lineLimitProblem(spec: SectionFormSpec, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  for (const list of spec.lists) {
    const beyond = Object.keys(body).some((key) => (listFieldOf(list.columns, key)?.line ?? 0) > MAX_LINES);
    if (beyond) return `${list.label} can have at most ${MAX_LINES} lines. Nothing was saved: go back to the form, and remove lines or move some to another list.`;
  }
  return null;
}

const cellText = (value: CellValue): string => (value === null ? '' : Array.isArray(value) ? value.join('\n') : String(value));

/** The saved section as flat form values (for the form and for comparing with a stale save). */
export function sectionFormValues(spec: SectionFormSpec, content: PlanContent): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = field.read(content);
    values[field.name] = Array.isArray(value) ? value.join(',') : value;
  }
  for (const list of spec.lists) {
    list.read(content).forEach((row, index) => {
      for (const column of list.columns) values[`${column.name}_${index + 1}`] = cellText(row[column.name] ?? null);
    });
  }
  return values;
}

/**
 * The last line of a list these values hold a field for; with `filled`, the last line with
 * something typed in it (selects always hold a value, so they do not count).
 */
export function linesIn(list: { columns: ColumnSpec[] }, values: Record<string, unknown>, filled = false): number {
  let lines = 0;
  for (const [key, value] of Object.entries(values)) {
    const field = listFieldOf(list.columns, key);
    if (!field) continue;
    if (filled && (field.column.kind === 'select' || typeof value !== 'string' || value.trim() === '')) continue;
    lines = Math.max(lines, field.line);
  }
  return lines;
}

const cellSchemas = {
  text: (label: string) => z.string().trim().max(TEXT_MAX, `${label} must be ${TEXT_MAX} characters or fewer`),
  integer: (label: string, allowZero: boolean) =>
    z
      .string()
      .trim()
      .regex(/^(\d{1,5})?$/, `Enter the ${label.toLowerCase()} as a whole number, for example 2`)
      .transform((v) => (v === '' ? null : Number(v)))
      .refine((v) => v === null || v > 0 || allowZero, `The ${label.toLowerCase()} must be 1 or more`),
  hours: (label: string) =>
    z
      .string()
      .trim()
      .regex(/^(\d{1,5}(\.\d{1,2})?)?$/, `Enter the ${label.replace(' (hours)', '')} in hours, for example 4 or 0.5`)
      .transform((v) => (v === '' ? null : Number(v))),
  lines: (label: string) =>
    z
      .string()
      .max(LONG_MAX, `${label} must be ${LONG_MAX.toLocaleString('en-GB')} characters or fewer`)
      .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')),
  select: (label: string, choices: readonly Choice[]) =>
    z.string().refine((v) => choices.some((c) => c.value === v), `Select the ${label.toLowerCase()} from the list`),
};

function cellSchema(column: ColumnSpec, line: number) {
  const label = column.label;
  const schema =
    column.kind === 'select'
      ? cellSchemas.select(label, column.choices ?? [])
      : column.kind === 'integer'
        ? cellSchemas.integer(label, column.allowZero ?? false)
        : cellSchemas[column.kind](label);
  return z.string({ error: `${label} on line ${line} must be text` }).optional().transform((v) => v ?? '').pipe(schema);
}

/** A list line with nothing typed in it (selects always hold a value, so they do not count). */
function blankLine(list: ListSpec, body: Record<string, unknown>, line: number): boolean {
  return list.columns.every((column) => {
    if (column.kind === 'select') return true;
    const value = body[`${column.name}_${line}`];
    return value === undefined || (typeof value === 'string' && value.trim() === '');
  });
}

/**
 * Parses a posted section form. On success, `apply` writes the section into a copy of the
 * content it is given: the latest draft at the moment of saving, so other sections are never touched.
 */
export function parseSectionForm(spec: SectionFormSpec, body: unknown): FormResult<{ apply(content: PlanContent): PlanContent }> {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems: [string, string][] = [];
  const scalar = new Map<string, string | string[]>();
  for (const field of spec.fields) {
    const raw = form[field.name];
    if (field.kind === 'checkboxes') {
      const checked = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      if (!checked.every((v) => typeof v === 'string' && (field.choices ?? []).some((c) => c.value === v))) {
        problems.push([field.name, `Select ${field.label.toLowerCase()} from the list`]);
      }
      scalar.set(field.name, checked.map(String));
      continue;
    }
    const max = field.kind === 'textarea' ? LONG_MAX : TEXT_MAX;
    const parsed = z
      .string({ error: `${field.label} must be text` })
      .trim()
      .max(max, `${field.label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
      .optional()
      .safeParse(raw);
    if (parsed.success) scalar.set(field.name, parsed.data ?? '');
    else problems.push([field.name, parsed.error.issues[0]?.message ?? `Check ${field.label.toLowerCase()}`]);
  }

  const lists = new Map<string, Row[]>();
  for (const list of spec.lists) {
    const count = linesIn(list, form);
    if (count > MAX_LINES) {
      problems.push([`${list.columns[0]?.name}_1`, `${list.label} can have at most ${MAX_LINES} lines`]);
      continue;
    }
    const rows: Row[] = [];
    for (let line = 1; line <= count; line++) {
      if (blankLine(list, form, line)) continue;
      const cells: Record<string, CellValue> = {};
      for (const column of list.columns) {
        const name = `${column.name}_${line}`;
        const parsed = cellSchema(column, line).safeParse(form[name]);
        if (parsed.success) cells[column.name] = parsed.data;
        else problems.push([name, `${parsed.error.issues[0]?.message ?? 'Check this field'} (line ${line})`]);
      }
      rows.push(new Row(cells));
    }
    lists.set(list.key, rows);
  }

  if (problems.length > 0) return { ok: false, errors: formErrors(problems) };
  return {
    ok: true,
    data: {
      apply(content) {
        const next = structuredClone(content);
        for (const field of spec.fields) field.write(next, scalar.get(field.name) ?? '');
        for (const list of spec.lists) list.write(next, lists.get(list.key) ?? []);
        return next;
      },
    },
  };
}

/** What the user typed, as flat strings; ticked boxes joined the way sectionFormValues joins them. */
export function sectionTypedValues(spec: SectionFormSpec, body: unknown): Record<string, string> {
  const values = typedValues(body);
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const field of spec.fields) {
    if (field.kind !== 'checkboxes') continue;
    const raw = form[field.name];
    values[field.name] = raw === undefined ? '' : Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  }
  return values;
}

/** Labels of every field the values hold, for the stale-save comparison ('Caller, line 3'). */
export function sectionFieldLabels(spec: SectionFormSpec, ...valueSets: Record<string, string>[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const field of spec.fields) labels[field.name] = field.label;
  for (const list of spec.lists) {
    const lines = Math.max(0, ...valueSets.map((values) => linesIn(list, values)));
    for (let line = 1; line <= lines; line++) {
      for (const column of list.columns) labels[`${column.name}_${line}`] = `${list.label}: ${column.label.toLowerCase()}, line ${line}`;
    }
  }
  return labels;
}

/** Shows a select's stored value by its label in the stale-save table. */
export function sectionDisplay(spec: SectionFormSpec) {
  return (field: string, value: string): string => {
    const checkboxes = spec.fields.find((f) => f.name === field && f.kind === 'checkboxes');
    if (checkboxes) return value.split(',').filter(Boolean).map((v) => checkboxes.choices?.find((c) => c.value === v)?.text ?? v).join(', ');
    const column = spec.lists.flatMap((l) => l.columns).find((c) => c.kind === 'select' && field.startsWith(`${c.name}_`) && /^\d+$/.test(field.slice(c.name.length + 1)));
    return column?.choices?.find((c) => c.value === value)?.text ?? value;
  };
}

export { type ColumnSpec, type FieldSpec, type ListSpec, type FormErrors };
