#!/bin/sh
# Rebuilds dist/ from this source with Vite (the committed dist/ was made by
# this script). Installs into a temporary folder so no node_modules is left here.
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/package.json" "$here/index.html" "$here/vite.config.js" "$here/src" "$here/public" "$work/"
cd "$work"
npm install --no-package-lock --no-audit --no-fund --loglevel=error
npx vite build --logLevel warn
rm -rf "$here/dist"
cp -r dist "$here/dist"
