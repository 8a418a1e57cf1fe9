/** A hidden field of a form page, unescaped as a browser would post it. */
export function hiddenField(html: string, name: string): string | undefined {
  const escaped = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return escaped?.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The hidden `base` field of an edit form: the values it started from. */
export function hiddenBase(html: string): string | undefined {
  return hiddenField(html, 'base');
}

/** Page text without tags, whitespace collapsed, for asserting what a reader sees. */
export function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}
