#!/usr/bin/env bash
# bench/gate.sh [--baseline] — what a gate job costs with no cache at all: build bbtgen-review
# with an empty GOCACHE and an empty module cache (modules downloaded from the proxy, as on a
# fresh runner), then run one gate decision against the in-memory GitHub (bench/fakegithub).
# Prints the build time, the decision time, their total and the binary's size. --baseline also
# times a cold build of the full bbtgen (which links Hugo) in the same run, for the ratio.
#
# Needs: Go and network access to the module proxy. Work files go to ${BENCH_DIR:-/tmp/bbtgen-bench}/gate.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-/tmp/bbtgen-bench}/gate
rm -rf "$WORK" && mkdir -p "$WORK"

# The fake GitHub is built with the ordinary cache: it stands for github.com, not for the job.
go build -o "$WORK/fakegithub" ./bench/fakegithub
mkfifo "$WORK/stdin"
"$WORK/fakegithub" -config config.yaml <"$WORK/stdin" >"$WORK/url" &
exec 3>"$WORK/stdin"
trap 'exec 3>&-; wait' EXIT
for _ in $(seq 50); do [ -s "$WORK/url" ] && break; sleep 0.1; done
API=$(head -n 1 "$WORK/url")

cold() { # cold OUTPUT PACKAGE → seconds
  local cache="$WORK/cache-$RANDOM"
  mkdir -p "$cache/go" "$cache/mod"
  local start end
  start=$(date +%s.%N)
  GOCACHE="$cache/go" GOMODCACHE="$cache/mod" GOFLAGS=-modcacherw go build -trimpath -o "$1" "$2"
  end=$(date +%s.%N)
  chmod -R u+w "$cache" && rm -rf "$cache"
  echo "$end - $start" | bc
}

build=$(cold "$WORK/bbtgen-review" ./cmd/bbtgen-review)
start=$(date +%s.%N)
GITHUB_API_URL="$API" GITHUB_REPOSITORY=sonoivu/website GITHUB_TOKEN=bench BBTGEN_NOW=2026-11-25T10:00:00+07:00 \
  "$WORK/bbtgen-review" review gate --pr 12 >"$WORK/gate.txt" && rc=0 || rc=$?
end=$(date +%s.%N)
decide=$(echo "$end - $start" | bc)
# Exit 0 is "mergeable" (the text is in the reader's language; the code is the contract).
[ "$rc" = 0 ] || { cat "$WORK/gate.txt"; echo "the gate did not decide 'mergeable' (exit $rc)" >&2; exit 1; }
size=$(stat -c %s "$WORK/bbtgen-review")

printf 'bbtgen-review, cold build (empty GOCACHE and module cache): %6.1f s\n' "$build"
printf 'one gate decision (6 API requests, loopback):               %6.2f s\n' "$decide"
printf 'total (goal: <= 45 s):                                      %6.1f s\n' "$(echo "$build + $decide" | bc)"
printf 'binary size: %.1f MB\n' "$(echo "$size / 1048576" | bc -l)"
if [ "${1:-}" = "--baseline" ]; then
  full=$(cold "$WORK/bbtgen" ./cmd/bbtgen)
  printf 'bbtgen (with Hugo), cold build in the same run:             %6.1f s  (%.1fx the review binary)\n' "$full" "$(echo "$full / $build" | bc -l)"
  printf 'bbtgen binary size: %.1f MB\n' "$(echo "$(stat -c %s "$WORK/bbtgen") / 1048576" | bc -l)"
fi
