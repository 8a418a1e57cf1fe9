// Compiles views/styles/bulwark.scss (govuk-frontend with Arial) into public/bulwark.css.
import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

const root = path.resolve(__dirname, '..');
const result = sass.compile(path.join(root, 'views/styles/bulwark.scss'), {
  loadPaths: [path.join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
});
fs.mkdirSync(path.join(root, 'public'), { recursive: true });
fs.writeFileSync(path.join(root, 'public/bulwark.css'), result.css);
console.log(`public/bulwark.css: ${result.css.length} bytes`);
