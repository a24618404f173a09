#!/bin/sh
# assetopt check vs size-limit (npm) on the same budget: the JavaScript of
# each corpus site summed and gzipped, 500 kB. Prints the sizes each tool
# measured and the time each took (best of 3), then the time of
# `assetopt report` alone. Never fails on timing.
set -u
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
ROOT=$(pwd)
NM="$ROOT/tests/node_modules"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ms() { date +%s%N | awk '{printf "%.0f", $1 / 1000000}'; }

# best of 3 wall-clock milliseconds of "$@" (output to $tmp/out)
best_ms() {
  best=
  for _ in 1 2 3; do
    t0=$(now_ms)
    "$@" >"$tmp/out" 2>"$tmp/err"
    t=$(( $(now_ms) - t0 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}

have_sl=0
if [ -x "$NM/.bin/size-limit" ] && [ -d "$NM/@size-limit/file" ]; then
  have_sl=1
else
  echo "bench_check: size-limit not installed (make test-deps); timing assetopt alone"
fi

printf '%-12s %-18s %12s %12s %10s %10s %7s\n' site glob "assetopt gz" "size-limit gz" "ao ms" "sl ms" ratio
for site in static-docs vite-react; do
  dir="$AO_CORPUS/sites/$site"
  [ -d "$dir" ] || continue
  case $site in
    static-docs) glob="js/*.js" ;;
    vite-react) glob="assets/*.js" ;;
  esac
  # assetopt works on a folder; size-limit on paths: the same files
  cat >"$tmp/ao.json" <<JSON
{ "budgets": { "files": { "$glob": { "max": "500 kB", "sum": true } } } }
JSON
  ao_ms=$(best_ms "$AO_BIN" check "$dir" --config "$tmp/ao.json" --format json)
  ao_gz=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([r["actual"] for r in d["results"] if r["rule"].endswith("total (gzip)")][0])' "$tmp/out")
  sl_gz=- sl_ms=- ratio=-
  if [ $have_sl = 1 ]; then
    mkdir -p "$tmp/sl-$site"
    ln -sfn "$NM" "$tmp/sl-$site/node_modules"
    cat >"$tmp/sl-$site/package.json" <<JSON
{ "name": "bench", "private": true,
  "devDependencies": { "size-limit": "*", "@size-limit/file": "*" } }
JSON
    cat >"$tmp/sl-$site/.size-limit.json" <<JSON
[ { "name": "$site", "path": "$dir/$glob", "limit": "500 kB", "gzip": true } ]
JSON
    sl_ms=$(cd "$tmp/sl-$site" && best_ms "$NM/.bin/size-limit" --json)
    sl_gz=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["size"])' "$tmp/out" 2>/dev/null || echo "?")
    ratio=$(awk -v a="$ao_ms" -v b="$sl_ms" 'BEGIN { if (a > 0) printf "%.1fx", b / a; else print "-" }')
  fi
  printf '%-12s %-18s %12s %12s %10s %10s %7s\n' "$site" "$glob" "$ao_gz" "$sl_gz" "$ao_ms" "$sl_ms" "$ratio"
done

echo
printf '%-12s %10s %10s %14s\n' site files "report ms" "report --html"
for site in static-docs vite-react; do
  dir="$AO_CORPUS/sites/$site"
  [ -d "$dir" ] || continue
  r_ms=$(best_ms "$AO_BIN" report "$dir" --no-budget)
  n=$(find "$dir" -type f | wc -l)
  h_ms=$(best_ms "$AO_BIN" report "$dir" --no-budget --html "$tmp/r.html")
  printf '%-12s %10s %10s %14s\n' "$site" "$n" "$r_ms" "$h_ms"
done
exit 0
