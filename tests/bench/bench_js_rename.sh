#!/bin/sh
# JavaScript with renaming of local names and shorter literals
# (ao_js_minify_idents with AO_JS_ID_SYNTAX, through the
# test driver linked against libassetopt.a) vs `esbuild --minify` and
# `terser -c -m` over $AO_CORPUS/js: bytes, gzip -9, MB/s per file and in
# total, one process per file for everyone. Never fails on timing.
set -u
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
NODE_BIN=tests/node_modules/.bin
dir="$AO_CORPUS/js"
[ -d "$dir" ] || { echo "bench_js_rename: no $dir; skipping"; exit 0; }
lib="$(dirname "$AO_BIN")/libassetopt.a"
[ -f "$lib" ] || { echo "bench_js_rename: no $lib; skipping"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
reps=${BENCH_REPS:-3}
${CC:-cc} -std=c11 -O2 -Iinclude tests/integration/jsrename/driver.c "$lib" -lm \
  -o "$tmp/driver" || exit 1

now() { date +%s.%N; }
size() { wc -c < "$1"; }
gz() { gzip -9c "$1" | wc -c; }

# run NAME FILE OUT: minifies FILE into OUT reps times, prints seconds per run
run() {
  m=; case "$2" in *.mjs) m=-m;; esac
  t0=$(now)
  i=0
  while [ $i -lt "$reps" ]; do
    case "$1" in
      assetopt) "$tmp/driver" -s $m "$2" "$3" || return 1 ;;
      esbuild) "$NODE_BIN/esbuild" --minify --log-level=error "$2" --outfile="$3" || return 1 ;;
      terser) mod=; [ -n "$m" ] && mod=--module
              "$NODE_BIN/terser" $mod -c -m -o "$3" -- "$2" 2>/dev/null || return 1 ;;
    esac
    i=$((i + 1))
  done
  t1=$(now)
  echo "($t1 - $t0) / $reps" | bc -l
}

peers="assetopt"
[ -x "$NODE_BIN/esbuild" ] && peers="$peers esbuild" || echo "bench_js_rename: esbuild not installed (make test-deps)"
[ -x "$NODE_BIN/terser" ] && peers="$peers terser" || echo "bench_js_rename: terser not installed (make test-deps)"
for p in $peers; do mkdir -p "$tmp/$p"; eval "tb_$p=0 tg_$p=0 ts_$p=0"; done
tin=0
printf '%-34s %-9s %9s %8s %9s\n' file tool bytes gzip MB/s
for f in "$dir"/*.js "$dir"/*.mjs; do
  [ -f "$f" ] || continue
  n=$(basename "$f")
  in=$(size "$f")
  tin=$((tin + in))
  printf '%-34s %-9s %9d %8d\n' "$n" input "$in" "$(gz "$f")"
  for p in $peers; do
    s=$(run "$p" "$f" "$tmp/$p/$n") || { echo "  $p failed on $n"; s=; }
    [ -n "$s" ] || continue
    b=$(size "$tmp/$p/$n"); g=$(gz "$tmp/$p/$n")
    printf '%-34s %-9s %9d %8d %9.2f\n' "" "$p" "$b" "$g" "$(echo "$in / $s / 1000000" | bc -l)"
    eval "tb_$p=\$((tb_$p + b)) tg_$p=\$((tg_$p + g))"
    eval "ts_$p=\$(echo \"\$ts_$p + $s\" | bc -l)"
  done
done
echo "total: $tin input bytes"
for p in $peers; do
  eval "b=\$tb_$p g=\$tg_$p s=\$ts_$p"
  printf '  %-9s %9d bytes  gzip %8d  %8.2f MB/s\n' "$p" "$b" "$g" "$(echo "$tin / $s / 1000000" | bc -l)"
done
for p in $peers; do
  [ "$p" = assetopt ] && continue
  eval "b=\$tb_$p g=\$tg_$p s=\$ts_$p"
  printf '  assetopt/%s: bytes %.3f, gzip %.3f, speed %.1fx\n' "$p" \
    "$(echo "$tb_assetopt / $b" | bc -l)" "$(echo "$tg_assetopt / $g" | bc -l)" \
    "$(echo "$s / $ts_assetopt" | bc -l)"
done
