#!/bin/sh
# CSS minification: assetopt against lightningcss --minify, esbuild --minify
# and csso, each on every CSS file of the corpus, in the same run. Prints
# bytes, gzip bytes, brotli bytes (when brotli is installed) and MB/s per
# file and tool, then totals and ratios to assetopt. Never fails on timing.
set -u
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
NM=tests/node_modules
REPS=${BENCH_REPS:-5}
dir="$AO_CORPUS/css"
if [ ! -d "$dir" ]; then
  echo "bench_css: no $dir; skipping"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

# tool name -> command line that reads $1 and writes $2
run_tool() {
  case $1 in
  assetopt) "$AO_BIN" minify --type css "$2" -o "$3" ;;
  lightningcss) "$NM/.bin/lightningcss" --minify "$2" -o "$3" ;;
  esbuild) "$NM/.bin/esbuild" --minify --loader=css --log-level=error <"$2" >"$3" ;;
  csso) node -e 'const fs=require("fs");fs.writeFileSync(process.argv[2],require("csso").minify(fs.readFileSync(process.argv[1],"utf8")).css)' "$2" "$3" ;;
  esac
}

tools="assetopt"
[ -x "$NM/.bin/lightningcss" ] && tools="$tools lightningcss"
[ -x "$NM/.bin/esbuild" ] && tools="$tools esbuild"
[ -d "$NM/csso" ] && tools="$tools csso"
export NODE_PATH="$NM"
have_brotli=0
command -v brotli >/dev/null 2>&1 && have_brotli=1

printf '%-36s %-13s %9s %9s %9s %9s\n' file tool bytes gzip brotli MB/s
for f in "$dir"/*.css; do
  b=$(basename "$f")
  size=$(wc -c <"$f")
  for t in $tools; do
    out="$tmp/$t.$b"
    # best of REPS wall-clock runs (process start included for every tool)
    best=
    i=0
    while [ $i -lt "$REPS" ]; do
      t0=$(now)
      if ! run_tool "$t" "$f" "$out" 2>/dev/null; then
        best=fail
        break
      fi
      t1=$(now)
      best=$(echo "$t0 $t1 ${best:-}" | awk '{d=$2-$1; if($3=="" || d<$3) print d; else print $3}')
      i=$((i + 1))
    done
    if [ "$best" = fail ]; then
      printf '%-36s %-13s %9s\n' "$b" "$t" "failed"
      echo "$t $b fail" >>"$tmp/rows"
      continue
    fi
    bytes=$(wc -c <"$out")
    gz=$(gzip -9 -c "$out" | wc -c)
    br=-
    [ $have_brotli = 1 ] && br=$(brotli -c -q 11 "$out" | wc -c)
    mbs=$(echo "$size $best" | awk '{printf "%.1f", $1/1e6/$2}')
    printf '%-36s %-13s %9d %9d %9s %9s\n' "$b" "$t" "$bytes" "$gz" "$br" "$mbs"
    echo "$t $b $bytes $gz $br $best $size" >>"$tmp/rows"
  done
done

# totals over the files every tool handled, ratios to assetopt
echo
awk -v tools="$tools" '
  { if($3=="fail") bad[$2]=1; else { by[$1,$2]=$0; } }
  END {
    n=split(tools, T, " ")
    for(k in by) { split(k, kk, SUBSEP); files[kk[2]]=1 }
    for(t=1;t<=n;t++) { B[t]=0; G[t]=0; R[t]=0; S[t]=0; Z[t]=0 }
    for(f in files) {
      if(f in bad) continue
      for(t=1;t<=n;t++) {
        split(by[T[t],f], r, " ")
        B[t]+=r[3]; G[t]+=r[4]; R[t]+=(r[5]=="-"?0:r[5]); S[t]+=r[6]; Z[t]+=r[7]
      }
    }
    printf "%-13s %10s %10s %10s %8s %8s %8s %8s\n", "total", "bytes", "gzip", "brotli", "MB/s", "bytes/ao", "gzip/ao", "speed/ao"
    for(t=1;t<=n;t++)
      printf "%-13s %10d %10d %10d %8.1f %8.3f %8.3f %8.2f\n", T[t], B[t], G[t], R[t], Z[t]/1e6/S[t], B[t]/B[1], G[t]/G[1], (Z[t]/S[t])/(Z[1]/S[1])
    for(f in bad) printf "(left out of totals: %s, a peer failed on it)\n", f
  }' "$tmp/rows"
