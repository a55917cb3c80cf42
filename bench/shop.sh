#!/usr/bin/env bash
# The shopper mix (Gatling, open model) on one node, then on two nodes sharing one PostgreSQL.
#
# Usage: bench/shop.sh                (writes docs/benchmarks/shop.md)
#   BENCH_MIX_RATE=400       visitors per second of the measured phase (about 5 requests each: the
#                            target's 2,000 requests/s); BENCH_MIX_LIGHT=100 a lighter phase first (0: none)
#   BENCH_SECONDS=20 BENCH_RAMP=5     steady phase and ramp-up of each phase
#   BENCH_NODES="1 2"        the runs: one node, then two
#   BENCH_JIT=full           both JIT compilers, as `java -jar` runs
# On a machine shared with builds, hold the build lock for the whole run: flock /tmp/mvn.lock bench/shop.sh
#
# Node 1 is the demo shop started as the README does (`./mvnw spring-boot:run`, embedded PostgreSQL,
# new data directory); node 2 is the same application on the next port, pointed at node 1's
# PostgreSQL (BOUCLE_DATABASE_URL). Visitors of the two-node run are shared out between the nodes by
# Gatling, each visitor keeping its node (as a load balancer with sticky sessions would). After the
# two-node run it checks: both nodes served, every event publication completed, one order
# acknowledgment per order, no negative stock. (That each job runs on one node at a time is
# db-scheduler's lock on its row, tested by SchedulerIntegrationTests.)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds=${BENCH_SECONDS:-20}
ramp=${BENCH_RAMP:-5}
rate=${BENCH_MIX_RATE:-400}
light=${BENCH_MIX_LIGHT:-100}
read -r -a node_runs <<<"${BENCH_NODES:-1 2}"
offline="${BENCH_OFFLINE--o}"
port="${BENCH_PORT:-18185}"
port2=$((port + 1))
base="http://127.0.0.1:$port"
base2="http://127.0.0.1:$port2"
report=docs/benchmarks/shop.md
notes_marker='<!-- Everything below this line is written by hand and kept by bench/shop.sh. -->'
results=target/bench-shop
stock=1000000
skus=$(sed -n '/DEMO_SKUS = String.join/,/;/p' bench/src/gatling/java/io/boucle/bench/Bench.java | grep -o '"[A-Z0-9-]*"' | tr -d '"')

command -v psql >/dev/null || { if [ "$(id -u)" = 0 ]; then apt-get install -y -qq postgresql-client; else sudo apt-get install -y -qq postgresql-client; fi; }
bench_require_jdk
load_before=$(bench_load_average)

echo "== building the simulations (bench profile)"
./mvnw -q $offline -Pbench -DskipTests test-compile
rm -rf "$results"
mkdir -p "$results"
results=$(cd "$results" && pwd)
work="$(mktemp -d)"
node2=""
node2_marker="-Dboucle.bench.node2=$work"
stop_node2() {
  [ -n "$node2" ] || return 0
  local p
  for p in $(pgrep -f -- "$node2_marker" || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- 'jvmArguments=' || kill "$p" 2>/dev/null || true
  done
  wait "$node2" 2>/dev/null || true
  node2=""
}
cleanup() { stop_node2; bench_stop_app; rm -rf "$work"; }
trap cleanup EXIT

token="bcl_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
BOUCLE_ADMIN_API_TOKEN=$token bench_start_app "$work" "$port" -Dmaven.test.skip=true
auth=(-H "Authorization: Bearer $token")
sql() { bench_sql "$1"; }
for sku in $skus; do
  curl -fsS -o /dev/null -X PUT "${auth[@]}" -H 'Content-Type: application/json' -d "{\"onHand\": $stock}" \
    "$base/api/v1/admin/inventory/$sku" || { echo "could not set the stock of $sku" >&2; exit 1; }
done

start_node2() {
  echo "== starting node 2 on port $port2 (PostgreSQL of node 1, port $bench_pg_port)"
  BOUCLE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$bench_pg_port/postgres" BOUCLE_DATABASE_USER=postgres \
    BOUCLE_DATA_DIR="$work/node2" BOUCLE_PORT=$port2 BOUCLE_DEMO=false \
    ./mvnw -q -o spring-boot:run -Dmaven.test.skip=true "${bench_maven_args[@]:1}" \
    -Dspring-boot.run.jvmArguments="$node2_marker" >"$work/node2.log" 2>&1 &
  node2=$!
  for _ in $(seq 1 300); do
    curl -fsS "$base2/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
    kill -0 "$node2" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 60 "$work/node2.log" >&2
  echo "node 2 did not start" >&2
  exit 1
}
node2_jvm() {
  local p
  for p in $(pgrep -f -- "$node2_marker" || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- 'jvmArguments=' || echo "$p"
  done | head -1
}
# Requests a node has answered (its Prometheus endpoint; the staff token is shared through the database).
served() { curl -fsS "${auth[@]}" "$1/actuator/prometheus" | awk '/^http_server_requests_seconds_count\{/ {s += $2} END {printf "%d", s}'; }
pending_events() { bench_pending_events; }
drain_events() { bench_drain_events; }

gatling() { # name, extra -D...
  local name=$1
  shift
  ./mvnw -q $offline -Pbench gatling:test -Dgatling.simulationClass=io.boucle.bench.ShopperMixSimulation \
    -Dbench.baseUrl="$base" -Dbench.summary="$results/$name.tsv" "$@" >"$results/$name.log" 2>&1 \
    || { tail -n 40 "$results/$name.log" >&2; echo "Gatling failed: $results/$name.log" >&2; exit 1; }
}
# field RUN STEP OUTCOME COLUMN (count p50 p95 p99 p999 max first last)
field() { bench_field "$results/$1.tsv" "$2" "$3" "$4"; }
throughput() { bench_throughput "$results/$1.tsv" "$2"; }

declare -A cpu_of served_of
rows=""
statuses=""
steps_rows=""
summary="$(date -u +%Y-%m-%d) Boucle $(git rev-parse --short HEAD)${BENCH_JIT:+ (BENCH_JIT=$BENCH_JIT)}:"
echo "== warm-up: ${seconds}s at 50 visitors/s (not measured)"
gatling warmup -Dbench.rate=50 -Dbench.rampSeconds=2 -Dbench.seconds="$seconds"
for nodes in "${node_runs[@]}"; do
  urls=$base
  if [ "$nodes" = 2 ]; then
    start_node2
    urls="$base,$base2"
    gatling warmup-2 -Dbench.baseUrls="$urls" -Dbench.rate=50 -Dbench.rampSeconds=2 -Dbench.seconds=10
  fi
  phases=()
  [ "$light" != 0 ] && phases+=("light:$light")
  phases+=("target:$rate")
  for phase in "${phases[@]}"; do
    name="$nodes-node-${phase%%:*}"
    drain_events
    before1=$(served "$base"); before2=0
    [ "$nodes" = 2 ] && before2=$(served "$base2")
    echo "== $name: ${phase#*:} visitors/s on $nodes node(s)"
    sample_file="$results/$name.cpu"
    ( while :; do
        n2=0
        [ "$nodes" = 2 ] && n2=$(bench_ticks_of "$(node2_jvm)" | awk '{s += $2} END {print s + 0}')
        echo "$(bench_cpu_sample 2>/dev/null) $n2"
        sleep 1
      done >"$sample_file" ) 2>/dev/null &
    sampler=$!
    gatling "$name" -Dbench.baseUrls="$urls" -Dbench.rate="${phase#*:}" -Dbench.rampSeconds="$ramp" -Dbench.seconds="$seconds"
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    served_of[$name]="$(( $(served "$base") - before1 ))|$([ "$nodes" = 2 ] && echo $(( $(served "$base2") - before2 )) || echo -)"
    cpu_of[$name]=$(awk -v hz="$bench_hz" 'NR == 1 {t0 = $1; a0 = $2; p0 = $3; m0 = $4; n0 = $5} {t1 = $1; a1 = $2; p1 = $3; m1 = $4; n1 = $5}
      END {f = 100000 / hz / (t1 > t0 ? t1 - t0 : 1); printf "%.0f|%.0f|%.0f|%.0f", (a1 - a0) * f, (n1 - n0) * f, (p1 - p0) * f, (m1 - m0) * f}' "$sample_file")
    IFS='|' read -r cpu1 cpu2 cpupg cpuall <<<"${cpu_of[$name]}"
    IFS='|' read -r s1 s2 <<<"${served_of[$name]}"
    ok=$(throughput "$name" "all requests")
    statuses+="$name: $(awk -F'\t' '$1 == "status" && $2 == "all requests" {s = s (s ? ", " : "") ($3 == 0 ? "no answer" : $3) ": " $4} END {print s}' "$results/$name.tsv")"$'\n'
    rows+="| $nodes | ${phase#*:}/s | **$ok/s** | $(field "$name" "all requests" all p50) | $(field "$name" "all requests" all p95) | **$(field "$name" "all requests" all p99)** | $(field "$name" "all requests" all p999) | $(field "$name" "all requests" error count) | $s1 / $s2 | $cpu1 % / $([ "$nodes" = 2 ] && echo "$cpu2 %" || echo -) | $cpupg % | $cpuall % |"$'\n'
    for step in home category search product "create cart" "add line" customer delivery checkout; do
      steps_rows+="| $name | $step | $(field "$name" "$step" all count) | $(field "$name" "$step" all p50) | **$(field "$name" "$step" all p99)** | $(field "$name" "$step" error count) |"$'\n'
    done
    summary+=" $nodes node(s) at ${phase#*:} visitors/s: $ok requests/s, p99 $(field "$name" "all requests" all p99) ms, $(field "$name" "all requests" error count) errors;"
    awk -F'\t' '$1 == "request" && $2 == "all requests" && $3 == "all" {printf "   %s: %s answers, p50 %s, p99 %s ms\n", "'"$name"'", $4, $5, $7}' "$results/$name.tsv"
  done
done

checks=""
if [[ " ${node_runs[*]} " == *" 2 "* ]]; then
  drain_events
  IFS='|' read -r s1 s2 <<<"${served_of[2-node-target]}"
  check() { checks+="| $1 | $2 | $3 |"$'\n'; echo "   $1: $2 ($3)"; }
  check "both nodes served" "node 1: $s1 requests, node 2: $s2" "$([ "$s1" -gt 0 ] && [ "$s2" -gt 0 ] && echo PASS || echo FAIL)"
  pending=$(pending_events)
  check "every event publication completed" "$pending still incomplete after the run" "$([ "$pending" = 0 ] && echo PASS || echo FAIL)"
  twice=$(sql "SELECT count(*) FROM (SELECT reference FROM messaging.message WHERE template = 'order-acknowledgment' GROUP BY reference HAVING count(*) > 1) t")
  orders=$(sql "SELECT count(*) FROM orders.customer_order")
  acks=$(sql "SELECT count(DISTINCT reference) FROM messaging.message WHERE template = 'order-acknowledgment'")
  check "one order acknowledgment per order" "$orders orders, $acks acknowledged, $twice acknowledged twice" "$([ "$twice" = 0 ] && [ "$acks" = "$orders" ] && echo PASS || echo FAIL)"
  negative=$(sql "SELECT count(*) FROM inventory.stock WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand")
  check "no negative stock, no oversell" "$negative stock rows out of bounds" "$([ "$negative" = 0 ] && echo PASS || echo FAIL)"
fi
summary=${summary%;}

bench_facts
bench_history "$report" "$notes_marker"
{
  echo "# Shopper mix, one node and two"
  echo
  echo "Measured by \`bench/shop.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($bench_cpu_model), ${bench_memory_gib} GiB,"
  echo "$bench_jdk, PostgreSQL ${bench_pg_version:-?} (embedded in node 1, on the same machine), Boucle $bench_commit."
  echo "Load average before the run: $load_before (the machine is shared). JIT: $bench_jit."
  echo
  echo "Each visitor opens the home page, a category, searches two times in five, reads one or two products,"
  echo "and one in ten buys through the API (5 requests); about 5 requests a visitor. Gatling (open model,"
  echo "ramp-up ${ramp}s, then ${seconds}s steady), the application(s) and PostgreSQL share the machine's cores."
  echo
  echo "| nodes | visitors arriving | requests OK/s | p50 ms | p95 ms | p99 ms | p99.9 ms | errors | requests served (node 1 / node 2) | CPU node 1 / node 2 | CPU PostgreSQL | CPU machine |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "CPU in % of one core over the phase (the machine has $(( $(nproc) * 100 )) %); \"requests served\" counts every request a node answered in the phase."
  echo "Answers in the steady phase (status: count; 503 is admission control turning a request away):"
  echo
  printf '%s' "$statuses" | sed 's/^/- /'
  echo
  if [ -n "$checks" ]; then
    echo "## Two nodes: correctness"
    echo
    echo "| check | measured | |"
    echo "|---|---|---|"
    printf '%s' "$checks"
    echo
  fi
  echo "## Against the targets"
  echo
  echo "| target | measured | |"
  echo "|---|---|---|"
  ok1=$(throughput 1-node-target "all requests"); p991=$(field 1-node-target "all requests" all p99); e1=$(field 1-node-target "all requests" error count)
  echo "| shopper mix ≥ 2,000 requests/s, p99 ≤ 50 ms, no errors | $ok1/s, p99 $p991 ms, $e1 errors at $rate visitors/s | $(awk -v t="$ok1" -v p="$p991" -v e="$e1" 'BEGIN {print (t >= 2000 && p <= 50 && e == 0) ? "met" : "not met"}') |"
  if [[ " ${node_runs[*]} " == *" 2 "* ]]; then
    ok2=$(throughput 2-node-target "all requests")
    echo "| two nodes at least as fast as one, and correct | $ok2/s on two nodes against $ok1/s on one; checks above | $(awk -v a="$ok2" -v b="$ok1" 'BEGIN {print (a >= b) ? "met" : "not met"}')$(grep -q FAIL <<<"$checks" && echo ', a check FAILED') |"
  fi
  echo
  echo "## Steps"
  echo
  echo "| phase | step | requests | p50 ms | p99 ms | errors |"
  echo "|---|---|---|---|---|---|"
  printf '%s' "$steps_rows"
  echo
  echo "Summary: $summary"
  echo
  echo "## History"
  echo
  [ -n "$bench_history_lines" ] && echo "$bench_history_lines"
  echo
  echo "$notes_marker"
  [ -n "$bench_notes" ] && echo "$bench_notes"
} >"$report"
echo "== report: $report"
