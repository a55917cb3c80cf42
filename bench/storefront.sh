#!/usr/bin/env bash
# Storefront throughput and latency on the demo catalog, as the README starts it.
#
# Usage: bench/storefront.sh [seconds per scenario, default 20]    (writes docs/benchmarks/storefront.md)
#        BENCH_JIT=full bench/storefront.sh    the same with both JIT compilers, as `java -jar` runs
#        BENCH_CATALOG=M bench/storefront.sh 15    the same on a generated catalog (S: 1,000 products, M: 100,000;
#            bench/generate.sh, BENCH_ORDERS to change the order count), in the report's own section
#        (spring-boot:run otherwise starts the JVM with -XX:TieredStopAtLevel=1, for a quick start)
#        BENCH_WARMUP=seconds of warm-up on every page before the scenarios (default 60: on two cores
#            the JIT compilers are still at work well after the first 20 s of load)
# On a machine shared with builds, hold the build lock for the whole run, e.g.
#   flock /tmp/mvn.lock bench/storefront.sh
#
# Starts `./mvnw -q -o spring-boot:run` on a new data directory (the demo shop seeds itself),
# waits for health, warms the JVM up on every page of the scenarios, then drives each scenario
# with wrk (32 connections, 2 threads, loopback only, bounded duration): product pages (every
# /p/<slug> of the sitemap), category pages (every /c/<slug>) and search (/recherche?q=...).
# With BENCH_CATALOG, the catalog is generated into the shop's database once it is up (the time is
# reported), the catalog's cache is given its lifetime to forget, and the pages are 500 generated
# products, the generated categories and searches of generated words; search is also measured with a
# single connection. Page weights are measured on the demo catalog only.
# Requests ask for gzip, as browsers do. It then measures page weights with curl and writes the
# report, keeping earlier results as history and the hand-written notes at its end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds="${1:-20}"
warmup="${BENCH_WARMUP:-60}"
connections=32
threads=2
port="${BENCH_PORT:-18182}"
base="http://127.0.0.1:$port"
report=docs/benchmarks/storefront.md
notes_marker='<!-- Everything below this line is written by hand and kept by bench/storefront.sh. -->'
search_queries=(velo chaussures "laine merinos" theiere chausure "pull laine" livre "cafe bio" lin enfant)
catalog="${BENCH_CATALOG:-}"
case "$catalog" in "" | S | M) ;; *) echo "BENCH_CATALOG: S or M" >&2; exit 2 ;; esac
generated_begin='<!-- Generated catalog: written by BENCH_CATALOG=S|M bench/storefront.sh. -->'
generated_end='<!-- End of the generated catalog section. -->'

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
if [ -n "$catalog" ]; then
  # The generator's classes; spring-boot:run then leaves target/test-classes alone.
  ./mvnw -q ${BENCH_OFFLINE--o} -Pbench -DskipTests test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  bench_start_app "$work" "$port" -Dmaven.test.skip=true
  load_before=$(bench_load_average)
  echo "== generating catalog $catalog"
  "$bench_java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.boucle.bench.data.DataGenerator \
      "$catalog" "jdbc:postgresql://127.0.0.1:$bench_pg_port/postgres" "${BENCH_ORDERS:-}" "$work/gen" 2>&1 | tee "$work/generate.log"
  generated=$(grep '^generated scale' "$work/generate.log" | sed 's/^generated scale //')
  generation_steps=$(grep '^  [a-z]' "$work/generate.log" | sed -E 's/^  (.*[^ ]) +([0-9.]+) s$/\1 \2 s/' | paste -sd ';' | sed 's/;/; /g')
  sleep 11 # the catalog's cache lives 10 s (boucle.catalog.cache-ttl)
  cp "$work/gen/product" "$work/gen/category" "$work/gen/search" "$work/"
else
  bench_start_app "$work" "$port"
  # The scenarios' paths: every product and category page of the sitemap, and a few searches.
  curl -fsS "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -E 's#</?loc>##g; s#^https?://[^/]*##' >"$work/sitemap"
  grep '^/p/' "$work/sitemap" >"$work/product" || true
  grep '^/c/' "$work/sitemap" >"$work/category" || true
  for q in "${search_queries[@]}"; do echo "/recherche?q=${q// /+}"; done >"$work/search"
fi
cat "$work/product" "$work/category" "$work/search" >"$work/all"
[ -s "$work/product" ] && [ -s "$work/category" ] || { echo "the sitemap lists no product or category" >&2; exit 1; }
while read -r path; do
  curl -fsS -o /dev/null "$base$path" || { echo "$path does not answer 200" >&2; exit 1; }
done <"$work/all"

run_wrk() { # paths file, seconds[, connections]
  local c=${3:-$connections} t=$threads
  [ "$c" -lt "$t" ] && t=$c
  wrk -t"$t" -c"$c" -d"$2"s --timeout 5s --latency -H 'Accept-Encoding: gzip' \
    -s bench/paths.lua "$base/" -- "$1"
}

echo "== warm-up: ${warmup}s on every page"
run_wrk "$work/all" "$warmup" >/dev/null
sleep 2

declare -A result
scenarios=(product category search)
[ -n "$catalog" ] && scenarios+=(search1) && cp "$work/search" "$work/search1"
for scenario in "${scenarios[@]}"; do
  clients=$connections
  [ "$scenario" = search1 ] && clients=1
  echo "== $scenario pages: ${seconds}s, $clients connections"
  bench_cpu_start "$scenario"
  run_wrk "$work/$scenario" "$seconds" "$clients" | tee "$work/$scenario.wrk"
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

row() { # scenario label
  IFS='|' read -r rps p50 p90 p99 max errors app_cpu pg_cpu all_cpu urls <<<"${result[$1]}"
  echo "| $2 | $urls | **$rps** | $p50 | $p90 | **$p99** | $max | $errors | $app_cpu % | $pg_cpu % | $all_cpu % |"
}
field() { echo "${result[$1]}" | cut -d'|' -f"$2"; }
verdict() { bench_verdict "$@"; }

if [ -n "$catalog" ]; then
  bench_facts
  summary="$(date -u +%Y-%m-%d) Boucle $bench_commit, generated catalog $catalog${BENCH_JIT:+ (BENCH_JIT=$BENCH_JIT)}: product $(field product 1)/s p99 $(field product 4) ms; category $(field category 1)/s p99 $(field category 4) ms; search $(field search 1)/s p99 $(field search 4) ms (1 client: p99 $(field search1 4) ms); generated in $(echo "$generated" | sed 's/.* in //')"
  cat >"$work/section" <<MD
$generated_begin
## Generated catalog ($catalog)

Measured by \`BENCH_CATALOG=$catalog ${BENCH_ORDERS:+BENCH_ORDERS=$BENCH_ORDERS }${BENCH_JIT:+BENCH_JIT=$BENCH_JIT }bench/storefront.sh $seconds\` on $(date -u +%Y-%m-%d), same machine and
method as above (Boucle $bench_commit, PostgreSQL ${bench_pg_version:-?}, JIT: $bench_jit; load average before the run:
$load_before). The demo shop was started, then \`bench/generate.sh $catalog\` loaded into its database $generated
(on top of the demo catalog; COPY, then \`ANALYZE\`; by step: $generation_steps).
Pages: $(wc -l <"$work/product") generated products drawn at random, the $(wc -l <"$work/category") generated categories (each lists its first page of
products), and searches: $(sed 's#^/recherche?q=##; s/+/ /g; s/.*/"&"/' "$work/search" | paste -sd' ') ("theiere" also finds the demo catalog's teapots).
Warm-up ${warmup} s on every page, then ${seconds} s a scenario.

| scenario | pages | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | CPU app | CPU PostgreSQL | CPU machine |
|---|---|---|---|---|---|---|---|---|---|---|
$(row product "product pages \`/p/<slug>\`")
$(row category "category pages \`/c/<slug>\`")
$(row search "search \`/recherche?q=\`")
$(row search1 "search, 1 connection")

| target (issue: storefront on 100,000 products) | measured | |
|---|---|---|
| search p99 ≤ 50 ms | $(field search 4) ms at $connections clients; $(field search1 4) ms at 1 | $(verdict "$(field search 4)" "<=" 50) at $connections clients; $(verdict "$(field search1 4)" "<=" 50) at 1 |

Summary ($catalog): $summary
$generated_end
MD
  if grep -qF "$generated_begin" "$report"; then
    awk -v b="$generated_begin" -v e="$generated_end" -v f="$work/section" '
      $0 == b {while ((getline l < f) > 0) print l; skip = 1; next}
      $0 == e {skip = 0; next}
      !skip {print}' "$report" >"$work/report"
  else
    awk -v f="$work/section" '/^## History$/ && !done {while ((getline l < f) > 0) print l; print ""; done = 1} {print}' "$report" >"$work/report"
  fi
  # The earlier figures of this catalog go to the history.
  previous=$(grep -m1 "^Summary ($catalog): " "$report" | sed "s/^Summary ($catalog): //" || true)
  if [ -n "$previous" ]; then
    awk -v line="- $previous" '{print} /^## History$/ && !done {getline; print; print line; done = 1}' "$work/report" >"$work/report2"
    mv "$work/report2" "$work/report"
  fi
  cp "$work/report" "$report"
  echo
  cat "$work/section"
  exit 0
fi

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

bench_history "$report" "$notes_marker"
history=$bench_history_lines
notes=$bench_notes
# The generated catalog's section, written by BENCH_CATALOG runs, is kept as it is.
generated_section=$(awk -v b="$generated_begin" -v e="$generated_end" '$0 == b {on = 1} on {print} $0 == e {on = 0}' "$report" 2>/dev/null || true)
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
${generated_section:+
$generated_section
}
## History

$history

$notes_marker
$notes
MD
echo
cat "$report"
