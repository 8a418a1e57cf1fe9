import { linkWith } from './query-string';

// GOV.UK pagination (govuk-frontend's pagination component): previous and next, the first and
// last page, the pages either side of this one, and ellipses between.

export const PAGE_SIZE = 100;

export interface PageLinks {
  previous: { href: string } | null;
  next: { href: string } | null;
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
  /** "Showing 101 to 200 of 627" */
  from: number;
  to: number;
  total: number;
}

/** The page asked for, kept within 1..last; `asked` is the parsed `page` parameter. */
export function pageNumber(asked: number | undefined, total: number, size = PAGE_SIZE): number {
  const last = Math.max(1, Math.ceil(total / size));
  return Math.min(Math.max(1, asked ?? 1), last);
}

/** Links to every page of `total` rows, keeping the page's other parameters (`current`). */
export function pageLinks(path: string, current: Record<string, string | number | undefined>, page: number, total: number, size = PAGE_SIZE): PageLinks | null {
  const last = Math.max(1, Math.ceil(total / size));
  const href = (n: number) => linkWith(path, current, { page: n === 1 ? undefined : n });
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  if (last === 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  const items: PageLinks['items'] = [];
  for (const [index, n] of shown.entries()) {
    const before = shown[index - 1];
    if (before !== undefined && n - before > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  }
  return {
    previous: page > 1 ? { href: href(page - 1) } : null,
    next: page < last ? { href: href(page + 1) } : null,
    items,
    from,
    to,
    total,
  };
}
