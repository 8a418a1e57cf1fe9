/** {{or plan.approvedOn "Not yet approved"}}: the first value that is not empty. */
export function or(...args: unknown[]): unknown {
  const values = args.slice(0, -1); // Handlebars passes its options object last
  return values.find((value) => value !== undefined && value !== null && value !== '') ?? '';
}
