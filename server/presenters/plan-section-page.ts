import type { SectionDefinition } from '../domain/plan-content';
import type { ConflictNotice } from '../forms/conflict';
import type { FormErrors } from '../forms/parse';
import { linesIn, MAX_LINES, type SectionFormSpec } from '../forms/plan-section-form';
import { pageTitle } from './page-title';

export interface SectionFormPageInput {
  plan: { id: number; ref: string; title: string };
  section: SectionDefinition;
  spec: SectionFormSpec;
  values: Record<string, string>;
  /** Blank lines shown under each list after its lines. */
  extraLines: number;
  /**
   * Show every line the values hold, blank ones included: lines the user posted (they asked for
   * them), and lines stored in the plan (a template's lines, such as the four audiences, are a
   * promise to fill them). Otherwise only lines with something typed in them.
   */
  showEveryLine?: boolean;
  /** The draft being edited, or null when saving will start a new draft from the version in force. */
  draft: { id: number; version: number } | null;
  startsFromVersion: number | null;
  base: string;
  errors?: FormErrors;
  conflict?: ConflictNotice;
  breadcrumbs: { text: string; href?: string }[];
}

/** The view model of a section's edit form: fields, and lists as lines of cells named `<column>_<line>`. */
export function buildSectionFormPage(input: SectionFormPageInput) {
  const { spec, values, errors } = input;
  const error = (name: string) => errors?.fields[name];
  const page = {
    title: pageTitle(`Edit ${input.section.title}`, input.plan.ref),
    breadcrumbs: input.breadcrumbs,
    plan: input.plan,
    section: input.section,
    action: `/plans/${input.plan.id}/sections/${spec.key}`,
    cancelHref: `/plans/${input.plan.id}#section-${input.section.number}`,
    draftId: input.draft ? String(input.draft.id) : '',
    version: input.draft ? String(input.draft.version) : '0',
    startsFromVersion: input.startsFromVersion,
    base: input.base,
    errors,
    conflict: input.conflict,
    fields: spec.fields.map((field) => {
      const checked = (values[field.name] ?? '').split(',');
      return {
        name: field.name,
        label: field.label,
        hint: field.hint,
        isText: field.kind === 'text',
        isTextarea: field.kind === 'textarea',
        isCheckboxes: field.kind === 'checkboxes',
        value: values[field.name] ?? '',
        error: error(field.name),
        options: (field.choices ?? []).map((c) => ({ value: c.value, text: c.text, checked: checked.includes(c.value) })),
      };
    }),
    lists: spec.lists.map((list) => {
      // Spare and added lines stop at the limit, so no form is longer than a list may be.
      const count = Math.min(linesIn(list, values, !input.showEveryLine) + input.extraLines, MAX_LINES);
      const lines = Array.from({ length: count }, (_, index) => {
        const line = index + 1;
        return {
          number: line,
          cells: list.columns.map((column) => {
            const name = `${column.name}_${line}`;
            const value = values[name] ?? '';
            return {
              name,
              label: column.label,
              hint: column.hint,
              value,
              error: error(name),
              width: column.width,
              isSelect: column.kind === 'select',
              isLines: column.kind === 'lines',
              inputmode: column.kind === 'integer' ? 'numeric' : column.kind === 'hours' ? 'decimal' : undefined,
              options: (column.choices ?? []).map((c) => ({ value: c.value, text: c.text, selected: c.value === value })),
            };
          }),
        };
      });
      return {
        key: list.key,
        label: list.label,
        hint: list.hint,
        isCards: list.layout === 'cards',
        columns: list.columns.map((c) => c.label),
        lines,
        atLimit: count === MAX_LINES,
      };
    }),
  };
  return { ...page, maxLines: MAX_LINES, canAddLines: page.lists.some((list) => !list.atLimit) };
}
