// A page's <title> (the layout adds " – Bulwark", and "Error: " before a form sent back) names
// the page, then its record: "Record a review: IJOCD-R03". It is the first thing a screen reader
// says and the name of a browser tab, so it must tell apart every page and every record
// (WCAG 2.4.2), and stay short enough to read in a tab: long names are cut at a word.

/** The longest a record's free-text name may run in a title before it is cut. */
const LONGEST_NAME = 40;

/** "Page: record", GOV.UK style: "Risk register: Extradition Unit". */
export function pageTitle(page: string, record: string): string {
  return `${page}: ${record}`;
}

/** Free text cut at the last word that fits, with an ellipsis: "Extradition casework tracked outside…". */
export function shortName(text: string, longest = LONGEST_NAME): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.length <= longest) return trimmed;
  const cut = trimmed.slice(0, longest + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > longest / 2 ? cut.slice(0, lastSpace) : trimmed.slice(0, longest)).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** A risk or plan as a title names it: its unique reference, then its name cut short. */
export function recordName(reference: string, name: string): string {
  return `${reference} ${shortName(name)}`;
}
