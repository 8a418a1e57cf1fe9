/**
 * After a save the browser is sent back with ?saved=…, so the page can say so without a
 * session; only the known words of that page are shown.
 */
export function savedMessage(messages: Record<string, string>, saved: unknown): string | undefined {
  return typeof saved === 'string' && Object.hasOwn(messages, saved) ? messages[saved] : undefined;
}
