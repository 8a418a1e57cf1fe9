import fs from 'node:fs';
import path from 'node:path';
import Handlebars, { type HelperDelegate, type TemplateDelegate } from 'handlebars';

// The view engine: Handlebars with a layout and partials in folders ({{> form/select}}), as
// express-handlebars gave, without its cost per page. express-handlebars trimmed the rendered
// view and then the whole page (each trim copying the string once more: two fifths of the time
// of a 100-row register), and on every render resolved the path of every partial and went
// through a dozen promises; here templates are compiled once (with Express's view cache on, as
// in production) and a page is two function calls. Without the view cache (development, tests)
// every render reads the templates afresh, so an edited view shows at once.

export interface ViewEngineConfig {
  layoutsDir: string;
  partialsDir: string;
  defaultLayout: string;
  helpers: Record<string, (...args: never[]) => unknown>;
  compilerOptions?: CompileOptions;
}

interface Compiled {
  handlebars: typeof Handlebars;
  templates: Map<string, TemplateDelegate>;
}

function partialFiles(dir: string, prefix = ''): [name: string, file: string][] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return partialFiles(file, `${prefix}${entry.name}/`);
    return entry.name.endsWith('.hbs') ? [[`${prefix}${entry.name.slice(0, -'.hbs'.length)}`, file]] : [];
  });
}

type RenderOptions = Record<string, unknown> & { cache?: boolean; layout?: string | false | null };

export function viewEngine(config: ViewEngineConfig) {
  let cached: Compiled | undefined;
  // Sources are trimmed as express-handlebars trimmed them, so pages come out the same.
  const source = (file: string) => fs.readFileSync(file, 'utf8').trim();

  function compileAll(): Compiled {
    const handlebars = Handlebars.create();
    handlebars.registerHelper(config.helpers as unknown as Record<string, HelperDelegate>);
    for (const [name, file] of partialFiles(config.partialsDir)) {
      handlebars.registerPartial(name, handlebars.compile(source(file), config.compilerOptions));
    }
    return { handlebars, templates: new Map() };
  }

  function template(compiled: Compiled, file: string): TemplateDelegate {
    let found = compiled.templates.get(file);
    if (!found) {
      found = compiled.handlebars.compile(source(file), config.compilerOptions);
      compiled.templates.set(file, found);
    }
    return found;
  }

  return (file: string, options: object, callback: (error: unknown, html?: string) => void): void => {
    try {
      const context = options as RenderOptions;
      const compiled = context.cache ? (cached ??= compileAll()) : compileAll();
      const body = template(compiled, file)(context);
      const layout = 'layout' in context ? context.layout : config.defaultLayout;
      callback(null, layout ? template(compiled, path.join(config.layoutsDir, `${layout}.hbs`))({ ...context, body }) : body);
    } catch (error) {
      callback(error);
    }
  };
}
