export const SCRIPT = '<script>alert("owned")</script><img src=x onerror=alert(1)>';
export const SQL = "1'; DROP TABLE risks; --";
export const HUGE = 'x'.repeat(1024 * 1024);

/** Replacement values for one field: each is sent in place of a valid value. */
export const HOSTILE_VALUES: [name: string, value: string | string[] | undefined][] = [
  ['missing', undefined],
  ['empty', ''],
  ['a list instead of one value', ['1', '2']],
  ['a word where a number belongs', 'three'],
  ['a negative number', '-5'],
  ['a huge number', '99999999999999999999'],
  ['a script tag', SCRIPT],
  ['an SQL fragment', SQL],
  ['a 1 MB string', HUGE],
];

/** A valid body with one field replaced by a hostile value, or left out. */
export function withField(body: Record<string, string>, field: string, value: string | string[] | undefined): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = { ...body };
  if (value === undefined) delete copy[field];
  else copy[field] = value;
  return copy;
}
