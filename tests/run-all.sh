#!/bin/sh
# Runs every test suite and sums their "N passed, N failed" lines.
B=${B:-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# runs one suite, keeps its output for the totals, records a failure
run() {
  name=$1; shift
  echo "== $name"
  "$@" >"$log.out" 2>&1
  rc=$?
  cat "$log.out"
  cat "$log.out" >>"$log"
  [ $rc -eq 0 ] || { status=1; echo "== $name FAILED (exit $rc)"; }
  rm -f "$log.out"
}

run unit "$B/unit"
for r in "$B"/fuzz/*_replay; do
  [ -x "$r" ] || continue
  n=$(basename "$r" _replay)
  # seeds: tests/fuzz/corpus/NAME, plus the test data folders NAME.seeds lists
  run "fuzz replay $n" "$r" $(ls -d "tests/fuzz/corpus/$n" 2>/dev/null) $(cat "tests/fuzz/$n.seeds" 2>/dev/null)
done
run integration env AO_BIN="$B/assetopt" "${PYTHON:-python3}" tests/integration/run.py

passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
replays=$(grep -Eo 'replayed [0-9]+ inputs, [0-9]+ errors' "$log" | awk '{s+=$2; e+=$4} END {print s+0, e+0}')
set -- $replays
passed=$((passed + $1 - $2))
failed=$((failed + $2))
[ $status -eq 0 ] || [ $failed -gt 0 ] || failed=1
echo "total: $passed passed, $failed failed"
exit $status
