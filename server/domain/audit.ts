import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { formatDay } from './dates';
import type { AuditAction } from './vocabulary';

/** Who is making a change, as the audit history records it. */
export interface Actor {
  /** The signed-in user; null for scripts and the demo loader. */
  userId: number | null;
  name: string;
}

/** A record's fields as stored in an audit event's before or after. */
export type AuditValues = Record<string, unknown>;

/** Columns that change with every save and say nothing about the change itself. */
const BOOKKEEPING = new Set(['id', 'version', 'created_at', 'updated_at']);

function withoutBookkeeping(values: AuditValues): AuditValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !BOOKKEEPING.has(key)));
}

/**
 * What an audit event stores: a created record's fields, a deleted record's fields, or for
 * an update only the fields that changed, before and after. Null when an update changed nothing.
 */
export function auditDiff(
  action: AuditAction,
  before: AuditValues | null,
  after: AuditValues | null,
): { before: AuditValues | null; after: AuditValues | null } | null {
  if (action === 'create') return { before: null, after: withoutBookkeeping(after ?? {}) };
  if (action === 'delete') return { before: withoutBookkeeping(before ?? {}), after: null };
  const old = withoutBookkeeping(before ?? {});
  const now = withoutBookkeeping(after ?? {});
  const changed = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(
    (key) => JSON.stringify(old[key] ?? null) !== JSON.stringify(now[key] ?? null),
  );
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((key) => [key, old[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, now[key] ?? null])),
  };
}

/** Lists whose ids an event may hold, shown by name. */
export type NameList = 'people' | 'categories' | 'objectives';
export type AuditNames = Record<NameList, ReadonlyMap<number, string>>;

/**
 * How a field's value reads: short text in quotes, long text only as "changed" (a reason always whole), ISO days as
 * dates, ids by name, codes by their label.
 */
export type FieldFormat = 'text' | 'long' | 'full' | 'day' | 'number' | { names: NameList } | { choices: Readonly<Record<string, string>> };

export interface AuditField {
  label: string;
  format: FieldFormat;
}

/** The words for one kind of record: its noun, its fields, and which fields a new one shows. */
export interface AuditEntityWords {
  noun: string;
  /** The verb for a new record, 'added' unless said (a review is 'recorded'). */
  created?: string;
  shownOnCreate?: readonly string[];
  fields: Readonly<Record<string, AuditField>>;
}

export interface AuditEventFacts {
  action: AuditAction;
  before: AuditValues | null;
  after: AuditValues | null;
}

export interface AuditEventWords {
  /** "Risk changed", "Action added", "Review recorded". */
  headline: string;
  /** "Current likelihood 3 → 4", "Cause changed", "Risk owner Alex Owner → Sam Manager". */
  changes: string[];
}

/** Text longer than this is summarised ("Title changed") rather than quoted. */
const LONG_TEXT = 100;
/** How much of a long text a new record shows. */
const EXCERPT = 120;

const VERBS: Record<AuditAction, string> = { create: 'added', update: 'changed', delete: 'removed' };

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** "current_likelihood" → "Current likelihood", for fields nobody has labelled yet. */
function humanise(key: string): string {
  const words = key.replace(/_id$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A day as every page writes it ("1 November 2026"); anything that is not a day as it was. */
export function formatAuditDay(value: string): string {
  return isValid(parseISO(value)) ? formatDay(value) : value;
}

/** "23 November 2026 14:02", in the server's time zone. */
export function formatAuditInstant(iso: string): string {
  const date = new Date(iso);
  return isValid(date) ? format(date, 'd MMMM yyyy HH:mm') : iso;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT).trimEnd()}…` : flat;
}

function fieldOf(words: AuditEntityWords | undefined, key: string): AuditField {
  return words?.fields[key] ?? { label: humanise(key), format: 'text' };
}

/** A value as words; null when it is text too long to show (the caller says "changed"). */
function show(field: AuditField, value: unknown, names: AuditNames): string | null {
  if (isBlank(value)) return 'none';
  const { format: how } = field;
  if (how === 'long') return null;
  // A reason given for a change is the point of the entry: shown whole, however long.
  if (how === 'full') return `“${asText(value)}”`;
  if (how === 'day') return formatAuditDay(asText(value));
  if (how === 'number') return asText(value);
  if (typeof how === 'object' && 'names' in how) return names[how.names].get(Number(value)) ?? `unknown (${asText(value)})`;
  if (typeof how === 'object' && 'choices' in how) return how.choices[asText(value)] ?? asText(value);
  if (typeof value !== 'string') return asText(value);
  return value.length > LONG_TEXT ? null : `“${value}”`;
}

function describeChange(field: AuditField, before: unknown, after: unknown, names: AuditNames): string {
  const from = show(field, before, names);
  const to = show(field, after, names);
  if (from === null || to === null) {
    if (isBlank(before)) return `${field.label} added`;
    if (isBlank(after)) return `${field.label} removed`;
    return `${field.label} changed`;
  }
  return `${field.label} ${from} → ${to}`;
}

function describeValue(field: AuditField, value: unknown, names: AuditNames): string {
  return `${field.label}: ${show(field, value, names) ?? excerpt(asText(value))}`;
}

/** Orders keys as the entity's fields are listed, then any others as they came. */
function ordered(keys: string[], words: AuditEntityWords | undefined): string[] {
  const known = Object.keys(words?.fields ?? {});
  return [...known.filter((key) => keys.includes(key)), ...keys.filter((key) => !known.includes(key))];
}

/** One audit event in words, field by field, with ids resolved to names. */
export function describeAuditEvent(event: AuditEventFacts, words: AuditEntityWords | undefined, names: AuditNames): AuditEventWords {
  const noun = words?.noun ?? 'Record';
  const verb = event.action === 'create' ? (words?.created ?? VERBS.create) : VERBS[event.action];
  const headline = `${noun} ${verb}`;
  if (event.action === 'create') {
    const after = event.after ?? {};
    const shown = (words?.shownOnCreate ?? []).filter((key) => !isBlank(after[key]));
    return { headline, changes: shown.map((key) => describeValue(fieldOf(words, key), after[key], names)) };
  }
  if (event.action === 'delete') return { headline, changes: [] };
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = ordered([...new Set([...Object.keys(before), ...Object.keys(after)])], words);
  return { headline, changes: keys.map((key) => describeChange(fieldOf(words, key), before[key], after[key], names)) };
}

/** The ids each event refers to, per list, so a page can look up only the names it shows. */
export function referencedIds(events: (AuditEventFacts & { entityType: string })[], wordsOf: (entityType: string) => AuditEntityWords | undefined): Record<NameList, number[]> {
  const ids: Record<NameList, Set<number>> = { people: new Set(), categories: new Set(), objectives: new Set() };
  for (const event of events) {
    const words = wordsOf(event.entityType);
    for (const values of [event.before, event.after]) {
      for (const [key, value] of Object.entries(values ?? {})) {
        const how = words?.fields[key]?.format;
        if (typeof how === 'object' && 'names' in how && typeof value === 'number') ids[how.names].add(value);
      }
    }
  }
  return { people: [...ids.people], categories: [...ids.categories], objectives: [...ids.objectives] };
}
