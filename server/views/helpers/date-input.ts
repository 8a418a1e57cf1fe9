import { DATE_PARTS, datePartName, typedDateOf, type DatePart } from '../../forms/date-input';

const LABELS: Record<DatePart, string> = { day: 'Day', month: 'Month', year: 'Year' };

/**
 * {{#each (dateInput "due_on" values errors.fields.due_on errors.parts.due_on)}}: the three
 * fields of the GOV.UK date input, each with what was typed (or the saved ISO day split up) and
 * whether to highlight it: the parts the error names, or all three for an error about the whole
 * date, as the govuk-frontend macro does.
 */
export function dateInput(name: unknown, values: unknown, error: unknown, parts: unknown) {
  const field = String(name);
  const typed = (typeof values === 'object' && values !== null ? values : {}) as Record<string, unknown>;
  const saved = typeof typed[field] === 'string' ? typedDateOf(typed[field]) : null;
  const wrong = Array.isArray(parts) && parts.length > 0 ? (parts as DatePart[]) : DATE_PARTS;
  return DATE_PARTS.map((part) => {
    const own = typed[datePartName(field, part)];
    return {
      id: datePartName(field, part),
      label: LABELS[part],
      value: typeof own === 'string' ? own : (saved?.[part] ?? ''),
      width: part === 'year' ? 4 : 2,
      error: Boolean(error) && wrong.includes(part),
    };
  });
}
