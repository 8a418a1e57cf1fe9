/** {{#if (and a b)}}: both truthy. Handlebars passes its options object last, which is dropped. */
export function and(...args: unknown[]): boolean {
  return args.slice(0, -1).every(Boolean);
}
