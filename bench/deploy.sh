#!/usr/bin/env bash
# bench/deploy.sh N — deploy the N-article build of bench/build.sh (run it first) to a fresh
# bare repository: the first deployment, an unchanged one (no commit) and one after a change
# of a single page (which leaves that page edited in the build), each timed, with the
# repository size.
set -euo pipefail
N=${1:?usage: bench/deploy.sh N}
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-/tmp/bbtgen-bench}
OUT="$WORK/out-bbtgen-$N"
[ -f "$OUT/.bbtgen-build.json" ] || { echo "run bench/build.sh $N first"; exit 1; }
go build -o "$WORK/bbtgen" ./cmd/bbtgen
REMOTE="$WORK/deploy-$N.git"
rm -rf "$REMOTE"
git init -q --bare "$REMOTE"
files=$(find "$OUT" -type f | wc -l)
t() { /usr/bin/time -f "%e s, peak RSS %M KB" "$@" 2>&1 | tail -1; }
echo "site: $files files, $(du -sh "$OUT" | cut -f1)"
echo "first deploy:     $(t "$WORK/bbtgen" deploy --dir "$OUT" --remote "$REMOTE")"
echo "unchanged deploy: $(t "$WORK/bbtgen" deploy --dir "$OUT" --remote "$REMOTE")"
page=$(find "$OUT" -name index.html | sed -n 100p)
printf '<!-- đã sửa -->' >>"$page"
echo "one page changed: $(t "$WORK/bbtgen" deploy --dir "$OUT" --remote "$REMOTE")"
echo "commits on gh-pages: $(git -C "$REMOTE" rev-list --count gh-pages); repository $(du -sh "$REMOTE" | cut -f1)"
