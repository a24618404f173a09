#!/bin/sh
# assetopt publish vs `aws s3 sync`, same data, same local s3rver, same run:
# a first publish and a no-change re-publish of (1) 2,000 small files plus
# 20 MB of larger ones and (2) each site of $AO_CORPUS/sites. Prints time,
# requests (counted from s3rver's request log), files/s, MB/s and ratios.
# Each figure is the best of two runs. Never fails on timing.
set -u
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S3RVER="$ROOT/tests/node_modules/.bin/s3rver"
if [ ! -x "$S3RVER" ]; then
  echo "bench_publish: s3rver missing (make test-deps); skipping"
  exit 0
fi
if ! command -v aws >/dev/null 2>&1; then
  echo "bench_publish: aws (awscli) missing; skipping"
  exit 0
fi
AO_BIN=$(cd "$(dirname "$AO_BIN")" && pwd)/$(basename "$AO_BIN")
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
[ -n "${AO_BENCH_KEEP_LOG:-}" ] && trap 'cp "$work/s3.log" "$AO_BENCH_KEEP_LOG"; cleanup' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/s3"
node --openssl-legacy-provider "$S3RVER" -d "$work/s3" -a 127.0.0.1 -p "$port" --no-vhost-buckets \
  --configure-bucket bench >"$work/s3.log" 2>&1 &
pid=$!
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
  i=$((i + 1))
  [ $i -gt 200 ] && { echo "bench_publish: s3rver did not start"; exit 0; }
  sleep 0.1
done

export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 2>/dev/null || true
ep="http://127.0.0.1:$port"

# the synthetic site: 2,000 small files (0.2-8 kB) and 20 MB in 10 files
python3 - "$work/synthetic" <<'EOF'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(7)
for i in range(2000):
    d = os.path.join(root, f"assets/{i % 20:02d}")
    os.makedirs(d, exist_ok=True)
    ext = ("js", "css", "html", "svg", "json")[i % 5]
    with open(os.path.join(d, f"file{i}.{ext}"), "wb") as f:
        f.write(rnd.randbytes(rnd.randint(200, 8000)))
os.makedirs(os.path.join(root, "media"), exist_ok=True)
for i in range(10):
    with open(os.path.join(root, f"media/big{i}.bin"), "wb") as f:
        f.write(rnd.randbytes(2_000_000))
EOF

now() { python3 -c 'import time; print(time.monotonic())'; }
# s3rver logs one line per request: "info: /path?query STATUS TIMEms SIZE"
reqs() { n=$(grep -cE ' [0-9]{3} [0-9.]+m?s ' "$work/s3.log" 2>/dev/null); echo "${n:-0}"; }

# run LABEL CMD...: prints seconds and requests
measure() {
  r0=$(reqs); t0=$(now)
  "$@" >"$work/out.log" 2>&1 || { echo "  (command failed: $*)"; tail -3 "$work/out.log"; }
  t1=$(now); sleep 0.5; r1=$(reqs)  # s3rver writes its log lines late
  echo "$(python3 -c "print(f'{$t1-$t0:.3f}')") $((r1 - r0))"
}

row() { # name files bytes ao_t ao_r aws_t aws_r
  python3 - "$@" <<'EOF'
import sys
name, files, size, at, ar, wt, wr = sys.argv[1:]
files, size, at, wt = int(files), int(size), float(at), float(wt)
mb = size / 1e6
fmt = lambda t: f"{t:7.2f}s {files / t:7.0f} files/s {mb / t:6.1f} MB/s" if t > 0 else "-"
print(f"  {name:<28} assetopt {fmt(at)} {ar:>5} req | aws s3 sync {fmt(wt)} {wr:>5} req"
      f" | ratio {wt / at if at > 0 else 0:5.1f}x")
EOF
}

min2() { python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(min(a, b))" "$1" "$2"; }

bench_one() { # name dir prefix; each figure is the best of two runs, the
  # order of the tools alternating, first publishes to fresh prefixes
  name=$1 dir=$2 pre=$3
  files=$(find "$dir" -type f | wc -l)
  size=$(find "$dir" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  ao() { measure "$AO_BIN" publish "$dir" --to "s3://bench/ao-$pre-$1" --endpoint "$ep" -q; }
  aw() { measure aws s3 sync "$dir" "s3://bench/aws-$pre-$1" --endpoint-url "$ep" --only-show-errors; }
  set -- $(ao 1); a1t=$1 a1r=$2
  set -- $(aw 1); w1t=$1 w1r=$2
  set -- $(aw 2); w1t=$(min2 "$w1t" "$1")
  set -- $(ao 2); a1t=$(min2 "$a1t" "$1")
  set -- $(aw 1); w2t=$1 w2r=$2
  set -- $(ao 1); a2t=$1 a2r=$2
  set -- $(ao 2); a2t=$(min2 "$a2t" "$1")
  set -- $(aw 2); w2t=$(min2 "$w2t" "$1")
  echo "$name: $files files, $size bytes"
  row "first publish" "$files" "$size" "$a1t" "$a1r" "$w1t" "$w1r"
  row "no-change re-publish" "$files" "$size" "$a2t" "$a2r" "$w2t" "$w2r"
}

# warm the server up (node's JIT) so that neither tool pays for it
mkdir -p "$work/warm"
i=0
while [ $i -lt 200 ]; do echo "warm $i" >"$work/warm/w$i.txt"; i=$((i + 1)); done
aws s3 sync "$work/warm" s3://bench/warm-aws --endpoint-url "$ep" --only-show-errors >/dev/null 2>&1
"$AO_BIN" publish "$work/warm" --to s3://bench/warm-ao --endpoint "$ep" -q >/dev/null 2>&1

echo "publish to s3rver on 127.0.0.1 (assetopt -j 16 vs aws s3 sync, default concurrency 10)"
bench_one synthetic "$work/synthetic" synthetic
if [ -d "$AO_CORPUS/sites" ]; then
  for s in "$AO_CORPUS"/sites/*/; do
    n=$(basename "$s")
    bench_one "corpus/$n" "$s" "$n"
  done
fi
exit 0
