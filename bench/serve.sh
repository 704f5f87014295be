#!/usr/bin/env bash
# bench/serve.sh N [RUNS] — how long an author waits to see an edit: the time from saving an
# article to the served page containing the new text, for bbtgen serve and for the hugo
# program's server (v0.165.0, partial rebuilds) on the same synthetic site of N articles, in
# the same run. Each server is started in turn; the page is fetched once, as an open browser
# tab would have it; then the article is saved RUNS times with a new sentence, and after each
# save the page is fetched over HTTP until it shows that sentence. Prints the median of each,
# their ratio, and how long each took to serve the first page.
#
# Needs: Go, curl. Installs hugo v0.165.0 with go install when missing. Work files go to
# ${BENCH_DIR:-/tmp/bbtgen-bench}; the article is restored at the end.
set -euo pipefail
N=${1:?usage: bench/serve.sh N [RUNS]}
RUNS=${2:-5}
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-/tmp/bbtgen-bench}
SITE="$WORK/site-$N"
mkdir -p "$WORK"

HUGO=$(command -v hugo || true)
if [ -z "$HUGO" ] || ! "$HUGO" version | grep -q 'v0.165.0'; then
  [ -x "$WORK/bin/hugo" ] || GOBIN="$WORK/bin" go install github.com/gohugoio/hugo@v0.165.0
  HUGO="$WORK/bin/hugo"
fi
go build -o "$WORK/bbtgen" ./cmd/bbtgen
[ -d "$SITE" ] || go run ./bench/gensite -n "$N" -out "$SITE" -hugo
rm -rf "$SITE/layouts" "$SITE/assets" && cp -r layouts assets "$SITE/"

# The article edited: the first one of the first news category, and its address.
FILE=$(find "$SITE/content/tin-hoat-dong" -name '*.md' ! -name '_index.md' | LC_ALL=C sort | sed -n 1p)
SLUG=$(awk '/^slug: / { print $2; exit }' "$FILE")
REL=${FILE#"$SITE/content/"}
PAGE_PATH="/$(dirname "$REL")/${SLUG:-$(basename "$REL" .md)}/"
cp "$FILE" "$WORK/article.orig"
PID=
cleanup() {
  cp "$WORK/article.orig" "$FILE"
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.3f\n", a - b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME PORT CMD... — starts a server, waits for the page, times RUNS edits.
measure() {
  local name=$1 port=$2; shift 2
  local url="http://localhost:$port$PAGE_PATH" start i marker t0
  cp "$WORK/article.orig" "$FILE"
  start=$(now)
  "$@" >"$WORK/serve-$name.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve-$name.log"; exit 1; }
    sleep 0.2
  done
  since "$start" >"$WORK/first-$name.txt"
  sleep 1
  : >"$WORK/edit-$name.txt"
  for i in $(seq "$RUNS"); do
    marker="Câu sửa số $i của $name, lúc $(date +%H%M%S%N)."
    t0=$(now)
    { cat "$WORK/article.orig"; printf '\n%s\n' "$marker"; } >"$FILE"
    until curl -s "$url" | grep -qF "$marker"; do
      sleep 0.02
      if awk -v s="$(since "$t0")" 'BEGIN { exit !(s > 120) }'; then echo "$name: the edit did not show in 120 s" >&2; exit 1; fi
    done
    since "$t0" >>"$WORK/edit-$name.txt"
    sleep 1 # let the server settle before the next save
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

echo "load before: $(uptime)"
measure bbtgen 18131 "$WORK/bbtgen" serve --site "$SITE" --port 18131
measure hugo 18132 sh -c "cd '$SITE' && exec '$HUGO' server --bind 127.0.0.1 --port 18132 --baseURL http://localhost:18132/"
echo "load after:  $(uptime)"

bt=$(median <"$WORK/edit-bbtgen.txt"); ht=$(median <"$WORK/edit-hugo.txt")
echo "articles: $N, edits: $RUNS of $REL"
printf "bbtgen serve  save→visible median %6.2fs  (%s)  first page after %6.1fs\n" "$bt" "$(tr '\n' ' ' <"$WORK/edit-bbtgen.txt" | xargs printf '%.2f ')" "$(cat "$WORK/first-bbtgen.txt")"
printf "hugo server   save→visible median %6.2fs  (%s)  first page after %6.1fs\n" "$ht" "$(tr '\n' ' ' <"$WORK/edit-hugo.txt" | xargs printf '%.2f ')" "$(cat "$WORK/first-hugo.txt")"
awk -v b="$bt" -v h="$ht" 'BEGIN { printf "ratio bbtgen/hugo: %.2fx (target ≤ 1.3x and ≤ 2 s)\n", b / h }'
