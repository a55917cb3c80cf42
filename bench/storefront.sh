#!/usr/bin/env bash
# Storefront throughput and latency on the demo catalog, as the README starts it.
#
# Usage: bench/storefront.sh [seconds per scenario, default 20]    (writes docs/benchmarks/storefront.md)
#        BENCH_JIT=full bench/storefront.sh    the same with both JIT compilers, as `java -jar` runs
#        (spring-boot:run otherwise starts the JVM with -XX:TieredStopAtLevel=1, for a quick start)
# On a machine shared with builds, hold the build lock for the whole run, e.g.
#   flock /tmp/mvn.lock bench/storefront.sh
#
# Starts `./mvnw -q -o spring-boot:run` on a new data directory (the demo shop seeds itself),
# waits for health, warms the JVM up on every page of the scenarios, then drives each scenario
# with wrk (32 connections, 2 threads, loopback only, bounded duration): product pages (every
# /p/<slug> of the sitemap), category pages (every /c/<slug>) and search (/recherche?q=...).
# Requests ask for gzip, as browsers do. It then measures page weights with curl and writes the
# report, keeping earlier results as history and the hand-written notes at its end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds="${1:-20}"
warmup="${BENCH_WARMUP:-20}"
connections=32
threads=2
port="${BENCH_PORT:-18182}"
base="http://127.0.0.1:$port"
report=docs/benchmarks/storefront.md
notes_marker='<!-- Everything below this line is written by hand and kept by bench/storefront.sh. -->'
search_queries=(velo chaussures "laine merinos" theiere chausure "pull laine" livre "cafe bio" lin enfant)

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }
  else sudo apt-get install -y -qq wrk || { sudo apt-get update -qq && sudo apt-get install -y -qq wrk; }
  fi
fi
bench_require_jdk

work="$(mktemp -d)"
cleanup() { bench_stop_app; rm -rf "$work"; }
trap cleanup EXIT
bench_start_app "$work" "$port"

# The scenarios' paths: every product and category page of the sitemap, and a few searches.
curl -fsS "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -E 's#</?loc>##g; s#^https?://[^/]*##' >"$work/sitemap"
grep '^/p/' "$work/sitemap" >"$work/product" || true
grep '^/c/' "$work/sitemap" >"$work/category" || true
for q in "${search_queries[@]}"; do echo "/recherche?q=${q// /+}"; done >"$work/search"
cat "$work/product" "$work/category" "$work/search" >"$work/all"
[ -s "$work/product" ] && [ -s "$work/category" ] || { echo "the sitemap lists no product or category" >&2; exit 1; }
while read -r path; do
  curl -fsS -o /dev/null "$base$path" || { echo "$path does not answer 200" >&2; exit 1; }
done <"$work/all"

run_wrk() { # name, paths file, seconds
  wrk -t"$threads" -c"$connections" -d"$2"s --timeout 5s --latency -H 'Accept-Encoding: gzip' \
    -s bench/paths.lua "$base/" -- "$1"
}

echo "== warm-up: ${warmup}s on every page"
run_wrk "$work/all" "$warmup" >/dev/null
sleep 2

declare -A result
for scenario in product category search; do
  echo "== $scenario pages: ${seconds}s, $connections connections, $threads threads"
  bench_cpu_start "$scenario"
  run_wrk "$work/$scenario" "$seconds" | tee "$work/$scenario.wrk"
  bench_cpu_stop "$scenario"
  IFS='|' read -r app_cpu pg_cpu all_cpu <<<"${bench_cpu[$scenario]}"
  line=$(grep '^RESULT' "$work/$scenario.wrk")
  get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  rps=$(awk -v n="$(get requests)" -v us="$(get duration_us)" 'BEGIN {printf "%.0f", n / (us / 1e6)}')
  ms() { awk -v us="$(get "$1")" 'BEGIN {printf "%.1f", us / 1000}'; }
  errors=$(( $(get connect) + $(get read) + $(get write) + $(get status) + $(get timeout) ))
  result[$scenario]="$rps|$(ms p50_us)|$(ms p90_us)|$(ms p99_us)|$(ms max_us)|$errors|$app_cpu|$pg_cpu|$all_cpu|$(wc -l <"$work/$scenario")"
  sleep 2
done

# Page weights: the HTML of every product page, compressed (gzip, as sent) and not; the CSS and JS
# it links to. Images are not counted.
echo "== page weights"
size() { curl -fsS -o /dev/null -w '%{size_download}' "$@"; }
: >"$work/weights"
while read -r path; do
  echo "$path $(size -H 'Accept-Encoding: gzip' "$base$path") $(size "$base$path")" >>"$work/weights"
done <"$work/product"
sort -k2 -n "$work/weights" >"$work/weights.sorted"
heaviest=$(tail -1 "$work/weights.sorted")
heaviest_path=${heaviest%% *}
curl -fsS "$base$heaviest_path" >"$work/heaviest.html"
assets=$( { grep -o '<link rel="stylesheet" href="[^"]*"' "$work/heaviest.html" | sed 's/.*href="//; s/"$//';
            grep -o '<script [^>]*src="[^"]*"' "$work/heaviest.html" | sed 's/.*src="//; s/"$//'; } || true)
css_gz=0; css_raw=0; js_gz=0; js_raw=0; asset_list=""
for asset in $assets; do
  gz=$(size -H 'Accept-Encoding: gzip' "$base$asset"); raw=$(size "$base$asset")
  case "$asset" in *.js) js_gz=$((js_gz + gz)); js_raw=$((js_raw + raw)) ;; *) css_gz=$((css_gz + gz)); css_raw=$((css_raw + raw)) ;; esac
  asset_list="$asset_list \`$asset\`"
done
assets_text=${asset_list# }
assets_text=${assets_text:-none}
kb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1024}'; }
stat_col() { awk -v c="$1" '{print $c}' "$work/weights.sorted" | awk '{a[NR] = $1} END {printf "%s / %s / %s", a[1], a[int((NR + 1) / 2)], a[NR]}'; }
html_gz_max=$(echo "$heaviest" | awk '{print $2}')
html_raw_max=$(echo "$heaviest" | awk '{print $3}')
total_gz=$(( html_gz_max + css_gz + js_gz ))

# Facts about the run.
bench_facts
commit=$bench_commit cpu_model=$bench_cpu_model jdk=$bench_jdk pg_version=$bench_pg_version pool=$bench_pool
jit=$bench_jit maven_args=("${bench_maven_args[@]}")
row() { # scenario label
  IFS='|' read -r rps p50 p90 p99 max errors app_cpu pg_cpu all_cpu urls <<<"${result[$1]}"
  echo "| $2 | $urls | **$rps** | $p50 | $p90 | **$p99** | $max | $errors | $app_cpu % | $pg_cpu % | $all_cpu % |"
}
field() { echo "${result[$1]}" | cut -d'|' -f"$2"; }
verdict() { bench_verdict "$@"; }

bench_history "$report" "$notes_marker"
history=$bench_history_lines
notes=$bench_notes
summary="$(date -u +%Y-%m-%d) Boucle $commit${maven_args[*]:+ (BENCH_JIT=full)}: product $(field product 1)/s p50 $(field product 2) ms p99 $(field product 4) ms; category $(field category 1)/s p99 $(field category 4) ms; search $(field search 1)/s p99 $(field search 4) ms; product HTML $(kb "$html_gz_max") KB gzip"

cat >"$report" <<MD
# Storefront throughput and latency

Measured by \`${BENCH_JIT:+BENCH_JIT=$BENCH_JIT }bench/storefront.sh $seconds\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu_model), $(free -g | awk '/Mem:/ {print $2}') GiB,
$jdk, PostgreSQL ${pg_version:-?} (embedded, on the same machine), Boucle $commit,
$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2). Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg | tr -d '\n') (the machine is shared).

The application runs as the README starts it (\`./mvnw spring-boot:run${maven_args[*]:+ ${maven_args[*]}}\`; JIT: $jit; pool of
$pool database connections), on a new data directory with the demo catalog. After ${warmup} s of warm-up on
every page, each scenario runs ${seconds} s: wrk with $connections connections on $threads threads over loopback, each
connection cycling through the scenario's pages, asking for gzip. wrk, the application and PostgreSQL share
the same $(nproc) cores.

wrk is a closed model: each connection sends its next request only when the previous one has been
answered, so when the server slows down the load slows with it, and latency is measured only from when
a request is actually sent (coordinated omission). The percentiles below are therefore those of a
saturated server serving $connections clients back to back, not of an open arrival rate; at a fixed rate
close to the throughput, waiting would add to them.

| scenario | pages | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | CPU app | CPU PostgreSQL | CPU machine |
|---|---|---|---|---|---|---|---|---|---|---|
$(row product "product pages \`/p/<slug>\`")
$(row category "category pages \`/c/<slug>\`")
$(row search "search \`/recherche?q=\`")

CPU is in % of one core over the scenario (the machine has $(( $(nproc) * 100 )) %); "machine" includes wrk.
Errors are connection errors, time-outs (5 s) and answers other than 2xx/3xx.
Search queries: $(printf '"%s" ' "${search_queries[@]}")(one with a typo).

## Page weights

Product pages' HTML, $(wc -l <"$work/product") pages (smallest / median / largest), in bytes: $(stat_col 2) gzip-compressed,
$(stat_col 3) uncompressed. The largest is \`$heaviest_path\`; with the CSS and JS it links to
(${assets_text}), before images:

| part | gzip | uncompressed |
|---|---|---|
| HTML | $(kb "$html_gz_max") KB | $(kb "$html_raw_max") KB |
| CSS | $(kb "$css_gz") KB | $(kb "$css_raw") KB |
| JS | $(kb "$js_gz") KB | $(kb "$js_raw") KB |
| total | **$(kb "$total_gz") KB** | $(kb $(( html_raw_max + css_raw + js_raw ))) KB |

## Against the targets

| target | measured | |
|---|---|---|
| ≥ 3,000 product pages/s | $(field product 1)/s | $(verdict "$(field product 1)" ">=" 3000) |
| product page p99 ≤ 25 ms | $(field product 4) ms | $(verdict "$(field product 4)" "<=" 25) |
| product page HTML ≤ 14 KB compressed | $(kb "$html_gz_max") KB (largest) | $(verdict "$html_gz_max" "<=" 14336) |
| HTML + CSS + JS ≤ 100 KB before images | $(kb "$total_gz") KB compressed | $(verdict "$total_gz" "<=" 102400) |

Summary: $summary

## History

$history

$notes_marker
$notes
MD
echo
cat "$report"
