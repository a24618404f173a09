#!/bin/sh
# HTML minification: assetopt vs html-minifier-terser (collapseWhitespace,
# removeComments, minifyCSS, minifyJS, removeRedundantAttributes), over
# $AO_CORPUS/html. Prints bytes, gzip -9 bytes and MB/s per tool, and the
# ratios. html-minifier-terser is timed inside one node process (its startup
# excluded); assetopt per file, process start included. Never fails on time.
set -e
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
dir="$AO_CORPUS/html"
if [ ! -d "$dir" ]; then
  echo "bench_html: no $dir; skipping"
  exit 0
fi
if [ ! -d tests/node_modules/html-minifier-terser ]; then
  echo "bench_html: html-minifier-terser missing (make test-deps); skipping"
  exit 0
fi
REPS=${REPS:-3} AO_BIN="$AO_BIN" DIR="$dir" python3 - <<'EOF'
import glob, gzip, json, os, subprocess, tempfile, time

ao, d, reps = os.environ["AO_BIN"], os.environ["DIR"], int(os.environ["REPS"])
files = sorted(os.path.abspath(f) for f in glob.glob(os.path.join(d, "*.htm*")))
orig = {f: open(f, "rb").read() for f in files}
total = sum(map(len, orig.values()))
tmp = tempfile.mkdtemp(prefix="bench-html-")

def gz(b):
    return len(gzip.compress(b, 9))

# assetopt: best of REPS over all files
best = None
for _ in range(reps):
    t = time.perf_counter()
    for i, f in enumerate(files):
        subprocess.run([ao, "minify", "-q", f], check=True, stdout=open(os.path.join(tmp, "%d.ao" % i), "wb"))
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
ao_out = [open(os.path.join(tmp, "%d.ao" % i), "rb").read() for i in range(len(files))]
ao_t = best

js = r"""
const { minify } = require('html-minifier-terser');
const fs = require('fs');
const [out, reps, ...files] = process.argv.slice(1);
const opts = { collapseWhitespace: true, removeComments: true, minifyCSS: true,
               minifyJS: true, removeRedundantAttributes: true };
(async () => {
  let best = Infinity;
  const res = [];
  for (let r = 0; r < +reps; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < files.length; i++)
      res[i] = await minify(fs.readFileSync(files[i], 'utf8'), opts);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  res.forEach((s, i) => fs.writeFileSync(out + '/' + i + '.hmt', s));
  console.log(best);
})();
"""
p = subprocess.run(["node", "-e", js, tmp, str(reps), *files], cwd="tests",
                   capture_output=True, text=True)
if p.returncode:
    print("bench_html: html-minifier-terser failed:", p.stderr[-400:])
    raise SystemExit(0)
hmt_t = float(p.stdout.strip().splitlines()[-1])
hmt_out = [open(os.path.join(tmp, "%d.hmt" % i), "rb").read() for i in range(len(files))]

print("%-34s %10s %10s %10s %8s %8s" % ("file", "original", "assetopt", "html-min-t", "ao/hmt", "gz ao/hmt"))
for i, f in enumerate(files):
    a, h = ao_out[i], hmt_out[i]
    print("%-34s %10d %10d %10d %8.3f %8.3f" % (os.path.basename(f)[:34], len(orig[f]), len(a), len(h),
          len(a) / len(h), gz(a) / gz(h)))
A, H = sum(map(len, ao_out)), sum(map(len, hmt_out))
GA, GH = sum(map(gz, ao_out)), sum(map(gz, hmt_out))
GO = sum(map(gz, orig.values()))
mb = total / 1e6
print("%-34s %10d %10d %10d %8.3f %8.3f" % ("TOTAL bytes", total, A, H, A / H, GA / GH))
print("%-34s %10d %10d %10d" % ("TOTAL gzip -9", GO, GA, GH))
print("throughput MB/s: assetopt %.1f (per-file processes), html-minifier-terser %.1f (in-process); "
      "speed ratio %.1fx" % (mb / ao_t, mb / hmt_t, hmt_t / ao_t))
EOF
