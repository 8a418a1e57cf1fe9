import { ExpressHandlebars } from 'express-handlebars';
import type { ConfigOptions } from 'express-handlebars/types';
import type { RuntimeOptions, TemplateDelegate } from 'handlebars';

/**
 * express-handlebars, without trimming what it renders: it trims the view, then the page
 * around it, and each trim copies the whole string (a rope Handlebars built piece by piece)
 * once more. On a 100-row register that was two fifths of the render. Whitespace at either end
 * of a page means nothing in HTML.
 */
class UntrimmedHandlebars extends ExpressHandlebars {
  protected override _renderTemplate(template: TemplateDelegate, context: object = {}, options: RuntimeOptions = {}): string {
    return template(context, options);
  }
}

export function viewEngine(config: ConfigOptions) {
  return new UntrimmedHandlebars(config).engine;
}
