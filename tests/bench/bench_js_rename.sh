#!/bin/sh
# Full JavaScript minification (`ao_js_minify` at level "all": renaming of
# local names and syntax compression) next to esbuild --minify, terser -c -m,
# oxc-minify (compress + mangle) and @swc/core's minifier, in the same run, on
# $AO_CORPUS/js. Per file and in total: bytes, gzip -9 and brotli -q 11
# bytes, single-thread MB/s (each tool in-process, pinned to one CPU when
# taskset exists: assetopt through a small driver over libassetopt, the peers
# through their node API; best of ROUNDS after a warm-up round). Prints
# ratios; never fails on timing. oxc-minify and @swc/core are installed into
# a bench-only folder ($B/bench-npm-full), never used by assetopt itself.
set -e
B=${B:-build}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
ROOT=$(pwd)
DIR="$AO_CORPUS/js"
[ -d "$DIR" ] || { echo "bench_js_rename: no $DIR; skipping"; exit 0; }
command -v node >/dev/null || { echo "bench_js_rename: node not found; skipping"; exit 0; }
[ -f "$ROOT/$B/libassetopt.a" ] || { echo "bench_js_rename: no $B/libassetopt.a; skipping"; exit 0; }
NPM="$ROOT/$B/bench-npm-full"
PKGS="oxc-minify@0.157.0 @swc/core@1.16.22"
if [ ! -d "$NPM/node_modules/oxc-minify" ] || [ ! -d "$NPM/node_modules/@swc/core" ]; then
  mkdir -p "$NPM"
  # one install for all: a later --no-save install would prune the others
  (cd "$NPM" && npm install --no-audit --no-fund --loglevel=error --no-save \
     --prefix . $PKGS >/dev/null 2>&1) || echo "bench_js_rename: $PKGS not all installed; missing rows stay empty"
fi
W="$ROOT/$B/bench-js-rename"
rm -rf "$W"
mkdir -p "$W"
PIN=
command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null && PIN="taskset -c 0"

# the in-process driver (tests/bench/js_driver.c) at level all
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" "$ROOT/tests/bench/js_driver.c" \
   "$ROOT/$B/libassetopt.a" $(pkg-config --libs libpng libjpeg libwebp libbrotlienc libbrotlidec zlib libdeflate openssl libcjson imagequant 2>/dev/null) -ldl -lpthread -lm -o "$W/driver"

AO_DRIVER="$W/driver" ROUNDS=${ROUNDS:-3} \
  $PIN node "$ROOT/tests/bench/js_rename_peers.cjs" "$DIR" "$W" "$ROOT/tests/node_modules" "$NPM/node_modules"
