#!/bin/sh
# CSS minification: assetopt against lightningcss --minify, esbuild --minify
# and csso, on every CSS file of the corpus, in the same run. Prints bytes,
# gzip -9 bytes and brotli -q 11 bytes (when brotli is installed) per file
# and tool, totals over the files every tool handled with ratios to
# assetopt, and throughput: CPU seconds (user + system, so a busy machine
# does not distort it) for BENCH_REPS passes over the corpus, with process
# start included and with it subtracted (the same runs on an empty file).
# Never fails on timing.
set -u
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
NM=tests/node_modules
REPS=${BENCH_REPS:-3}
dir="$AO_CORPUS/css"
if [ ! -d "$dir" ]; then
  echo "bench_css: no $dir; skipping"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NODE_PATH="$NM"

# tool name, input, output
run_tool() {
  case $1 in
  assetopt) "$AO_BIN" minify --type css "$2" -o "$3" ;;
  lightningcss) "$NM/.bin/lightningcss" --minify "$2" -o "$3" ;;
  esbuild) "$NM/.bin/esbuild" --minify --log-level=error "$2" --outfile="$3" ;;
  csso) node -e 'const fs=require("fs");fs.writeFileSync(process.argv[2],require("csso").minify(fs.readFileSync(process.argv[1],"utf8")).css)' "$2" "$3" ;;
  esac
}

tools="assetopt"
[ -x "$NM/.bin/lightningcss" ] && tools="$tools lightningcss"
[ -x "$NM/.bin/esbuild" ] && tools="$tools esbuild"
[ -d "$NM/csso" ] && tools="$tools csso"
have_brotli=0
command -v brotli >/dev/null 2>&1 && have_brotli=1

printf '%-36s %-13s %9s %9s %9s\n' file tool bytes gzip brotli
for f in "$dir"/*.css; do
  b=$(basename "$f")
  for t in $tools; do
    out="$tmp/$t.$b"
    if ! run_tool "$t" "$f" "$out" >/dev/null 2>&1; then
      printf '%-36s %-13s %9s\n' "$b" "$t" "failed"
      echo "$t $b fail" >>"$tmp/rows"
      continue
    fi
    echo "$f" >>"$tmp/ok.$t"
    bytes=$(wc -c <"$out")
    gz=$(gzip -9 -c "$out" | wc -c)
    br=-
    [ $have_brotli = 1 ] && br=$(brotli -c -q 11 "$out" | wc -c)
    printf '%-36s %-13s %9d %9d %9s\n' "$b" "$t" "$bytes" "$gz" "$br"
    echo "$t $b $bytes $gz $br" >>"$tmp/rows"
  done
done

echo
awk -v tools="$tools" '
  { if($3=="fail") bad[$2]=1; else { by[$1,$2]=$0; files[$2]=1 } }
  END {
    n=split(tools, T, " ")
    for(f in files) {
      if(f in bad) continue
      for(t=1;t<=n;t++) {
        split(by[T[t],f], r, " ")
        B[t]+=r[3]; G[t]+=r[4]; R[t]+=(r[5]=="-"?0:r[5])
      }
    }
    printf "%-13s %10s %10s %10s %9s %9s %9s\n", "total", "bytes", "gzip", "brotli", "bytes/ao", "gzip/ao", "brotli/ao"
    for(t=1;t<=n;t++)
      printf "%-13s %10d %10d %10d %9.3f %9.3f %9.3f\n", T[t], B[t], G[t], R[t], B[t]/B[1], G[t]/G[1], (R[1]?R[t]/R[1]:0)
    for(f in bad) printf "(not in the totals: %s, a tool failed on it)\n", f
  }' "$tmp/rows"

echo
# Throughput twice: CPU time of the whole loop (process start included),
# and the same loop over an empty stylesheet subtracted (what is left is
# the minification itself; every tool gets the same treatment).
printf '/**/\n' >"$tmp/empty.css"
printf '%-13s %12s %10s %10s %10s %12s\n' throughput "input MB" "cpu s" "MB/s" "start s" "MB/s-start"
for t in $tools; do
  [ -f "$tmp/ok.$t" ] || continue
  mb=$(cat "$tmp/ok.$t" | xargs cat | wc -c | awk -v r="$REPS" '{print $1*r/1e6}')
  for what in corpus empty; do
    # one script running the tool REPS times over its files, timed as a whole
    {
      i=0
      while [ $i -lt "$REPS" ]; do
        while read -r f; do
          [ $what = empty ] && f="$tmp/empty.css"
          case $t in
          assetopt) echo "'$AO_BIN' minify --type css '$f' -o '$tmp/x.css'" ;;
          lightningcss) echo "'$NM/.bin/lightningcss' --minify '$f' -o '$tmp/x.css'" ;;
          esbuild) echo "'$NM/.bin/esbuild' --minify --log-level=error '$f' --outfile='$tmp/x.css'" ;;
          csso) echo "node -e 'const fs=require(\"fs\");fs.writeFileSync(process.argv[2],require(\"csso\").minify(fs.readFileSync(process.argv[1],\"utf8\")).css)' '$f' '$tmp/x.css'" ;;
          esac
        done <"$tmp/ok.$t"
        i=$((i + 1))
      done
    } >"$tmp/loop.sh"
    /usr/bin/time -f '%U %S' -o "$tmp/cpu.$what" sh "$tmp/loop.sh" >/dev/null 2>&1
  done
  cpu=$(awk '{print $1+$2}' "$tmp/cpu.corpus" 2>/dev/null)
  start=$(awk '{print $1+$2}' "$tmp/cpu.empty" 2>/dev/null)
  printf '%-13s %12.1f %10.2f %10.1f %10.2f %12.1f\n' "$t" "$mb" "$cpu" \
    "$(echo "$mb $cpu" | awk '{print ($2>0)?$1/$2:0}')" "$start" \
    "$(echo "$mb $cpu $start" | awk '{print ($2>$3)?$1/($2-$3):0}')"
done
