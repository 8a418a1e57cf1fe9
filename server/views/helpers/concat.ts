/** {{concat "Name of level " rank}} → "Name of level 2": joins its arguments as text. */
export function concat(...args: unknown[]): string {
  // Handlebars passes its options object last.
  return args.slice(0, -1).map(String).join('');
}
