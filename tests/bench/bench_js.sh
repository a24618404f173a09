#!/bin/sh
# JS minifier benchmark: assetopt next to esbuild --minify-whitespace,
# esbuild --minify and oxc-minify's whitespace mode, in the same run, on
# $AO_CORPUS/js. Per file and in total: output bytes, gzip -9 and brotli -q 11
# bytes, and single-thread throughput (MB/s, each tool in-process: assetopt
# through a small driver over libassetopt, the others through their node
# API, so process start-up is not counted; each tool runs untimed for 0.2 s
# before its best of ROUNDS is taken, so that none is timed on a core still
# clocking up from idle; like the peers, assetopt drops
# the sourceMappingURL comment, which no longer fits the minified output).
# Prints ratios; never fails on
# timing. oxc-minify is installed into a bench-only folder ($B/bench-npm).
set -e
B=${B:-build}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
ROOT=$(pwd)
DIR="$AO_CORPUS/js"
[ -d "$DIR" ] || { echo "bench_js: no $DIR; skipping"; exit 0; }
command -v node >/dev/null || { echo "bench_js: node not found; skipping"; exit 0; }
ESBUILD="$ROOT/tests/node_modules/esbuild"
[ -d "$ESBUILD" ] || { echo "bench_js: esbuild missing (make test-deps); skipping"; exit 0; }
NPM="$ROOT/$B/bench-npm"
if [ ! -d "$NPM/node_modules/oxc-minify" ]; then
  mkdir -p "$NPM"
  (cd "$NPM" && npm install --no-audit --no-fund --loglevel=error --no-save \
     --prefix . oxc-minify@0.157.0 >/dev/null 2>&1) || echo "bench_js: oxc-minify not installed; its columns stay empty"
fi
W="$ROOT/$B/bench-js"
rm -rf "$W"
mkdir -p "$W/ao" "$W/esw" "$W/esm" "$W/oxc"
ROUNDS=${ROUNDS:-5}
# single thread: every tool pinned to one CPU when taskset exists
PIN=
command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null && PIN="taskset -c 0"

# the in-process driver (tests/bench/js_driver.c) at the token level
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" "$ROOT/tests/bench/js_driver.c" \
   "$ROOT/$B/libassetopt.a" $(pkg-config --libs libpng libjpeg libwebp libbrotlienc libbrotlidec zlib libdeflate openssl libcjson imagequant 2>/dev/null) -ldl -lpthread -lm -o "$W/driver"

cat > "$W/peers.cjs" <<'JS'
// node peers.cjs ESBUILD_DIR OXC_DIR FILE OUTDIR ROUNDS: best seconds per round for each
const fs = require('fs'), path = require('path');
const [esDir, oxcDir, file, outDir, rounds] = process.argv.slice(2);
const es = require(esDir);
let oxc = null;
try { oxc = require(path.join(oxcDir, 'node_modules', 'oxc-minify')); } catch (e) {}
const code = fs.readFileSync(file, 'utf8');
const name = path.basename(file);
const loader = 'js';
// untimed rounds for at least 0.2 s first, as the assetopt driver does
function time(fn) {
  let best = 1e9, out;
  const w0 = process.hrtime.bigint();
  do out = fn(); while (Number(process.hrtime.bigint() - w0) / 1e9 < 0.2);
  for (let r = 0; r < +rounds; r++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    const t = Number(process.hrtime.bigint() - t0) / 1e9;
    if (t < best) best = t;
  }
  return [best, out];
}
const res = {};
let [t, o] = time(() => es.transformSync(code, { loader, minifyWhitespace: true, logLevel: 'silent' }).code);
fs.writeFileSync(path.join(outDir, 'esw', name), o); res.esw = t;
[t, o] = time(() => es.transformSync(code, { loader, minify: true, logLevel: 'silent' }).code);
fs.writeFileSync(path.join(outDir, 'esm', name), o); res.esm = t;
if (oxc) {
  const opts = { compress: false, mangle: false, codegen: { removeWhitespace: true } };
  const run = oxc.minifySync || oxc.minify;
  [t, o] = time(() => run(name, code, opts).code);
  fs.writeFileSync(path.join(outDir, 'oxc', name), o); res.oxc = t;
}
console.log(JSON.stringify(res));
JS

gz() { gzip -9c "$1" | wc -c; }
br() { if command -v brotli >/dev/null; then brotli -q 11 -c "$1" | wc -c; else echo 0; fi; }
size() { wc -c < "$1"; }

printf '%-34s %9s | %-27s | %-27s | %-18s | %-27s\n' file input \
  "assetopt bytes/gz/br MB/s" "esbuild-ws bytes/gz/br MB/s" "esbuild-min bytes/gz" "oxc-ws bytes/gz/br MB/s"
T_IN=0; T_AO=0; T_AOG=0; T_AOB=0; T_AOT=0; T_ES=0; T_ESG=0; T_ESB=0; T_EST=0
T_EM=0; T_EMG=0; T_OX=0; T_OXG=0; T_OXB=0; T_OXT=0; WORSE=""
for f in "$DIR"/*.js "$DIR"/*.mjs; do
  [ -f "$f" ] || continue
  n=$(basename "$f")
  in=$(size "$f")
  t_ao=$($PIN "$W/driver" "$f" "$W/ao/$n" "$ROUNDS" whitespace)
  peers=$($PIN node "$W/peers.cjs" "$ESBUILD" "$NPM" "$f" "$W" "$ROUNDS")
  t_es=$(echo "$peers" | sed -n 's/.*"esw":\([0-9.e-]*\).*/\1/p')
  t_ox=$(echo "$peers" | sed -n 's/.*"oxc":\([0-9.e-]*\).*/\1/p')
  ao=$(size "$W/ao/$n"); aog=$(gz "$W/ao/$n"); aob=$(br "$W/ao/$n")
  es=$(size "$W/esw/$n"); esg=$(gz "$W/esw/$n"); esb=$(br "$W/esw/$n")
  em=$(size "$W/esm/$n"); emg=$(gz "$W/esm/$n")
  ox=0; oxg=0; oxb=0
  if [ -f "$W/oxc/$n" ]; then ox=$(size "$W/oxc/$n"); oxg=$(gz "$W/oxc/$n"); oxb=$(br "$W/oxc/$n"); fi
  mbs() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", b / 1e6 / t; else printf "-" }'; }
  printf '%-34s %9d | %7d %6d %6d %5s | %7d %6d %6d %5s | %7d %6d    | %7d %6d %6d %5s\n' "$n" "$in" \
    "$ao" "$aog" "$aob" "$(mbs "$in" "$t_ao")" "$es" "$esg" "$esb" "$(mbs "$in" "$t_es")" \
    "$em" "$emg" "$ox" "$oxg" "$oxb" "$(mbs "$in" "${t_ox:-0}")"
  [ "$ao" -le "$es" ] || WORSE="$WORSE $n(+$((ao - es)))"
  T_IN=$((T_IN + in)); T_AO=$((T_AO + ao)); T_AOG=$((T_AOG + aog)); T_AOB=$((T_AOB + aob))
  T_ES=$((T_ES + es)); T_ESG=$((T_ESG + esg)); T_ESB=$((T_ESB + esb))
  T_EM=$((T_EM + em)); T_EMG=$((T_EMG + emg))
  T_OX=$((T_OX + ox)); T_OXG=$((T_OXG + oxg)); T_OXB=$((T_OXB + oxb))
  T_AOT=$(awk -v a="$T_AOT" -v b="$t_ao" 'BEGIN { print a + b }')
  T_EST=$(awk -v a="$T_EST" -v b="$t_es" 'BEGIN { print a + b }')
  T_OXT=$(awk -v a="$T_OXT" -v b="${t_ox:-0}" 'BEGIN { print a + b }')
done
printf '%-34s %9d | %7d %6d %6d %5s | %7d %6d %6d %5s | %7d %6d    | %7d %6d %6d %5s\n' TOTAL "$T_IN" \
  "$T_AO" "$T_AOG" "$T_AOB" "$(awk -v b="$T_IN" -v t="$T_AOT" 'BEGIN{printf "%.0f", b/1e6/t}')" \
  "$T_ES" "$T_ESG" "$T_ESB" "$(awk -v b="$T_IN" -v t="$T_EST" 'BEGIN{printf "%.0f", b/1e6/t}')" \
  "$T_EM" "$T_EMG" "$T_OX" "$T_OXG" "$T_OXB" \
  "$(awk -v b="$T_IN" -v t="$T_OXT" 'BEGIN{if (t > 0) printf "%.0f", b/1e6/t; else printf "-"}')"
awk -v ao="$T_AO" -v es="$T_ES" -v aog="$T_AOG" -v esg="$T_ESG" -v aob="$T_AOB" -v esb="$T_ESB" \
    -v aot="$T_AOT" -v est="$T_EST" -v oxt="$T_OXT" 'BEGIN {
  printf "ratios (assetopt / esbuild --minify-whitespace): bytes %.4f, gzip %.4f, brotli %.4f\n", ao/es, aog/esg, (esb ? aob/esb : 0)
  printf "speed: assetopt is %.1fx esbuild --minify-whitespace", est/aot
  if (oxt > 0) printf ", %.1fx oxc-minify whitespace mode", oxt/aot
  printf " (single thread, in-process, best of rounds)\n"
  printf "targets: >= 10x esbuild --minify-whitespace: %s; >= 2x oxc-minify whitespace: %s\n", \
    (est/aot >= 10 ? "met" : "not met"), (oxt <= 0 ? "no oxc" : (oxt/aot >= 2 ? "met" : "not met"))
}'
if [ -n "$WORSE" ]; then
  echo "files where assetopt's output is larger than esbuild --minify-whitespace:$WORSE"
else
  echo "assetopt's output is no larger than esbuild --minify-whitespace on every file"
fi
