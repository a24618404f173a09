#!/bin/sh
# make bench: runs every tests/bench/bench_*.sh (or those whose name contains
# $1). Benchmarks compare assetopt with its peers in the same run and print
# ratios; they never fail on timing. Without ../shared/corpus they skip.
B=${B:-build}
export B
export AO_BIN="${AO_BIN:-$B/assetopt}"
export AO_CORPUS="${AO_CORPUS:-../shared/corpus}"
if [ ! -d "$AO_CORPUS" ]; then
  echo "bench: no corpus at $AO_CORPUS; skipping"
  exit 0
fi
status=0
for s in tests/bench/bench_*.sh; do
  [ -f "$s" ] || continue
  case "$s" in *"${1:-}"*) ;; *) continue ;; esac
  echo "== $s"
  sh "$s" || status=1
done
exit $status
