#!/bin/sh
# SVG: assetopt minify vs svgo (default preset) over $AO_CORPUS/svg, and JSON:
# assetopt minify vs JSON.stringify(JSON.parse()) in node over the corpus's
# JSON files. Bytes, gzip bytes, MB/s, ratios. Never fails on timing.
set -u
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
NODE_BIN=tests/node_modules/.bin
dir="$AO_CORPUS/svg"
[ -d "$dir" ] || { echo "bench_svg: no $dir; skipping"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
reps=${BENCH_REPS:-5}

now() { date +%s.%N; }
total() { cat "$@" | wc -c; }
gztotal() { s=0; for f in "$@"; do n=$(gzip -9c "$f" | wc -c); s=$((s + n)); done; echo $s; }

mkdir -p "$tmp/ao" "$tmp/svgo"
in_bytes=$(total "$dir"/*.svg)
# assetopt: one process for the folder (--outdir), as svgo -f, reps times
t0=$(now)
i=0
while [ $i -lt "$reps" ]; do
  "$AO_BIN" minify -q --outdir "$tmp/ao" "$dir"/*.svg || exit 1
  i=$((i + 1))
done
t1=$(now)
ao_s=$(echo "($t1 - $t0) / $reps" | bc -l)
if [ -x "$NODE_BIN/svgo" ]; then
  t0=$(now)
  i=0
  while [ $i -lt "$reps" ]; do
    "$NODE_BIN/svgo" -q -f "$dir" -o "$tmp/svgo" >/dev/null 2>&1 || exit 1
    i=$((i + 1))
  done
  t1=$(now)
  svgo_s=$(echo "($t1 - $t0) / $reps" | bc -l)
else
  echo "bench_svg: svgo not installed (make test-deps); assetopt only"
  svgo_s=
fi
n=$(ls "$dir"/*.svg | wc -l)
printf 'svg: %d files, %d bytes, gzip %d\n' "$n" "$in_bytes" "$(gztotal "$dir"/*.svg)"
row() { # name seconds folder
  b=$(total "$3"/*.svg); g=$(gztotal "$3"/*.svg)
  printf '  %-9s %9d bytes (%5.1f%%)  gzip %8d  %8.2f MB/s  %.3f s\n' "$1" "$b" \
    "$(echo "100 * $b / $in_bytes" | bc -l)" "$g" "$(echo "$in_bytes / $2 / 1000000" | bc -l)" "$2"
}
row assetopt "$ao_s" "$tmp/ao"
if [ -n "$svgo_s" ]; then
  row svgo "$svgo_s" "$tmp/svgo"
  printf '  bytes assetopt/svgo %.3f, gzip %.3f, speed assetopt/svgo %.1fx\n' \
    "$(echo "$(total "$tmp"/ao/*.svg) / $(total "$tmp"/svgo/*.svg)" | bc -l)" \
    "$(echo "$(gztotal "$tmp"/ao/*.svg) / $(gztotal "$tmp"/svgo/*.svg)" | bc -l)" \
    "$(echo "$svgo_s / $ao_s" | bc -l)"
fi

# ---- JSON -----------------------------------------------------------------
# The corpus's JSON files, or else a pretty-printed document made of the
# package.json files under tests/node_modules (a few MB), one process each.
find "$AO_CORPUS" testdata/minify/json -type f \( -name '*.json' -o -name '*.webmanifest' -o -name '*.map' \) \
  ! -name '*.expected' > "$tmp/json.list"
if command -v node >/dev/null 2>&1 && [ -d tests/node_modules ]; then
  node -e '
    const fs = require("fs"), path = require("path");
    const docs = [];
    (function walk(d) {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === "package.json") { try { docs.push(JSON.parse(fs.readFileSync(p, "utf8"))); } catch (_) {} }
      }
    })("tests/node_modules");
    let out = [];
    while (JSON.stringify(out).length < 4e6 && docs.length) out = out.concat(docs);
    fs.writeFileSync(process.argv[1], JSON.stringify(out, null, 2));
  ' "$tmp/big.json" && echo "$tmp/big.json" >> "$tmp/json.list"
fi
[ -s "$tmp/json.list" ] || exit 0
jn=$(wc -l < "$tmp/json.list")
jbytes=$(xargs cat < "$tmp/json.list" | wc -c)
t0=$(now)
i=0
while [ $i -lt "$reps" ]; do
  while read -r f; do "$AO_BIN" minify --type json "$f" > "$tmp/j.out" || exit 1; done < "$tmp/json.list"
  i=$((i + 1))
done
t1=$(now)
ao_j=$(echo "($t1 - $t0) / $reps" | bc -l)
ao_jb=$(while read -r f; do "$AO_BIN" minify --type json "$f"; done < "$tmp/json.list" | wc -c)
printf 'json: %d files, %d bytes\n' "$jn" "$jbytes"
printf '  %-9s %9d bytes  %8.2f MB/s (a process per file)\n' assetopt "$ao_jb" "$(echo "$jbytes / $ao_j / 1000000" | bc -l)"
if command -v node >/dev/null 2>&1; then
  t0=$(now)
  node -e '
    const fs = require("fs");
    const files = fs.readFileSync(process.argv[1], "utf8").trim().split("\n");
    const reps = +process.argv[2];
    let bytes = 0, out = 0;
    const texts = files.map(f => fs.readFileSync(f, "utf8"));
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < reps; r++)
      for (const t of texts) { const s = JSON.stringify(JSON.parse(t.replace(/^\uFEFF/, ""))); if (!r) out += Buffer.byteLength(s); }
    const s = Number(process.hrtime.bigint() - t0) / 1e9 / reps;
    for (const t of texts) bytes += Buffer.byteLength(t);
    console.log(`  node      ${String(out).padStart(9)} bytes  ${(bytes / s / 1e6).toFixed(2).padStart(8)} MB/s (parse+stringify in one warm process; rewrites numbers and escapes)`);
  ' "$tmp/json.list" "$reps"
  t1=$(now)
  printf '  node wall time with start-up, %d runs: %.3f s; assetopt: %.3f s\n' "$reps" \
    "$(echo "$t1 - $t0" | bc -l)" "$(echo "$ao_j * $reps" | bc -l)"
fi
