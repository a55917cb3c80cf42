#!/usr/bin/env bash
# Regression guard: a short benchmark (under 3 minutes) that catches a large slowdown of the shop's
# hot paths without trusting absolute times, which shared machines make noisy.
#
# Usage: bench/guard.sh            (after ./mvnw verify or package: it runs target/boucle-*.jar)
#   BENCH_SECONDS=8                 each scenario's duration, after BENCH_WARMUP=15 seconds of warm-up
#   BENCH_GUARD_FACTOR=3            fail when a scenario is this many times slower, relative to the reference
#   BENCH_GUARD_WRITE=1             write the measured ratios as the new baseline (bench/guard-baseline.tsv)
#
# Starts the packaged application on a new data directory (embedded PostgreSQL, demo shop), then runs
# wrk (8 connections, 2 threads) on each scenario in turn: a static stylesheet (the reference: the
# web stack alone, no application code or database), product pages, category pages, searches, and
# cart creations through the store API. Each scenario's requests per second are divided by the
# reference's of the same run; a ratio below the baseline's divided by BENCH_GUARD_FACTOR fails the
# run (exit 1). Errors (non-2xx answers, time-outs) fail it too. .ci/run calls it after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds="${BENCH_SECONDS:-8}"
warmup="${BENCH_WARMUP:-15}"
factor="${BENCH_GUARD_FACTOR:-3}"
port="${BENCH_PORT:-18184}"
base="http://127.0.0.1:$port"
baseline=bench/guard-baseline.tsv

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else sudo apt-get install -y -qq wrk >/dev/null || { sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; }
  fi
fi
bench_require_jdk
jar=$(ls target/boucle-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
[ -n "$jar" ] || { echo "no target/boucle-*.jar: run ./mvnw verify (or package) first" >&2; exit 2; }

work="$(mktemp -d)"
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
echo "== starting $jar on port $port"
BOUCLE_DATA_DIR="$work/data" BOUCLE_PORT=$port "$bench_java" -jar "$jar" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 240); do
  curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  kill -0 "$app" 2>/dev/null || { tail -n 40 "$work/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/actuator/health" | grep -q '"status":"UP"' || { tail -n 40 "$work/app.log" >&2; echo "not healthy" >&2; exit 1; }

curl -fsS "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -E 's#</?loc>##g; s#^https?://[^/]*##' >"$work/sitemap"
grep '^/p/' "$work/sitemap" >"$work/product"
grep '^/c/' "$work/sitemap" >"$work/category"
printf '%s\n' '/recherche?q=velo' '/recherche?q=laine+merinos' '/recherche?q=theiere' '/recherche?q=chausure' >"$work/search"
curl -fsS "$base/" | grep -o 'href="/css/[^"]*\.css"' | head -1 | sed 's/href="//; s/"$//' >"$work/reference"
[ -s "$work/reference" ] && [ -s "$work/product" ] && [ -s "$work/category" ] || { echo "no stylesheet, product or category to ask for" >&2; exit 1; }
cat "$work/product" "$work/category" "$work/search" >"$work/all"

wrk_paths() { wrk -t2 -c8 -d"$2"s --timeout 5s --latency -H 'Accept-Encoding: gzip' -s bench/paths.lua "$base/" -- "$1"; }
wrk_cart() { wrk -t2 -c8 -d"$1"s --timeout 5s --latency -s bench/cart.lua "$base/api/v1/carts"; }

echo "== warm-up: ${warmup}s"
wrk_paths "$work/all" $((warmup * 2 / 3)) >/dev/null
wrk_cart $((warmup / 3)) >/dev/null

# scenario -> "requests/s|p99 ms|errors"
declare -A measured
measure() {
  local name=$1 out line
  shift
  out=$("$@")
  line=$(echo "$out" | grep '^RESULT')
  get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  measured[$name]="$(awk -v n="$(get requests)" -v us="$(get duration_us)" 'BEGIN {printf "%.1f", n / (us / 1e6)}')|$(awk -v us="$(get p99_us)" 'BEGIN {printf "%.1f", us / 1000}')|$(( $(get connect) + $(get read) + $(get write) + $(get status) + $(get timeout) ))"
}
scenarios=(reference product category search cart)
for scenario in "${scenarios[@]}"; do
  echo "== $scenario: ${seconds}s"
  case $scenario in
    cart) measure cart wrk_cart "$seconds" ;;
    *) measure "$scenario" wrk_paths "$work/$scenario" "$seconds" ;;
  esac
done

reference_rps=$(echo "${measured[reference]}" | cut -d'|' -f1)
failed=0
printf '\n%-10s %12s %9s %7s %9s %9s  %s\n' scenario "requests/s" "p99 ms" errors ratio baseline verdict
: >"$work/ratios"
for scenario in "${scenarios[@]}"; do
  IFS='|' read -r rps p99 errors <<<"${measured[$scenario]}"
  ratio=$(awk -v a="$rps" -v b="$reference_rps" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}')
  echo -e "$scenario\t$ratio" >>"$work/ratios"
  expected=$(awk -F'\t' -v s="$scenario" '$1 == s {print $2}' "$baseline" 2>/dev/null || true)
  verdict=ok
  if [ "$errors" != 0 ]; then
    verdict="FAIL: $errors errors"; failed=1
  elif [ -n "$expected" ] && awk -v r="$ratio" -v e="$expected" -v f="$factor" 'BEGIN {exit !(r < e / f)}'; then
    verdict="FAIL: more than ${factor}x slower than the baseline, relative to the reference"; failed=1
  fi
  printf '%-10s %12s %9s %7s %9s %9s  %s\n' "$scenario" "$rps" "$p99" "$errors" "$ratio" "${expected:--}" "$verdict"
done
echo "(load average $(bench_load_average); ratios are requests/s over the reference's of this run)"
if [ "${BENCH_GUARD_WRITE:-}" = 1 ]; then
  { echo -e "# scenario\tratio to the reference (requests/s), written by BENCH_GUARD_WRITE=1 bench/guard.sh on $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"; cat "$work/ratios"; } >"$baseline"
  echo "baseline written to $baseline"
fi
exit $failed
