import { createHash } from 'node:crypto';
import { INFLUENCE_LABELS, INFLUENCES, TREATMENTS, type Influence, type RiskStatus, type Treatment } from '../domain/vocabulary';
import { dayFromCell, restoreNeutralised } from '../domain/spreadsheet-cells';
import { editRiskSchema, newRiskSchema, riskDateErrors } from '../forms/risk-form';
import { parseForm } from '../forms/parse';
import { RISK_COLUMNS, type RiskColumn } from './columns';
import type { Cell, FileProblem, Sheet } from './read-rows';

// The dry run: what an import would do, row by row, without writing anything. Apply runs this
// same function on the same bytes inside its transaction (server/changes/spreadsheet-import.ts),
// so what was shown is what is written. Each cell is read as the risk form reads it: the form's
// own schemas check the text, the scales and the dates, after the names in the cells (category,
// people by email, register code) are looked up here.

/** A risk's fields as stored: what the import compares and writes. */
export interface RiskFields {
  title: string;
  cause: string;
  event: string;
  effect: string;
  category_id: number;
  objective_id: number | null;
  owner_id: number | null;
  manager_id: number | null;
  identified_on: string;
  status: RiskStatus;
  closed_on: string | null;
  closure_reason: string | null;
  treatment: Treatment;
  influence: Influence;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number;
  target_impact: number;
  existing_controls: string;
}

export interface ExistingRisk extends RiskFields {
  id: number;
  reference: string;
  register_id: number;
  register_code: string;
  node_id: number;
  version: number;
}

export interface ImportContext {
  today: string;
  /** The node imported into and everything below it: the risks an import may change. */
  scopeNodeIds: ReadonlySet<number>;
  categories: readonly { id: number; name: string }[];
  objectives: readonly { id: number; title: string }[];
  people: readonly { id: number; name: string; email: string }[];
  /** Open registers of the node and below: where a new risk may go. */
  registers: readonly { id: number; code: string; name: string; node_id: number }[];
  /** The risks the file names, by reference in capitals. */
  existing: ReadonlyMap<string, ExistingRisk>;
}

/** Stable codes: tests, and anyone reading a log, match on these rather than on the words. */
export type RowErrorCode =
  | 'required' | 'not-in-list' | 'not-in-scale' | 'bad-date' | 'unknown-person' | 'unknown-register' | 'unknown-reference'
  | 'out-of-scope' | 'register-differs' | 'repeated-reference' | 'changed-since-export' | 'new-risk-closed' | 'formula'
  | 'too-long' | 'date-order' | 'invalid';

export interface RowError {
  line: number;
  column: string;
  code: RowErrorCode;
  /** What is wrong, in words, without the row and column (the page adds them). */
  message: string;
}

export interface FieldChange {
  column: string;
  from: string;
  to: string;
}

export type PlannedRow =
  | { line: number; kind: 'create'; title: string; registerId: number; registerCode: string; values: RiskFields }
  | { line: number; kind: 'change'; reference: string; title: string; riskId: number; version: number; changes: FieldChange[]; values: RiskFields }
  | { line: number; kind: 'same'; reference: string; title: string }
  | { line: number; kind: 'error'; reference: string | null; title: string; errors: RowError[] };

export interface ImportPlan {
  rows: PlannedRow[];
  errors: RowError[];
  counts: { create: number; change: number; same: number; error: number };
  /** Every existing risk the file names, with the version the plan was made against: part of the apply token. */
  touched: { reference: string; id: number; version: number }[];
}

export type HeaderCheck = { ok: true; columnIndex: ReadonlyMap<string, number> } | { ok: false; problem: FileProblem };

/** A column's letters as a spreadsheet shows them: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const COLUMN_BY_NAME = new Map(RISK_COLUMNS.map((c) => [c.name.toLowerCase(), c]));
const list = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/** The header must name each column Bulwark reads exactly once, and nothing it does not know. */
export function checkHeader(header: readonly string[]): HeaderCheck {
  const lower = header.map((h) => h.trim().toLowerCase());
  if (lower.includes('risk reference') && lower.includes('action')) {
    return { ok: false, problem: { code: 'actions-file', message: 'This is the further actions file. Bulwark imports risks only: upload the register itself (the CSV of risks, or the XLSX).' } };
  }
  const seen = new Map<string, number[]>();
  lower.forEach((name, index) => seen.set(name, [...(seen.get(name) ?? []), index]));
  const repeated = [...seen].filter(([name, at]) => name !== '' && at.length > 1);
  if (repeated.length > 0) {
    const words = repeated.map(([, at]) => `“${header[at[0] as number]?.trim()}” (columns ${at.map(columnLetters).join(' and ')})`);
    return { ok: false, problem: { code: 'repeated-columns', message: `The file names a column more than once: ${words.join('; ')}. Keep one of each and upload again.` } };
  }
  const unknown = lower.map((name, index) => ({ name, index })).filter(({ name }) => !COLUMN_BY_NAME.has(name));
  if (unknown.length > 0) {
    const words = unknown.map(({ name, index }) => (name === '' ? `a column with no header (column ${columnLetters(index)})` : `“${header[index]?.trim()}” (column ${columnLetters(index)})`));
    return { ok: false, problem: { code: 'unknown-columns', message: `Bulwark does not know ${words.join(', ')}. Use the headers of an exported register, which are: ${RISK_COLUMNS.map((c) => c.name).join(', ')}.` } };
  }
  const missing = RISK_COLUMNS.filter((c) => (c.role === 'field' || c.role === 'key') && !seen.has(c.name.toLowerCase())).map((c) => c.name);
  if (missing.length > 0) {
    return { ok: false, problem: { code: 'missing-columns', message: `The file has no ${missing.length === 1 ? 'column' : 'columns'} ${list(missing)}. Every column of an exported register that Bulwark reads must be there: export the register again and edit that.` } };
  }
  return { ok: true, columnIndex: new Map(lower.map((name, index) => [COLUMN_BY_NAME.get(name)?.name as string, index])) };
}

const columnNamed = (name: string) => RISK_COLUMNS.find((c) => c.name === name) as RiskColumn;
/** The form field each importable column fills, for the form's schema and its messages. */
const FIELD_COLUMN: Record<string, string> = Object.fromEntries(
  RISK_COLUMNS.filter((c) => c.role === 'field').map((c) => [({
    register_code: 'register_id', category: 'category_id', objective: 'objective_id', owner_email: 'owner_id', manager_email: 'manager_id',
  } as Record<string, string>)[c.key] ?? c.key, c.name]),
);

const TREATMENT_WORDS = new Map<string, Treatment>(TREATMENTS.map((t) => [t, t]));
const INFLUENCE_WORDS = new Map<string, Influence>([
  ...INFLUENCES.map((i) => [i, i] as const),
  ...INFLUENCES.map((i) => [INFLUENCE_LABELS[i].toLowerCase(), i] as const),
]);

const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);

/** The plan for a whole sheet; `columnIndex` is checkHeader's. */
export function planImport(sheet: Sheet, columnIndex: ReadonlyMap<string, number>, context: ImportContext): ImportPlan {
  const categories = new Map(context.categories.map((c) => [c.name.toLowerCase(), c]));
  const objectives = new Map(context.objectives.map((o) => [o.title.toLowerCase(), o]));
  const peopleByEmail = new Map(context.people.map((p) => [p.email.toLowerCase(), p]));
  const peopleByName = new Map<string, { email: string }[]>();
  for (const p of context.people) peopleByName.set(p.name.toLowerCase(), [...(peopleByName.get(p.name.toLowerCase()) ?? []), p]);
  const registers = new Map(context.registers.map((g) => [g.code.toLowerCase(), g]));
  const names = {
    category: new Map(context.categories.map((c) => [c.id, c.name])),
    objective: new Map(context.objectives.map((o) => [o.id, o.title])),
    person: new Map(context.people.map((p) => [p.id, p.email])),
  };
  const references = new Map<string, number>();
  const touched = new Map<number, { reference: string; id: number; version: number }>();
  const rows: PlannedRow[] = [];

  for (const row of sheet.rows) {
    const errors: RowError[] = [];
    const fail = (column: string, code: RowErrorCode, message: string) => {
      if (!errors.some((e) => e.column === column)) errors.push({ line: row.line, column, code, message });
    };
    const raw = (column: string): Cell => {
      const index = columnIndex.get(column);
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    /** A text cell as typed, with export's formula apostrophe taken off; a CSV formula is an error. */
    const text = (column: string): string => {
      const value = raw(column);
      if (value === null) return '';
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (sheet.format === 'csv' && /^ *=/.test(value)) {
        fail(column, 'formula', `the cell holds a formula (${shown(value.trim())}); Bulwark imports values only`);
        return '';
      }
      return restoreNeutralised(value);
    };
    const lookup = <T>(column: string, map: ReadonlyMap<string, T>, required: boolean, notFound: (value: string) => string): T | null => {
      const value = text(column).trim();
      if (value === '') {
        if (required) fail(column, 'required', `enter the ${column.toLowerCase()}`);
        return null;
      }
      const found = map.get(value.toLowerCase());
      if (found === undefined) fail(column, 'not-in-list', notFound(value));
      return found ?? null;
    };
    const person = (column: string): number | null => {
      const value = text(column).trim();
      if (value === '') return null;
      const found = peopleByEmail.get(value.toLowerCase());
      if (found) return found.id;
      const byName = peopleByName.get(value.toLowerCase());
      const hint = byName?.length === 1 ? ` (${value} is ${byName[0]?.email})` : '';
      fail(column, 'unknown-person', `“${shown(value)}” is not the email address of anyone in Bulwark${hint}; people are named by email address`);
      return null;
    };
    const scale = (column: string): string => {
      const value = text(column).trim();
      if (value === '') fail(column, 'required', `enter the ${column.toLowerCase()}, from 1 to 5`);
      else if (!/^[1-5](\.0+)?$/.test(value)) fail(column, 'not-in-scale', `“${shown(value)}” is not one of 1–5`);
      return value.replace(/\.0+$/, '');
    };
    const day = (column: string, required: boolean): string => {
      const value = raw(column);
      if (value === null || (typeof value === 'string' && value.trim() === '')) {
        if (required) fail(column, 'required', `enter the date, for example ${context.today}`);
        return '';
      }
      const found = dayFromCell(value);
      if (found === null) fail(column, 'bad-date', `“${shown(String(value))}” is not a date: write dates as ${context.today} or as day/month/year`);
      return found ?? '';
    };

    const referenceText = text('Reference').trim().toUpperCase();
    const title = text('Title').trim();
    const existing = referenceText === '' ? undefined : context.existing.get(referenceText);
    if (referenceText !== '') {
      const earlier = references.get(referenceText);
      if (earlier !== undefined) fail('Reference', 'repeated-reference', `${referenceText} is also on row ${earlier}: each risk may be on one row only`);
      else references.set(referenceText, row.line);
      if (!existing) fail('Reference', 'unknown-reference', `there is no risk ${shown(referenceText)}; leave the reference blank to add a new risk`);
      else if (!context.scopeNodeIds.has(existing.node_id)) fail('Reference', 'out-of-scope', `${existing.reference} is in a register outside this part of the organisation; import it from its own register`);
    }
    if (existing) touched.set(existing.id, { reference: existing.reference, id: existing.id, version: existing.version });

    // The register: where a new risk goes; an existing risk stays where it is.
    const registerCode = text('Register').trim();
    let register: (typeof context.registers)[number] | undefined;
    if (referenceText === '') {
      if (registerCode === '') fail('Register', 'required', 'enter the code of the register a new risk goes in, for example one shown on the register page');
      else {
        register = registers.get(registerCode.toLowerCase());
        if (!register) fail('Register', 'unknown-register', `“${shown(registerCode)}” is not the code of an open register of this part of the organisation that you manage`);
      }
    } else if (existing && context.scopeNodeIds.has(existing.node_id) && registerCode !== '' && registerCode.toLowerCase() !== existing.register_code.toLowerCase()) {
      fail('Register', 'register-differs', `${existing.reference} is in ${existing.register_code}, not ${shown(registerCode)}; move a risk to another register from its own page`);
    }

    const category = lookup('Category', categories, true, (v) => `“${shown(v)}” is not a category; the categories are ${context.categories.map((c) => c.name).join(', ')}`);
    const objective = lookup('Strategic objective', objectives, false, (v) => `“${shown(v)}” is not one of the strategic objectives`);
    const owner = person('Owner');
    const manager = person('Manager');
    const statusText = text('Status').trim().toLowerCase();
    let status: RiskStatus = 'open';
    if (statusText === 'closed') status = 'closed';
    else if (statusText !== 'open' && statusText !== '') fail('Status', 'not-in-list', `“${shown(text('Status'))}” is not a status: write Open or Closed`);
    else if (statusText === '' && existing) fail('Status', 'required', 'enter Open or Closed');
    if (!existing && status === 'closed') fail('Status', 'new-risk-closed', 'a new risk is added open: add it, then close it on its page');
    const treatment = lookup('Treatment', TREATMENT_WORDS, true, (v) => `“${shown(v)}” is not a treatment: write Treat, Tolerate, Transfer or Terminate`);
    const influence = lookup('Degree of influence', INFLUENCE_WORDS, true, (v) => `“${shown(v)}” is not a degree of influence: write ${INFLUENCES.map((i) => INFLUENCE_LABELS[i]).join(', ')}`);

    const body: Record<string, string> = {
      title: text('Title'), cause: text('Cause'), event: text('Event'), effect: text('Effect'),
      category_id: category ? String(category.id) : '1', objective_id: objective ? String(objective.id) : '',
      owner_id: owner === null ? '' : String(owner), manager_id: manager === null ? '' : String(manager),
      identified_on: day('Identified on', true), treatment: treatment ?? 'treat', influence: influence ?? 'within',
      inherent_likelihood: scale('Inherent likelihood'), inherent_impact: scale('Inherent impact'),
      current_likelihood: scale('Current likelihood'), current_impact: scale('Current impact'),
      target_likelihood: scale('Target likelihood'), target_impact: scale('Target impact'),
      existing_controls: text('Existing controls'), status, closed_on: day('Closed on', false), closure_reason: text('Closure reason'),
      version: String(existing?.version ?? 1), register_id: String(register?.id ?? 1),
    };
    // The risk form's own rules, on what the cells named: text lengths, required text, closing.
    const parsed = existing || status === 'closed' ? parseForm(editRiskSchema, body) : parseForm(newRiskSchema, body);
    if (!parsed.ok) {
      for (const problem of parsed.errors.summary) {
        const column = FIELD_COLUMN[problem.field] ?? columnNamed('Title').name;
        const value = body[problem.field] ?? '';
        fail(column, value.trim() === '' ? 'required' : /characters or fewer/.test(problem.message) ? 'too-long' : 'invalid', lowerFirst(problem.message));
      }
    } else {
      const dates = riskDateErrors({ identified_on: body.identified_on as string, status, closed_on: body.closed_on || null }, context.today);
      for (const problem of dates.summary) fail(FIELD_COLUMN[problem.field] ?? 'Identified on', 'date-order', lowerFirst(problem.message));
    }

    if (errors.length > 0 || !parsed.ok) {
      rows.push({ line: row.line, kind: 'error', reference: referenceText || null, title, errors });
      continue;
    }
    const form = parsed.data as Omit<RiskFields, 'status' | 'closed_on' | 'closure_reason'> & { closed_on?: string | null; closure_reason?: string };
    const values: RiskFields = {
      title: form.title, cause: form.cause, event: form.event, effect: form.effect,
      category_id: form.category_id, objective_id: form.objective_id, owner_id: form.owner_id, manager_id: form.manager_id,
      identified_on: form.identified_on, status, treatment: form.treatment, influence: form.influence,
      inherent_likelihood: form.inherent_likelihood, inherent_impact: form.inherent_impact,
      current_likelihood: form.current_likelihood, current_impact: form.current_impact,
      target_likelihood: form.target_likelihood, target_impact: form.target_impact,
      existing_controls: form.existing_controls,
      // As the risk form saves it: an open risk keeps no closing date or reason.
      closed_on: status === 'closed' ? (form.closed_on ?? null) : null,
      closure_reason: status === 'closed' ? (form.closure_reason ?? null) : null,
    };

    if (!existing) {
      rows.push({ line: row.line, kind: 'create', title: values.title, registerId: (register as { id: number }).id, registerCode: (register as { code: string }).code, values });
      continue;
    }
    const changes = fieldChanges(existing, values, names);
    if (changes.length === 0) {
      rows.push({ line: row.line, kind: 'same', reference: existing.reference, title: values.title });
      continue;
    }
    const versionText = text('Version').trim();
    if (versionText !== '' && versionText !== String(existing.version)) {
      const error: RowError = {
        line: row.line, column: 'Version', code: 'changed-since-export',
        message: `${existing.reference} was changed in Bulwark after this spreadsheet was exported (version ${shown(versionText)} in the file, ${existing.version} now), so this row could undo someone else's change: export again and make this row's edits there`,
      };
      rows.push({ line: row.line, kind: 'error', reference: existing.reference, title, errors: [error] });
      continue;
    }
    rows.push({ line: row.line, kind: 'change', reference: existing.reference, title: values.title, riskId: existing.id, version: existing.version, changes, values });
  }

  const errors = rows.flatMap((r) => (r.kind === 'error' ? r.errors : []));
  const count = (kind: PlannedRow['kind']) => rows.filter((r) => r.kind === kind).length;
  return {
    rows,
    errors,
    counts: { create: count('create'), change: count('change'), same: count('same'), error: count('error') },
    touched: [...touched.values()].sort((a, b) => a.id - b.id),
  };
}

const lowerFirst = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);

const FIELD_WORDS: { key: keyof RiskFields; column: string; show?: 'category' | 'objective' | 'person' | 'influence' | 'capital' }[] = [
  { key: 'title', column: 'Title' }, { key: 'cause', column: 'Cause' }, { key: 'event', column: 'Event' }, { key: 'effect', column: 'Effect' },
  { key: 'category_id', column: 'Category', show: 'category' }, { key: 'objective_id', column: 'Strategic objective', show: 'objective' },
  { key: 'owner_id', column: 'Owner', show: 'person' }, { key: 'manager_id', column: 'Manager', show: 'person' },
  { key: 'identified_on', column: 'Identified on' }, { key: 'status', column: 'Status', show: 'capital' }, { key: 'closed_on', column: 'Closed on' },
  { key: 'closure_reason', column: 'Closure reason' }, { key: 'treatment', column: 'Treatment', show: 'capital' }, { key: 'influence', column: 'Degree of influence', show: 'influence' },
  { key: 'inherent_likelihood', column: 'Inherent likelihood' }, { key: 'inherent_impact', column: 'Inherent impact' },
  { key: 'current_likelihood', column: 'Current likelihood' }, { key: 'current_impact', column: 'Current impact' },
  { key: 'target_likelihood', column: 'Target likelihood' }, { key: 'target_impact', column: 'Target impact' },
  { key: 'existing_controls', column: 'Existing controls' },
];

/** What would change, field by field, old → new, in the words of the spreadsheet's cells. */
function fieldChanges(existing: RiskFields, values: RiskFields, names: { category: Map<number, string>; objective: Map<number, string>; person: Map<number, string> }): FieldChange[] {
  const words = (how: (typeof FIELD_WORDS)[number]['show'], value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    if (how === 'category') return names.category.get(Number(value)) ?? String(value);
    if (how === 'objective') return names.objective.get(Number(value)) ?? String(value);
    if (how === 'person') return names.person.get(Number(value)) ?? String(value);
    if (how === 'influence') return INFLUENCE_LABELS[value as Influence] ?? String(value);
    if (how === 'capital') return String(value).charAt(0).toUpperCase() + String(value).slice(1);
    return String(value);
  };
  return FIELD_WORDS.filter((f) => (existing[f.key] ?? null) !== (values[f.key] ?? null)).map((f) => ({ column: f.column, from: words(f.show, existing[f.key]), to: words(f.show, values[f.key]) }));
}

/**
 * The apply token: a hash of the file and of the version of every risk the file names, for the
 * node imported into. Apply makes its plan again inside its transaction; a different token means
 * the file or one of those risks changed since the dry run, and nothing is written.
 */
export function importToken(fileSha256: string, nodeId: number, touched: ImportPlan['touched']): string {
  return createHash('sha256').update(`${fileSha256}|${nodeId}|${touched.map((t) => `${t.id}:${t.version}`).join(',')}`).digest('hex');
}

/** The touched risks as the apply form carries them ("SCCTD-R04:3 SCCTD-R07:1"), to name the rows that moved on a refusal. */
export function touchedVersions(touched: ImportPlan['touched']): string {
  return touched.map((t) => `${t.reference}:${t.version}`).join(' ');
}

/** The risks whose version differs between what the dry run saw (`versions`, as touchedVersions wrote it) and now. */
export function risksMovedSince(versions: string, now: ImportPlan['touched']): string[] {
  const then = new Map(versions.split(/\s+/).filter(Boolean).map((pair) => {
    const at = pair.lastIndexOf(':');
    return [pair.slice(0, at).toUpperCase(), pair.slice(at + 1)] as const;
  }));
  const moved = now.filter((t) => then.get(t.reference.toUpperCase()) !== String(t.version)).map((t) => t.reference);
  const gone = [...then.keys()].filter((reference) => !now.some((t) => t.reference.toUpperCase() === reference));
  return [...moved, ...gone];
}
