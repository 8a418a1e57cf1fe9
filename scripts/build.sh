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
touch "$stamp"
