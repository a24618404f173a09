#!/bin/sh
# HTML minification: assetopt vs html-minifier-terser (collapseWhitespace,
# removeComments, minifyCSS, minifyJS, removeRedundantAttributes), over
# $AO_CORPUS/html. Prints bytes, gzip -9 and brotli (quality 11, node's zlib)
# bytes and MB/s per tool, and the ratios. Inline scripts at JS level "all"
# (minifyJS runs terser, which renames too). html-minifier-terser is timed inside one node process (its startup
# excluded); assetopt in one process for all files (--outdir), its start included. Both wall-clock and
# CPU time (user+sys) are given: CPU time holds up on a busy machine. Never
# fails on time.
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
import glob, gzip, json, os, resource, subprocess, tempfile, time

ao, d, reps = os.environ["AO_BIN"], os.environ["DIR"], int(os.environ["REPS"])
files = sorted(os.path.abspath(f) for f in glob.glob(os.path.join(d, "*.htm*")))
orig = {f: open(f, "rb").read() for f in files}
total = sum(map(len, orig.values()))
tmp = tempfile.mkdtemp(prefix="bench-html-")

def gz(b):
    return len(gzip.compress(b, 9))

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

# assetopt: best of REPS over all files
best = best_cpu = None
for _ in range(reps):
    t, c = time.perf_counter(), cpu()
    # one process for all files (--outdir), start-up included
    subprocess.run([ao, "minify", "-q", "--minify", "all", "--outdir",
                    os.path.join(tmp, "ao"), *files], check=True)
    dt, dc = time.perf_counter() - t, cpu() - c
    best = dt if best is None else min(best, dt)
    best_cpu = dc if best_cpu is None else min(best_cpu, dc)
ao_out = [open(os.path.join(tmp, "ao", os.path.basename(f)), "rb").read() for f in files]
ao_t, ao_c = best, max(best_cpu, 1e-6)

js = r"""
const { minify } = require('html-minifier-terser');
const fs = require('fs');
const [out, reps, ...files] = process.argv.slice(1);
const opts = { collapseWhitespace: true, removeComments: true, minifyCSS: true,
               minifyJS: true, removeRedundantAttributes: true };
(async () => {
  let best = Infinity, bestCpu = Infinity;
  const res = [];
  for (let r = 0; r < +reps; r++) {
    const t = process.hrtime.bigint(), c = process.cpuUsage();
    for (let i = 0; i < files.length; i++)
      res[i] = await minify(fs.readFileSync(files[i], 'utf8'), opts);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    const u = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (u.user + u.system) / 1e6);
  }
  res.forEach((s, i) => fs.writeFileSync(out + '/' + i + '.hmt', s));
  /* the same without inline CSS/JS minification, for reference */
  for (let i = 0; i < files.length; i++)
    fs.writeFileSync(out + '/' + i + '.hmt-nocode', await minify(
      fs.readFileSync(files[i], 'utf8'), { ...opts, minifyCSS: false, minifyJS: false }));
  console.log(best, bestCpu);
})();
"""
p = subprocess.run(["node", "-e", js, tmp, str(reps), *files], cwd="tests",
                   capture_output=True, text=True)
if p.returncode:
    print("bench_html: html-minifier-terser failed:", p.stderr[-400:])
    raise SystemExit(0)
hmt_t, hmt_c = map(float, p.stdout.strip().splitlines()[-1].split())
hmt_out = [open(os.path.join(tmp, "%d.hmt" % i), "rb").read() for i in range(len(files))]

print("%-34s %10s %10s %10s %8s %8s" % ("file", "original", "assetopt", "html-min-t", "ao/hmt", "gz ao/hmt"))
for i, f in enumerate(files):
    a, h = ao_out[i], hmt_out[i]
    print("%-34s %10d %10d %10d %8.3f %8.3f" % (os.path.basename(f)[:34], len(orig[f]), len(a), len(h),
          len(a) / len(h), gz(a) / gz(h)))
def brotli_sizes(paths):
    js = ("const z=require('zlib'),fs=require('fs');"
          "console.log(JSON.stringify(process.argv.slice(1).map(f=>z.brotliCompressSync("
          "fs.readFileSync(f),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)))")
    return json.loads(subprocess.run(["node", "-e", js, *paths], capture_output=True,
                                     text=True, check=True).stdout)

BO = sum(brotli_sizes(files))
BA = sum(brotli_sizes([os.path.join(tmp, "ao", os.path.basename(f)) for f in files]))
BH = sum(brotli_sizes([os.path.join(tmp, "%d.hmt" % i) for i in range(len(files))]))
A, H = sum(map(len, ao_out)), sum(map(len, hmt_out))
GA, GH = sum(map(gz, ao_out)), sum(map(gz, hmt_out))
GO = sum(map(gz, orig.values()))
mb = total / 1e6
print("%-34s %10d %10d %10d %8.3f %8.3f" % ("TOTAL bytes", total, A, H, A / H, GA / GH))
print("%-34s %10d %10d %10d %8s %8.3f" % ("TOTAL gzip -9", GO, GA, GH, "", GA / GH))
HN = sum(os.path.getsize(os.path.join(tmp, "%d.hmt-nocode" % i)) for i in range(len(files)))
print("%-34s %10s %10d %10d %8.3f" % ("TOTAL bytes, no inline CSS/JS min.", "", A, HN, A / HN))
print("%-34s %10d %10d %10d %8s %8.3f" % ("TOTAL brotli -q11", BO, BA, BH, "", BA / BH))
print("throughput MB/s (wall): assetopt %.1f (one process, --outdir), html-minifier-terser %.1f "
      "(in-process); ratio %.1fx" % (mb / ao_t, mb / hmt_t, hmt_t / ao_t))
print("throughput MB/s (CPU):  assetopt %.1f, html-minifier-terser %.1f; ratio %.1fx"
      % (mb / ao_c, mb / hmt_c, hmt_c / ao_c))
EOF
