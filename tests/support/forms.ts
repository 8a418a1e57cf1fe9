const unescapeHtml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The hidden `base` field of an edit form, unescaped as a browser would post it. */
export function hiddenBase(html: string): string | undefined {
  const escaped = /name="base" value="([^"]*)"/.exec(html)?.[1];
  return escaped === undefined ? undefined : unescapeHtml(escaped);
}

/**
 * Every field of a form page as a browser would post it untouched: text inputs, hidden fields,
 * selected options. The CSRF token is left out: the test client sends it as a header.
 */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input class="govuk-input[^"]*" id="[^"]*" name="([^"]+)" type="text"[^>]* value="([^"]*)"/g)) fields[name as string] = unescapeHtml(value as string);
  for (const [, name, body] of html.matchAll(/<select[^>]* name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(body as string);
    if (selected) fields[name as string] = selected[1] as string;
  }
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (name !== '_csrf') fields[name as string] = unescapeHtml(value as string);
  }
  return fields;
}
