#!/bin/sh
# install.sh LOG: playwright-core in tests/web/node_modules for the suites
# that drive headless Chromium (web.sh, serve-hostile.sh), whichever runs
# first. Exits 0 when it is there; else 1, npm's output in LOG.
cd "$(dirname "$0")/../.." || exit 1
[ -f tests/web/node_modules/playwright-core/package.json ] && exit 0
echo "web: installing playwright-core into tests/web/node_modules"
npm install --prefix tests/web --no-save --no-package-lock --no-audit --no-fund >"$1" 2>&1
