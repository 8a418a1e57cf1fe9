// Risk references in register order, numbers by value (R-9 before R-10), with one collator made
// once: localeCompare with options makes a collator per comparison, which was most of the time
// of sorting the organisation's 12,000 risks (2.6 s against 77 ms).
const collator = new Intl.Collator('en', { numeric: true });

export const compareReferences = (a: string, b: string): number => collator.compare(a, b);
