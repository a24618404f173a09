#!/bin/sh
# Cold and warm `assetopt build` of the corpus sites: files/s, MB/s, and for
# the warm build the ratio to sha256sum over the same files (the floor: a
# warm build must at least read and hash every file).
set -e
BIN=${AO_BIN:-build/assetopt}
CORPUS=${AO_CORPUS:-../shared/corpus}
RUNS=${BENCH_RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
# best of $RUNS wall times of a command, in seconds
best() {
  b=
  i=0
  while [ $i -lt "$RUNS" ]; do
    t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    i=$((i + 1))
  done
  echo "$b"
}

printf '%-12s %6s %9s | %9s %8s %8s | %9s %8s %9s %8s\n' site files MB \
  cold_s files/s MB/s warm_s MB/s sha256_s warm/sha
for site in "$CORPUS"/sites/*/; do
  name=$(basename "$site")
  preset=plain
  [ -d "$site/assets" ] && preset=vite
  files=$(find "$site" -type f | wc -l)
  bytes=$(find "$site" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  mb=$(echo "$bytes / 1000000" | bc -l)
  cold=$(best sh -c "rm -rf '$tmp/c' '$tmp/o'; '$BIN' build '$site' -o '$tmp/o' --preset $preset --cache-dir '$tmp/c'")
  "$BIN" build "$site" -o "$tmp/o" --preset $preset --cache-dir "$tmp/c" >/dev/null 2>&1
  warm=$(best "$BIN" build "$site" -o "$tmp/o" --preset $preset --cache-dir "$tmp/c")
  sha=$(best sh -c "find '$site' -type f -print0 | xargs -0 sha256sum")
  printf '%-12s %6d %9.2f | %9.3f %8.1f %8.2f | %9.3f %8.1f %9.3f %8.2f\n' "$name" "$files" "$mb" \
    "$cold" "$(echo "$files / $cold" | bc -l)" "$(echo "$mb / $cold" | bc -l)" \
    "$warm" "$(echo "$mb / $warm" | bc -l)" "$sha" "$(echo "$warm / $sha" | bc -l)"
done
