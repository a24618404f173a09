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

cat > "$W/driver.c" <<'C'
/* driver IN OUT ROUNDS: minifies IN at level all, writes OUT, prints the
 * best seconds per round */
#include <assetopt/js.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv)
{
  if(argc != 4) return 2;
  FILE *f = fopen(argv[1], "rb");
  if(!f) return 2;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *src = calloc((size_t)n + AO_PAD, 1);
  if(!src || fread(src, 1, (size_t)n, f) != (size_t)n) return 2;
  fclose(f);
  size_t nl = strlen(argv[1]);
  ao_js_opts o;
  ao_js_opts_init(&o);
  o.level = AO_JS_MIN_ALL;
  o.module = nl > 4 && !strcmp(argv[1] + nl - 4, ".mjs") ? 1 : -1;
  ao_buf out = AO_BUF_INIT(0);
  double best = 1e9;
  for(int r = 0; r <= atoi(argv[3]); r++) {
    struct timespec a, b;
    ao_buf_reset(&out);
    clock_gettime(CLOCK_MONOTONIC, &a);
    if(ao_js_minify(src, (size_t)n, &o, &out, NULL)) return 3;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double t = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    if(r && t < best) best = t;
  }
  FILE *g = fopen(argv[2], "wb");
  if(!g || fwrite(out.data, 1, out.len, g) != out.len || fclose(g)) return 2;
  printf("%.6f\n", best);
  return 0;
}
C
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" "$W/driver.c" \
   "$ROOT/$B/libassetopt.a" $(pkg-config --libs libpng libjpeg libwebp libbrotlienc libbrotlidec zlib libdeflate libcurl openssl libcjson imagequant 2>/dev/null) \
   -lpthread -lm -o "$W/driver"

AO_DRIVER="$W/driver" ROUNDS=${ROUNDS:-3} \
  $PIN node "$ROOT/tests/bench/js_rename_peers.cjs" "$DIR" "$W" "$ROOT/tests/node_modules" "$NPM/node_modules"
