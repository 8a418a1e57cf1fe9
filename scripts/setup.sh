#!/usr/bin/env bash
# Installs whatever a fresh Debian machine is missing, and nothing it already has:
# npm packages (better-sqlite3 builds from source), Debian's Chromium and poppler
# (for printed documents and their tests), LibreOffice Calc without its desktop (the
# spreadsheet tests read exported files with a real client), and the compiled stylesheet.
# Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing_debs+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing_debs+=(libreoffice-calc-nogui)
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "setup: installing ${missing_debs[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

# Puppeteer must never try to download its own browser: Debian's is used.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || ! node -e "require('better-sqlite3')" >/dev/null 2>&1; then
  echo "setup: installing npm packages (better-sqlite3 compiles, about a minute)"
  npm ci --no-audit --no-fund
  # npm 11 skips install scripts it was not told to allow; make sure the native module is built.
  node -e "require('better-sqlite3')" >/dev/null 2>&1 || npm rebuild better-sqlite3
fi

if [ ! -f public/bulwark.css ] || [ -n "$(find views/styles -newer public/bulwark.css -print -quit)" ]; then
  npx tsx scripts/build-css.ts
fi

bash scripts/build.sh
