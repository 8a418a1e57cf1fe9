import { formErrors, type FormErrors } from '../forms/parse';
import type { ImportPlan, RowError } from '../spreadsheets/import-plan';
import { MAX_ROWS } from '../spreadsheets/read-rows';

// The import form and the dry run's page. Every error reads as the issue asks: "Row 14, Current
// impact: “Severe” is not one of 1–5; the row would not be imported", with its stable code.

interface NodeHeading {
  id: number;
  name: string;
}

export function importFormPage(node: NodeHeading, options: { errors?: FormErrors; notice?: string; applied?: { fileName: string; added: string[]; changed: string[]; at: string } } = {}) {
  return {
    title: `Import from a spreadsheet: ${node.name}`,
    node,
    action: `/nodes/${node.id}/import`,
    registerHref: `/nodes/${node.id}`,
    exportHref: `/nodes/${node.id}/register.xlsx?scope=all&status=all`,
    maxRows: MAX_ROWS.toLocaleString('en-GB'),
    errors: options.errors,
    fileError: options.errors?.fields.file,
    notice: options.notice,
    applied: options.applied,
  };
}

/** The upload refused as a whole: its message beside the file field, naming the file. */
export function fileErrors(message: string, fileName?: string): FormErrors {
  return formErrors([['file', fileName ? `${fileName}: ${message}` : message]]);
}

const errorLine = (error: RowError) => `Row ${error.line}, ${error.column}: ${error.message}; the row would not be imported`;

export interface ApplyForm {
  uploadId: number;
  token: string;
  versions: string;
}

export function importPlanPage(node: NodeHeading, plan: ImportPlan, fileName: string, options: { apply?: ApplyForm; moved?: string[] } = {}) {
  const rows = plan.rows;
  const lineOf = new Map(rows.map((r) => ['reference' in r && r.reference ? r.reference.toUpperCase() : '', r.line]));
  return {
    title: `Dry run of ${fileName}: ${node.name}`,
    node,
    fileName,
    counts: plan.counts,
    rowsRead: rows.length,
    hasErrors: plan.errors.length > 0,
    nothingToDo: plan.errors.length === 0 && plan.counts.create === 0 && plan.counts.change === 0,
    // The first problem of each row carries the row's anchor, which the error summary links to.
    errors: plan.errors.map((e, index) => ({ ...e, text: errorLine(e), anchor: index === 0 || plan.errors[index - 1]?.line !== e.line })),
    creates: rows.flatMap((r) => (r.kind === 'create' ? [{ line: r.line, register: r.registerCode, title: r.title }] : [])),
    changes: rows.flatMap((r) => (r.kind === 'change' ? [{ line: r.line, reference: r.reference, riskId: r.riskId, title: r.title, changes: r.changes }] : [])),
    unchanged: rows.flatMap((r) => (r.kind === 'same' ? [r.reference] : [])),
    moved: options.moved?.map((reference) => ({ reference, line: lineOf.get(reference.toUpperCase()) })),
    apply: options.apply ? { ...options.apply, action: `/nodes/${node.id}/import/apply` } : undefined,
    importHref: `/nodes/${node.id}/import`,
    registerHref: `/nodes/${node.id}`,
  };
}
