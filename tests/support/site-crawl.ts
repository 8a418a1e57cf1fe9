import type { Page } from 'puppeteer-core';

// A bounded crawl of what one signed-in person can reach: from a start page, every same-origin
// GET link, each route pattern visited once (numeric ids stand for any record), plus a second
// record of each pattern whose title alone is read, so two records of one page are told apart.

/** Links the crawl never follows: signing out, downloads, and calendar feeds. */
const SKIPPED = [/^\/sign-out\b/, /\.(pdf|xlsx|csv|ics)$/, /^\/feeds\//, /^\/healthz$/];

/** `/risks/12/history` and `/risks/13/history` are one page of two records. */
export function routePattern(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/\d{4}-\d{2}Q[1-4](?=\/|$)/g, '/:quarter');
}

/** Query keys that narrow, sort or page a list, or say what was just saved: the page stays the same page. */
const SAME_PAGE_KEYS = new Set(['category', 'kind', 'owner', 'level', 'review', 'l', 'i', 'status', 'sort', 'group', 'page', 'finding', 'basis', 'objective', 'appetite', 'actions', 'moved', 'quarter', 'state', 'about', 'saved', 'to']);

/**
 * Which page an address shows, for telling titles apart: its path and the query keys that pick
 * a view or a record (`scope=all`, `?risk=27`), not those that filter, sort or page a list.
 */
export function pageIdentity(href: string): string {
  const url = new URL(href, 'http://x');
  const kept = [...url.searchParams].filter(([key]) => !SAME_PAGE_KEYS.has(key)).sort(([a], [b]) => a.localeCompare(b));
  return kept.length === 0 ? url.pathname : `${url.pathname}?${new URLSearchParams(kept).toString()}`;
}

export interface CrawlVisit {
  /** A path with its query. */
  url: string;
  /** `full`: the first of its pattern, checked in full; `title`: a second record of a pattern, whose title alone is read. */
  check: 'full' | 'title';
  /** The page that linked to it, to say where a broken link is. */
  from: string;
}

/** Decides which links to follow: the first of each route pattern, and one more record of it for its title. */
export class CrawlFrontier {
  private readonly firstOf = new Map<string, string>();
  private readonly secondOf = new Map<string, string>();
  readonly visits: CrawlVisit[] = [];

  constructor(start: string) {
    this.offer(start, start);
  }

  /** A link found on a page, as a path with its query and without its fragment. */
  offer(href: string, from: string): void {
    const [path, query] = href.split('?') as [string, string | undefined];
    if (SKIPPED.some((pattern) => pattern.test(path))) return;
    const pattern = routePattern(path) + (query ? '?' : '');
    const first = this.firstOf.get(pattern);
    if (first === undefined) {
      this.firstOf.set(pattern, path);
      this.visits.push({ url: href, check: 'full', from });
    } else if (!query && first !== path && !this.secondOf.has(pattern)) {
      this.secondOf.set(pattern, path);
      this.visits.push({ url: href, check: 'title', from });
    }
  }
}

/** Same-origin GET links of the page, as paths with their queries, in document order. */
export async function linksOf(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]:not([download])', (anchors) => anchors.map((a) => a.href));
  return hrefs.flatMap((href) => {
    const url = new URL(href);
    return url.origin === origin ? [url.pathname + url.search] : [];
  });
}
