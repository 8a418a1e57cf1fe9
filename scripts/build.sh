#!/usr/bin/env bash
# Compiles the server to dist/ (what `npm start` runs) when any source is newer than the last
# build; otherwise does nothing, so starting stays quick. A fresh build starts from an empty
# dist/ so a deleted source file never lingers as stale JavaScript.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find server db package.json tsconfig.json tsconfig.build.json -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
echo "build: compiling the server to dist/"
rm -rf dist
npx tsc -p tsconfig.build.json
# The server as one file: Node then reads and compiles one script instead of resolving some
# nine hundred modules, which was a third of a start. Native better-sqlite3 stays a module, and
# the printing libraries stay outside, loaded at the first print. Names are kept, so stack
# traces still read.
npx esbuild dist/server/main.js --bundle --platform=node --target=node20 --outfile=dist/server/main.bundle.js \
  --external:better-sqlite3 --external:puppeteer-core --external:pdf-lib --minify-whitespace --minify-syntax --log-level=warning
mv dist/server/main.bundle.js dist/server/main.js
touch "$stamp"
