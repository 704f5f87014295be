#!/usr/bin/env bash
# bench/build.sh N [RUNS] — build a synthetic site of N articles with bbtgen build and with the
# hugo program v0.165.0 on the same content, layouts and settings, alternating runs, and print
# the median wall time and peak RSS of each and their ratio; then time bbtgen check alone.
#
# Needs: Go, GNU time (/usr/bin/time). Installs hugo v0.165.0 with go install when missing.
# Results go to stdout; work files to ${BENCH_DIR:-/tmp/bbtgen-bench}.
set -euo pipefail
N=${1:?usage: bench/build.sh N [RUNS]}
RUNS=${2:-5}
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-/tmp/bbtgen-bench}
SITE="$WORK/site-$N"
mkdir -p "$WORK"

HUGO=$(command -v hugo || true)
if [ -z "$HUGO" ] || ! "$HUGO" version | grep -q 'v0.165.0'; then
  GOBIN="$WORK/bin" go install github.com/gohugoio/hugo@v0.165.0
  HUGO="$WORK/bin/hugo"
fi
go build -o "$WORK/bbtgen" ./cmd/bbtgen
[ -d "$SITE" ] || go run ./bench/gensite -n "$N" -out "$SITE" -hugo

measure() { # measure OUTFILE CMD... → appends "seconds kilobytes"
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.tmp" "$@" >/dev/null 2>"$WORK/err.tmp" || { cat "$WORK/err.tmp"; exit 1; }
  cat "$WORK/time.tmp" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rm -f "$WORK/b.txt" "$WORK/h.txt" "$WORK/c.txt"
# One warm-up of each (image cache, page cache), not counted.
"$WORK/bbtgen" build --site "$SITE" --out "$WORK/out-bbtgen" >/dev/null 2>&1
(cd "$SITE" && "$HUGO" --quiet -d "$WORK/out-hugo" >/dev/null)
for i in $(seq "$RUNS"); do
  measure "$WORK/b.txt" "$WORK/bbtgen" build --site "$SITE" --out "$WORK/out-bbtgen"
  measure "$WORK/h.txt" sh -c "cd '$SITE' && '$HUGO' --quiet -d '$WORK/out-hugo'"
  measure "$WORK/c.txt" "$WORK/bbtgen" check --site "$SITE"
done
bt=$(cut -d' ' -f1 "$WORK/b.txt" | median); bm=$(cut -d' ' -f2 "$WORK/b.txt" | sort -n | tail -1)
ht=$(cut -d' ' -f1 "$WORK/h.txt" | median); hm=$(cut -d' ' -f2 "$WORK/h.txt" | sort -n | tail -1)
ct=$(cut -d' ' -f1 "$WORK/c.txt" | median); cm=$(cut -d' ' -f2 "$WORK/c.txt" | sort -n | tail -1)
pages=$(find "$WORK/out-bbtgen" -name '*.html' | wc -l); hpages=$(find "$WORK/out-hugo" -name '*.html' | wc -l)
echo "articles: $N, runs: $RUNS (alternating), html files: bbtgen $pages, hugo $hpages"
printf "bbtgen build  median %6.2fs  peak RSS %5d MB\n" "$bt" $((bm / 1024))
printf "hugo          median %6.2fs  peak RSS %5d MB\n" "$ht" $((hm / 1024))
printf "bbtgen check  median %6.2fs  peak RSS %5d MB\n" "$ct" $((cm / 1024))
awk -v b="$bt" -v h="$ht" 'BEGIN { printf "ratio bbtgen/hugo: %.2fx (target ≤ 1.25x)\n", b / h }'
