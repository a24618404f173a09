#!/bin/sh
# Installs the npm packages that tests and benchmarks use (never assetopt
# itself) into tests/node_modules, once per change of tests/package.json.
# AO_NO_NODE=1 skips it; suites that need a package then say so and fail.
set -e
[ "${AO_NO_NODE:-0}" = 1 ] && exit 0
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "node-deps: npm not found; install the test dependencies (see README)" >&2
  exit 1
fi
stamp=node_modules/.assetopt-stamp
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(sha256sum < package.json)" ]; then
  exit 0
fi
# direct dependencies are pinned to exact versions in package.json
npm install --no-package-lock --no-audit --no-fund --loglevel=error
# playwright-core 1.62 and later need Node 20; Debian 12's nodejs is 18
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    playwright-core@1.61.1
fi
sha256sum < package.json > "$stamp"
