#!/usr/bin/env bash
# bench/history.sh [COMMITS] [ARTICLES] [RUNS] — make a repository whose publishing branch has
# ARTICLES publications over COMMITS commits (default 10,000 over 5,000), then time
# bbtgen royalty for one month against `git log --first-parent --name-status` on the same
# repository (the floor for reading that history), alternating runs; print medians, peak RSS
# and the ratio.
set -euo pipefail
COMMITS=${1:-5000}
ARTICLES=${2:-10000}
RUNS=${3:-5}
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-/tmp/bbtgen-bench}
REPO="$WORK/history-$COMMITS-$ARTICLES"
mkdir -p "$WORK"
go build -o "$WORK/bbtgen" ./cmd/bbtgen
if [ ! -d "$REPO" ]; then
  git init -q -b main "$REPO"
  go run ./bench/genhistory -commits "$COMMITS" -articles "$ARTICLES" | git -C "$REPO" fast-import --quiet
  git -C "$REPO" checkout -q main
  git -C "$REPO" gc -q
fi

measure() {
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.tmp" "$@" >/dev/null 2>"$WORK/err.tmp" || { cat "$WORK/err.tmp"; exit 1; }
  cat "$WORK/time.tmp" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rm -f "$WORK/r.txt" "$WORK/g.txt"
"$WORK/bbtgen" royalty --site "$REPO" --month 2026-06 >/dev/null
for i in $(seq "$RUNS"); do
  measure "$WORK/r.txt" "$WORK/bbtgen" royalty --site "$REPO" --month 2026-06
  measure "$WORK/g.txt" git -C "$REPO" log --first-parent --name-status main
done
rt=$(cut -d' ' -f1 "$WORK/r.txt" | median); rm=$(cut -d' ' -f2 "$WORK/r.txt" | sort -n | tail -1)
gt=$(cut -d' ' -f1 "$WORK/g.txt" | median); gm=$(cut -d' ' -f2 "$WORK/g.txt" | sort -n | tail -1)
lines=$("$WORK/bbtgen" royalty --site "$REPO" --month 2026-06 | grep -c '^[0-9]' || true)
echo "history: $COMMITS commits, $ARTICLES publications; June 2026 ledger: $lines lines; runs: $RUNS (alternating)"
printf "bbtgen royalty    median %6.2fs  peak RSS %5d MB\n" "$rt" $((rm / 1024))
printf "git log (floor)   median %6.2fs  peak RSS %5d MB\n" "$gt" $((gm / 1024))
awk -v r="$rt" -v g="$gt" 'BEGIN { printf "ratio royalty/git log: %.2fx (target ≤ 3x, memory < 300 MB)\n", r / g }'
