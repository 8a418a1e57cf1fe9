export interface Option {
  value: string;
  text: string;
  selected: boolean;
}

/** Options under a heading: a select's `<optgroup>`. */
export interface OptionGroup {
  group: string;
  options: Option[];
}

/** What a select lists: options, and groups of them. */
export type Choice = Option | OptionGroup;

/** Options for a select or radios, the one matching `selected` (compared as text) marked. */
export function toOptions<T>(items: readonly T[], value: (item: T) => string | number, text: (item: T) => string, selected: unknown): Option[] {
  return items.map((item) => ({ value: String(value(item)), text: text(item), selected: String(value(item)) === String(selected ?? '') }));
}

export function placeholder(text: string, selected: unknown): Option {
  return { value: '', text, selected: selected === undefined || selected === null || selected === '' };
}

/** Every option of a select, its groups opened. */
export function flatOptions(choices: readonly Choice[]): Option[] {
  return choices.flatMap((choice) => ('group' in choice ? choice.options : [choice]));
}
