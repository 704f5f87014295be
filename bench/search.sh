#!/usr/bin/env bash
# bench/search.sh N — site search on a synthetic site of N articles (bench/gensite): bbtgen's
# own search against Pagefind 1.6.0 on the same built site.
#
# Prints, as Markdown tables: the build time of bbtgen build (which writes its index) and of
# the hugo program on the same site, and Pagefind's indexing time on top; the size of each
# index; then, for a fixed list of queries, measured in Chromium with the site served over
# HTTP/2 with gzip (bench/searchbench): results found, whether a document number finds its
# document first, requests and kilobytes sent (counted by the server: Pagefind fetches through
# a web worker), and the time from query to results shown — on localhost, and with a slower
# network (NET_RTT round trip, NET_KBPS kbit/s).
#
# Needs: Go, npm, Chromium (CHROMIUM, default chromium), GNU time. Installs hugo v0.165.0 with
# go install and pagefind@1.6.0 with npm into the work folder when missing.
# Work files go to ${BENCH_DIR:-/tmp/bbtgen-bench}/search-N; RUNS (default 1) timed builds.
set -euo pipefail
N=${1:?usage: bench/search.sh N}
RUNS=${RUNS:-1}
NET_RTT=${NET_RTT:-80ms}
NET_KBPS=${NET_KBPS:-8000}
cd "$(dirname "$0")/.."
BASE=${BENCH_DIR:-/tmp/bbtgen-bench}
WORK="$BASE/search-$N"
SITE="$WORK/site"
OUT="$WORK/out"
mkdir -p "$WORK"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "Chromium is not installed (apt-get install chromium)" >&2; exit 2; }

HUGO=$(command -v hugo || true)
if [ -z "$HUGO" ] || ! "$HUGO" version | grep -q 'v0.165.0'; then
  HUGO="$BASE/bin/hugo"
  [ -x "$HUGO" ] && "$HUGO" version | grep -q 'v0.165.0' || GOBIN="$BASE/bin" go install github.com/gohugoio/hugo@v0.165.0
fi
PAGEFIND="$BASE/pagefind/node_modules/.bin/pagefind"
[ -x "$PAGEFIND" ] || npm install --prefix "$BASE/pagefind" --no-audit --no-fund pagefind@1.6.0 >&2
go build -o "$WORK/bbtgen" ./cmd/bbtgen
go build -o "$WORK/searchbench" ./bench/searchbench
[ -d "$SITE" ] || go run ./bench/gensite -n "$N" -out "$SITE" -hugo
rm -rf "$SITE/layouts" "$SITE/assets" && cp -r layouts assets "$SITE/"

measure() { # measure OUTFILE CMD... → appends "seconds kilobytes"
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.tmp" "$@" >/dev/null 2>"$WORK/err.tmp" || { cat "$WORK/err.tmp" >&2; exit 1; }
  cat "$WORK/time.tmp" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rm -f "$WORK/b.txt" "$WORK/h.txt" "$WORK/p.txt"
# One warm-up of each, not counted.
"$WORK/bbtgen" build --site "$SITE" --out "$OUT" >/dev/null 2>&1
(cd "$SITE" && "$HUGO" --quiet -d "$WORK/out-hugo" >/dev/null)
for i in $(seq "$RUNS"); do
  measure "$WORK/b.txt" "$WORK/bbtgen" build --site "$SITE" --out "$OUT"
  measure "$WORK/h.txt" sh -c "cd '$SITE' && '$HUGO' --quiet -d '$WORK/out-hugo'"
  # Pagefind indexes the articles (not the lists) of the same pages, from their <article>.
  rm -rf "$OUT/pagefind"
  measure "$WORK/p.txt" "$PAGEFIND" --site "$OUT" --glob '*/20*/*/index.html' --root-selector article --quiet
done
bt=$(cut -d' ' -f1 "$WORK/b.txt" | median); ht=$(cut -d' ' -f1 "$WORK/h.txt" | median); pt=$(cut -d' ' -f1 "$WORK/p.txt" | median)
read -r bf braw bgz < <("$WORK/searchbench" size "$OUT/tim-kiem/chi-muc")
read -r pf praw pgz < <("$WORK/searchbench" size "$OUT/pagefind")
jsraw=$(cat "$OUT"/js/search.*.js | wc -c); jsgz=$(cat "$OUT"/js/search.*.js | gzip -9 | wc -c)

echo "## Search on $N articles"
echo
echo "| | time | index files | index size | index gzip |"
echo "|---|---:|---:|---:|---:|"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
printf "| bbtgen build (Hugo + checks + search index) | %.2f s | %d | %s MB | %s MB |\n" "$bt" "$bf" "$(mb "$braw")" "$(mb "$bgz")"
printf "| hugo (same site, no index) | %.2f s | | | |\n" "$ht"
printf "| Pagefind 1.6.0 on the built site | %.2f s | %d | %s MB | (compressed by Pagefind) |\n" "$pt" "$pf" "$(mb "$praw")"
echo
awk -v b="$bt" -v h="$ht" -v p="$pt" 'BEGIN { printf "bbtgen build / hugo: %.2fx; hugo + Pagefind / hugo: %.2fx. ", b / h, (h + p) / h }'
echo "bbtgen's search script: $jsraw bytes, $jsgz gzip."
"$WORK/searchbench" run -site "$OUT" -content "$SITE/content" -chromium "$CHROMIUM"
"$WORK/searchbench" run -site "$OUT" -content "$SITE/content" -chromium "$CHROMIUM" -rtt "$NET_RTT" -kbps "$NET_KBPS"
