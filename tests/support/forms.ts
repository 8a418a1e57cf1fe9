const unescapeHtml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A hidden field of a form page, unescaped as a browser would post it. */
export function hiddenField(html: string, name: string): string | undefined {
  const escaped = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return escaped === undefined ? undefined : unescapeHtml(escaped);
}

/** The hidden `base` field of an edit form: the values it started from. */
export function hiddenBase(html: string): string | undefined {
  return hiddenField(html, 'base');
}

/** Page text without tags, whitespace collapsed, for asserting what a reader sees. */
export function visibleText(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

/**
 * Every field of a form page as a browser would post it untouched: text inputs, hidden fields,
 * selected options. The CSRF token is left out: the test client sends it as a header.
 */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input class="govuk-input[^"]*" id="[^"]*" name="([^"]+)" type="text"[^>]* value="([^"]*)"/g)) fields[name as string] = unescapeHtml(value as string);
  for (const [, name, body] of html.matchAll(/<select[^>]* name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(body as string);
    if (selected) fields[name as string] = selected[1] as string;
  }
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (name !== '_csrf') fields[name as string] = unescapeHtml(value as string);
  }
  return fields;
}
