import { flatOptions, type Choice } from '../presenters/options';
import { formatDay } from '../domain/dates';
import { encodeBase, mergeStaleEdit, type ConflictNotice } from './conflict';
import { withoutDateParts } from './date-input';
import type { FormErrors } from './parse';

// The one way a form page is drawn: the values in its fields, what is wrong with them, and,
// after a stale edit, what someone else changed. Every form route builds one of these and
// hands it, with the page's own options and headings, to its view.

export interface FormState {
  status: number;
  values: Record<string, string>;
  errors?: FormErrors;
  conflict?: ConflictNotice;
}

/** A form as first opened on a new record: nothing to compare a later save with. */
export function blankForm(values: Record<string, string>): FormState {
  return { status: 200, values };
}

/**
 * A form opened on a saved record: the values it starts from travel with it as `base`, so a save
 * can tell what changed since. `shown` overrides what the fields show at first (a planned
 * exercise opened to record its outcome shows "completed"), without changing the base.
 */
export function editForm(saved: Record<string, string>, shown: Record<string, string> = {}): FormState {
  return { status: 200, values: { ...saved, ...shown, base: encodeBase(saved) } };
}

/** Refused input: the same form, everything typed kept, messages beside the fields. */
export function refusedForm(values: Record<string, string>, errors: FormErrors): FormState {
  return { status: 400, values, errors };
}

/** How a stored value looked on the form (the text of a select option), for the list of someone else's changes. */
export type ValueDisplay = (field: string, value: string) => string;

/** A display that shows each select field's option text (in its groups too); other fields as typed. */
export function optionTextDisplay(options: Record<string, readonly Choice[] | undefined>): ValueDisplay {
  return (field, value) => flatOptions(options[field] ?? []).find((o) => o.value === value)?.text ?? value;
}

export interface StaleEdit {
  /** 'risk', 'site'… as the notice names it. */
  what: string;
  viewHref: string;
  labels: Record<string, string>;
  /** What the form started from, or null if the form did not say. */
  base: Record<string, string> | null;
  /** The record's form values as saved now. */
  saved: Record<string, string>;
  /** What the user typed. */
  entered: Record<string, string>;
  display?: ValueDisplay;
  /** Who changed it and when, where the record keeps that. */
  by?: string;
}

/**
 * The save was refused because the record moved on (409): the form holds the three-way merge of
 * what the user typed over what is saved now, lists the other person's changes, and starts again
 * from what is saved (its `base` and `version`), so saving once more is a deliberate choice.
 */
export function staleForm(edit: StaleEdit): FormState {
  // Dates are compared and listed as days: what was typed is under each date's name too (typedValues).
  const display: ValueDisplay = (field, value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : (edit.display?.(field, value) ?? value));
  const merged = mergeStaleEdit(edit.labels, edit.base, edit.saved, edit.entered, display);
  // A date shows as merged, not as the three fields typed: the other person's date may have won.
  const values: Record<string, string> = { ...withoutDateParts(merged.values), base: encodeBase(edit.saved) };
  if (edit.saved.version !== undefined) values.version = edit.saved.version;
  return {
    status: 409,
    values,
    conflict: { what: edit.what, changes: merged.changes, viewHref: edit.viewHref, ...(edit.by ? { by: edit.by } : {}) },
  };
}
