#!/bin/sh
# Image recompression: assetopt image against optipng -o2, zopflipng, oxipng,
# jpegtran, jpegoptim, pngquant and cwebp on the corpus PNGs and JPEGs. One
# process per file, one at a time (single thread), for every tool. Prints
# total bytes, saving, time, images/s and MB/s, and ratios to assetopt.
# Times are CPU seconds (user+sys) of the whole loop; images/s and MB/s
# are per CPU second. Missing peers are skipped. Never fails on timing.
# BENCH_IMAGE_ONLY=png|jpeg|lossy|webp narrows the run.
AO_BIN=${AO_BIN:-build/assetopt}
AO_CORPUS=${AO_CORPUS:-../shared/corpus}
only=${BENCH_IMAGE_ONLY:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

# total bytes of the files in a folder
total() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }

# run NAME KIND CMD... : CMD gets IN and OUT as "$1" "$2" (a shell snippet)
results="$tmp/results"
: >"$results"
run() {
  name=$1; kind=$2; snippet=$3
  src="$AO_CORPUS/$kind"
  [ -d "$src" ] || return
  out="$tmp/out-$name"
  mkdir -p "$out"
  n=$(find "$src" -maxdepth 1 -type f | wc -l)
  t0=$(now)
  # CPU time (user+sys) of the whole loop, as wall time is shared
  /usr/bin/time -f "%U %S" -o "$tmp/cpu" sh -c '
    snippet=$1; src=$2; out=$3
    for f in "$src"/*; do
      b=$(basename "$f")
      sh -c "$snippet" sh "$f" "$out/$b" >/dev/null 2>&1 || cp "$f" "$out/$b"
      [ -s "$out/$b" ] || cp "$f" "$out/$b"
    done' sh "$snippet" "$src" "$out"
  t1=$(now)
  cpu=$(tail -1 "$tmp/cpu" | awk '{print $1 + $2}')
  inb=$(total "$src")
  outb=$(total "$out")
  echo "$name $kind $n $inb $outb $t0 $t1 $cpu" >>"$results"
  rm -rf "$out"
}

have() { command -v "$1" >/dev/null 2>&1; }

if [ -z "$only" ] || [ "$only" = png ]; then
  run assetopt-e2 png "\"$AO_BIN\" image -q -e 2 \"\$1\" -o \"\$2\""
  run assetopt png "\"$AO_BIN\" image -q \"\$1\" -o \"\$2\""
  run assetopt-e9 png "\"$AO_BIN\" image -q -e 9 \"\$1\" -o \"\$2\""
  have optipng && run optipng-o2 png 'optipng -quiet -o2 -strip all -out "$2" "$1"'
  # zopflipng takes minutes on the corpus: only with BENCH_IMAGE_SLOW=1
  [ -n "${BENCH_IMAGE_SLOW:-}" ] && have zopflipng &&
    run zopflipng png 'zopflipng -y "$1" "$2"'
  have oxipng && run oxipng png 'oxipng -q -o2 --strip safe --out "$2" "$1"'
fi
if [ -z "$only" ] || [ "$only" = jpeg ]; then
  run assetopt jpeg "\"$AO_BIN\" image -q \"\$1\" -o \"\$2\""
  have jpegtran && run jpegtran jpeg 'jpegtran -copy none -optimize -progressive -outfile "$2" "$1"'
  have jpegoptim && run jpegoptim jpeg 'cp "$1" "$2" && jpegoptim -q --strip-all "$2"'
fi
if [ -z "$only" ] || [ "$only" = lossy ]; then
  run assetopt-lossy png "\"$AO_BIN\" image -q --lossy --quality 80 --quality-min 65 \"\$1\" -o \"\$2\""
  have pngquant && run pngquant png 'pngquant --quality 65-80 --skip-if-larger -o "$2" "$1"'
fi
if [ -z "$only" ] || [ "$only" = webp ]; then
  run assetopt-webp png "\"$AO_BIN\" image -q \"\$1\" -o /dev/null --webp \"\$2\""
  have cwebp && run cwebp-lossless png 'cwebp -quiet -lossless -exact "$1" -o "$2"'
  run assetopt-webp jpeg "\"$AO_BIN\" image -q \"\$1\" -o /dev/null --webp \"\$2\""
  have cwebp && run cwebp-q80 jpeg 'cwebp -quiet -q 80 "$1" -o "$2"'
fi

awk '
{ name=$1; kind=$2; n=$3; inb=$4; outb=$5; wall=$7-$6; t=$8; if(t<=0)t=1e-9
  key=kind; if(name ~ /lossy|pngquant/) key="lossy"; if(name ~ /webp/) key=key "-webp"
  printf "%-16s %-5s %3d files  %10d -> %10d bytes  saved %5.1f%%  cpu %7.2f s (wall %6.2f)  %6.1f img/s  %6.2f MB/s\n",
    name, kind, n, inb, outb, 100*(inb-outb)/inb, t, wall, n/t, inb/1e6/t
  if(name ~ /^assetopt(-lossy|-webp)?$/) { base[key]=outb; bt[key]=t }
  row[NR]=key " " name " " outb " " t
}
END {
  print ""
  print "ratios to assetopt (default effort) in the same group: bytes, CPU time"
  for(i=1;i<=NR;i++) { split(row[i], f, " "); if(f[1] in base)
    printf "  %-10s %-16s bytes x%.3f  time x%.2f\n", f[1], f[2], f[3]/base[f[1]], f[4]/bt[f[1]] }
}' "$results"
