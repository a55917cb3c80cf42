#!/usr/bin/env bash
# Checkout under load (Gatling, open model): order placement alone, the API buying flow, a flash sale.
#
# Usage: bench/checkout.sh [placement] [flow] [flash]   (all three by default; writes docs/benchmarks/checkout.md)
#   BENCH_SECONDS=20         steady phase of placement and flow, after a ramp-up of BENCH_RAMP=5 seconds
#   BENCH_PLACEMENT_RATE=500 BENCH_PLACEMENT_PEAK=700 BENCH_FLOW_RATE=400   arrival rates per second (the targets')
#   BENCH_PLACEMENT_LIGHT=50 BENCH_FLOW_LIGHT=20   a first, lighter phase of each (0: none)
#   BENCH_FLASH_UNITS=1000 BENCH_FLASH_BUYERS=5000 BENCH_FLASH_SECONDS=10
#   BENCH_JIT=full           both JIT compilers, as `java -jar` runs (spring-boot:run otherwise runs C1 only)
#   BENCH_INVOICE_WHEN=SHIPPED   the merchant's setting of when orders are invoiced: the run ships nothing, so
#                            with SHIPPED no invoice is issued, which measures the checkout without invoicing
#   BENCH_THREAD_DUMPS=1     also a thread dump of the application in the middle of each measured phase
#   BENCH_JFR=1              also a Java Flight Recorder profile of the application over each measured phase
# On a machine shared with builds, hold the build lock for the whole run:
#   flock /tmp/mvn.lock bench/checkout.sh
#
# Builds the Gatling simulations (bench Maven profile, bench/src/gatling/java), starts
# `./mvnw -q -o spring-boot:run` on a new data directory (the demo shop seeds itself) with an API
# token for its first owner, sets the stock of the demo SKUs the scenarios buy, warms the
# application up with slow buying flows, then runs each scenario with `./mvnw -Pbench gatling:test`:
#   placement  carts prepared through the API first (not measured), then only their checkouts, at
#              BENCH_PLACEMENT_LIGHT, BENCH_PLACEMENT_RATE and BENCH_PLACEMENT_PEAK orders per second;
#   flow       buyers arriving at BENCH_FLOW_LIGHT then BENCH_FLOW_RATE per second, each going the whole
#              way through the API;
#   flash      one new SKU with BENCH_FLASH_UNITS units and BENCH_FLASH_BUYERS buyers arriving over
#              BENCH_FLASH_SECONDS; then the database is asked what was sold.
# Before each measured phase it waits until the application has handled the events of the previous
# one (or no longer makes progress with them: a failed delivery is retried only minutes later). During it, it samples the CPU of the application, of PostgreSQL and of the machine, the
# connection pool (Prometheus endpoint) and what PostgreSQL's sessions wait on (pg_stat_activity).
# Details and Gatling's HTML reports stay in target/bench-checkout and target/gatling. The report
# keeps earlier results as history and the hand-written notes at its end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(placement flow flash)
for scenario in "${scenarios[@]}"; do
  case "$scenario" in placement | flow | flash) ;; *) echo "unknown scenario '$scenario' (placement, flow, flash)" >&2; exit 2 ;; esac
done
runs() { [[ " ${scenarios[*]} " == *" $1 "* ]]; }

seconds=${BENCH_SECONDS:-20}
ramp=${BENCH_RAMP:-5}
warmup=${BENCH_WARMUP:-20}
warmup_rate=${BENCH_WARMUP_RATE:-50}
placement_rate=${BENCH_PLACEMENT_RATE:-500}
placement_peak=${BENCH_PLACEMENT_PEAK:-700}
placement_light=${BENCH_PLACEMENT_LIGHT:-50}
flow_rate=${BENCH_FLOW_RATE:-400}
flow_light=${BENCH_FLOW_LIGHT:-20}
flash_units=${BENCH_FLASH_UNITS:-1000}
flash_buyers=${BENCH_FLASH_BUYERS:-5000}
flash_seconds=${BENCH_FLASH_SECONDS:-10}
offline="${BENCH_OFFLINE--o}"
port="${BENCH_PORT:-18183}"
base="http://127.0.0.1:$port"
report=docs/benchmarks/checkout.md
notes_marker='<!-- Everything below this line is written by hand and kept by bench/checkout.sh. -->'
results=target/bench-checkout
stock=1000000
skus=$(sed -n '/DEMO_SKUS = String.join/,/;/p' bench/src/gatling/java/io/boucle/bench/Bench.java | grep -o '"[A-Z0-9-]*"' | tr -d '"')
gatling_version=$(sed -n 's:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p' pom.xml)

if ! command -v psql >/dev/null; then
  echo "installing psql"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq postgresql-client || { apt-get update -qq && apt-get install -y -qq postgresql-client; }
  else sudo apt-get install -y -qq postgresql-client || { sudo apt-get update -qq && sudo apt-get install -y -qq postgresql-client; }
  fi
fi
bench_require_jdk
load_before=$(bench_load_average)

echo "== building the simulations (bench profile)"
./mvnw -q $offline -Pbench -DskipTests test-compile

rm -rf "$results"
mkdir -p "$results"
results=$(cd "$results" && pwd)
work="$(mktemp -d)"
cleanup() { stop_sampling; bench_stop_app; rm -rf "$work"; }
trap cleanup EXIT

token="bcl_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
# Tests are not compiled by spring-boot:run here: the simulations' classes in target/test-classes stay.
BOUCLE_ADMIN_API_TOKEN=$token bench_start_app "$work" "$port" -Dmaven.test.skip=true
auth=(-H "Authorization: Bearer $token")
sql() { bench_sql "$1"; }

invoice_when=${BENCH_INVOICE_WHEN:-PAID}
if [ "$invoice_when" != PAID ]; then
  echo "== orders invoiced when: $invoice_when"
  settings=$(curl -fsS "${auth[@]}" "$base/api/v1/admin/settings/merchant")
  curl -fsS -o /dev/null -X PUT "${auth[@]}" -H 'Content-Type: application/json' \
    -d "$(sed -E "s/\"invoiceWhen\" *: *\"[A-Z]+\"/\"invoiceWhen\":\"$invoice_when\"/" <<<"$settings")" "$base/api/v1/admin/settings/merchant"
  curl -fsS "${auth[@]}" "$base/api/v1/admin/settings/merchant" | grep -q "\"invoiceWhen\" *: *\"$invoice_when\"" \
    || { echo "could not set invoiceWhen to $invoice_when" >&2; exit 1; }
fi
echo "== stock of the demo SKUs the scenarios buy: $stock each"
for sku in $skus; do
  curl -fsS -o /dev/null -X PUT "${auth[@]}" -H 'Content-Type: application/json' -d "{\"onHand\": $stock}" \
    "$base/api/v1/admin/inventory/$sku" || { echo "could not set the stock of $sku" >&2; exit 1; }
done

# gatling NAME SIMULATION [-Dbench.x=y ...]: one Gatling run; its summary in $results/NAME.tsv
gatling() {
  local name=$1 simulation=$2
  shift 2
  ./mvnw -q $offline -Pbench gatling:test -Dgatling.simulationClass="io.boucle.bench.$simulation" \
    -Dbench.baseUrl="$base" -Dbench.summary="$results/$name.tsv" "$@" >"$results/$name.log" 2>&1 \
    || { tail -n 40 "$results/$name.log" >&2; echo "Gatling failed: $results/$name.log" >&2; exit 1; }
  grep -o 'target/gatling/[^ ]*' "$results/$name.log" | tail -1 | sed 's#/index.html##' >"$results/$name.report" || true
}

pending_events() { bench_pending_events; }
drain_events() { bench_drain_events; }

# Sampling during a measured phase: the pool (Prometheus endpoint) and PostgreSQL's sessions, each second.
sampler=""
start_sampling() {
  local name=$1
  (
    while :; do
      bench_cpu_sample >>"$results/$name.cpu"
      curl -fsS "${auth[@]}" "$base/actuator/prometheus" 2>/dev/null \
        | awk '/^hikaricp_connections_(active|pending|max)\{/ {sub(/\{.*\}/, "", $1); printf "%s %s ", $1, $2} END {print ""}' \
        >>"$results/$name.pool" || true
      sql "SELECT coalesce(state, '?'), coalesce(wait_event_type, 'CPU'), coalesce(wait_event, '-'), count(*)
           FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1, 2, 3" \
        2>/dev/null | sed 's/^/sample|/' >>"$results/$name.pg" || true
      echo "sample|end" >>"$results/$name.pg"
      sleep 1
    done
  ) &
  sampler=$!
  if [ "${BENCH_JFR:-}" = 1 ]; then
    jcmd "$bench_jvm" JFR.start name=bench settings=profile filename="$results/$name.jfr" >/dev/null 2>&1 || true
  fi
  if [ "${BENCH_THREAD_DUMPS:-}" = 1 ]; then
    ( sleep "$2"; jcmd "$bench_jvm" Thread.dump_to_file -format=json "$results/$name.threads.json" >/dev/null 2>&1 || true ) &
  fi
}
stop_sampling() {
  [ -n "$sampler" ] || return 0
  kill "$sampler" 2>/dev/null && wait "$sampler" 2>/dev/null || true
  sampler=""
  if [ "${BENCH_JFR:-}" = 1 ]; then jcmd "$bench_jvm" JFR.stop name=bench >/dev/null 2>&1 || true; fi
}
deadlocks() { sql "SELECT deadlocks FROM pg_stat_database WHERE datname = 'postgres'"; }
# What the database has done so far: commits, orders, rows read, and rows written per table (PostgreSQL's
# cumulative statistics, which each session reports once it has been idle a moment: hence the pause).
db_snapshot() {
  sleep 2
  sql "SELECT 'commits', xact_commit FROM pg_stat_database WHERE datname = current_database()
       UNION ALL SELECT 'orders', count(*) FROM orders.customer_order
       UNION ALL SELECT 'rows read', sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)) FROM pg_stat_user_tables
       UNION ALL SELECT schemaname || '.' || relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables
       UNION ALL SELECT 'read ' || schemaname || '.' || relname, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables
       UNION ALL SELECT 'publication ' || listener_id, count(*) FROM platform.event_publication GROUP BY listener_id" >"$1"
}

# measure NAME SIMULATION SECONDS-TO-THREAD-DUMP [-D...]: a measured phase with its samples.
declare -A events_after deadlocks_during pool_timeouts
measure() {
  local name=$1 simulation=$2 dump_at=$3 d0 log0
  shift 3
  drain_events
  d0=$(deadlocks)
  log0=$(wc -l <"$bench_app_log")
  db_snapshot "$results/$name.db0"
  echo "== $name"
  start_sampling "$name" "$dump_at"
  gatling "$name" "$simulation" "$@"
  stop_sampling
  # The database's work for the phase's orders includes handling their events (invoices, emails...).
  drain_events
  db_snapshot "$results/$name.db1"
  # Requests the application failed because no pooled connection came in time (it logs each one).
  pool_timeouts[$name]=$(tail -n +"$((log0 + 1))" "$bench_app_log" | grep -cE '^org\.springframework\.(transaction\.CannotCreateTransactionException|jdbc\.CannotGetJdbcConnectionException)' || true)
  # CPU over the measured window only: from the first request of the steady phase to its last answer.
  bench_cpu[$name]=$(bench_cpu_window "$results/$name.cpu" \
    "$(awk -F'\t' '$1 == "request" && $3 == "all" && $2 !~ /ramp-up/ {print $10}' "$results/$name.tsv" | sort -n | head -1)" \
    "$(awk -F'\t' '$1 == "request" && $3 == "all" && $2 !~ /ramp-up/ {print $11}' "$results/$name.tsv" | sort -n | tail -1)")
  events_after[$name]=$(pending_events)
  deadlocks_during[$name]=$(( $(deadlocks) - d0 ))
  summary_line "$name"
}

# Reading a summary: field NAME STEP OUTCOME COLUMN (count p50 p95 p99 p999 max first last)
field() { bench_field "$results/$1.tsv" "$2" "$3" "$4"; }
fact() { awk -F'\t' -v key="$2" '$1 == "fact" && $2 == key {print $3; found = 1} END {if (!found) print "?"}' "$results/$1.tsv"; }
# OK answers per second from the first request to the last answer of a step.
throughput() { bench_throughput "$results/$1.tsv" "$2"; }
# Answers a step did not want (not counting expected refusals), and those that were 5xx, over every step of a run.
errors() { awk -F'\t' '$1 == "request" && $3 == "error" {n += $4} END {print n + 0}' "$results/$1.tsv"; }
server_errors() { awk -F'\t' '$1 == "status" && $4 > 0 && $3 >= 500 {n += $4} END {print n + 0}' "$results/$1.tsv"; }
statuses() { # "201: 15000, 409: 3" for a step
  awk -F'\t' -v step="$2" '$1 == "status" && $2 == step {s = s (s ? ", " : "") ($3 == 0 ? "no answer" : $3) ": " $4} END {print s ? s : "none"}' "$results/$1.tsv"
}
summary_line() {
  awk -F'\t' '$1 == "request" && $3 == "all" && $2 !~ /ramp-up/ {printf "   %-28s %6d answers  p50 %4d  p99 %5d  max %5d ms\n", $2, $4, $5, $7, $9}' "$results/$1.tsv"
}
# The pool over a phase: "mean active / max active / mean pending / max pending"
pool() {
  awk '{for (i = 1; i < NF; i += 2) v[$i] = $(i + 1); if ("hikaricp_connections_active" in v) {
          n++; a += v["hikaricp_connections_active"]; p += v["hikaricp_connections_pending"]
          if (v["hikaricp_connections_active"] > ma) ma = v["hikaricp_connections_active"]
          if (v["hikaricp_connections_pending"] > mp) mp = v["hikaricp_connections_pending"]}}
       END {if (n) printf "%.1f|%d|%.1f|%d", a / n, ma, p / n, mp; else print "?|?|?|?"}' "$results/$1.pool"
}
# PostgreSQL's client sessions over a phase: the mean number in each state and wait, the busiest first.
pg_waits() {
  awk -F'|' '$2 == "end" {n++; next} {k = $2 == "active" ? ($3 == "CPU" ? "running" : "waiting on " $3 ":" $4) : $2; c[k] += $5}
       END {for (k in c) printf "%.1f %s\n", c[k] / (n ? n : 1), k}' "$results/$1.pg" \
    | sort -rn | head -5 | awk '{v = $1; $1 = ""; printf "%s%s %s", (NR > 1 ? "; " : ""), substr($0, 2), v} END {print ""}'
}

echo "== warm-up: buying flows at $warmup_rate/s for ${warmup}s (not measured)"
gatling warmup BuyingFlowSimulation -Dbench.rate="$warmup_rate" -Dbench.rampSeconds=2 -Dbench.seconds="$warmup"

# Carts for an open-model phase: those arriving during the ramp-up (from a tenth of the rate) and after.
carts_for() { awk -v r="$1" -v ramp="$ramp" -v s="$seconds" 'BEGIN {printf "%d", (0.55 * r * ramp + r * s) * 1.02 + 50}'; }

# The phases of placement: name and arrival rate, the lighter one first.
placement_phases=()
[ "$placement_light" != 0 ] && placement_phases+=("placement-light:$placement_light")
placement_phases+=("placement:$placement_rate" "placement-peak:$placement_peak")
if runs placement; then
  total=0
  for phase in "${placement_phases[@]}"; do total=$((total + $(carts_for "${phase#*:}"))); done
  echo "== preparing $total carts through the API (not measured)"
  gatling prepare PrepareCartsSimulation -Dbench.carts=$total -Dbench.cartsFile="$results/carts.txt"
  ready=$(wc -l <"$results/carts.txt")
  [ "$ready" -ge "$total" ] || { echo "only $ready carts of $total could be prepared" >&2; exit 1; }
  from=1
  for phase in "${placement_phases[@]}"; do
    n=$(carts_for "${phase#*:}")
    sed -n "${from},$((from + n - 1))p" "$results/carts.txt" >"$results/carts-${phase%%:*}.txt"
    from=$((from + n))
    measure "${phase%%:*}" PlacementSimulation $((ramp + seconds / 2)) -Dbench.cartsFile="$results/carts-${phase%%:*}.txt" \
      -Dbench.rate="${phase#*:}" -Dbench.rampSeconds="$ramp" -Dbench.seconds="$seconds"
  done
fi
flow_phases=()
[ "$flow_light" != 0 ] && flow_phases+=("flow-light:$flow_light")
flow_phases+=("flow:$flow_rate")
if runs flow; then
  for phase in "${flow_phases[@]}"; do
    measure "${phase%%:*}" BuyingFlowSimulation $((ramp + seconds / 2)) -Dbench.rate="${phase#*:}" -Dbench.rampSeconds="$ramp" \
      -Dbench.seconds="$seconds"
  done
fi
if runs flash; then
  measure flash FlashSaleSimulation $((flash_seconds / 2)) -Dbench.adminToken="$token" \
    -Dbench.jdbcUrl="jdbc:postgresql://127.0.0.1:$bench_pg_port/postgres?user=postgres" \
    -Dbench.flashUnits="$flash_units" -Dbench.flashBuyers="$flash_buyers" -Dbench.flashSeconds="$flash_seconds" \
    -Dbench.flashSku="FLASH-$(date +%s)"
fi

# ---------------------------------------------------------------------------------------------
# The report.
bench_facts
bench_history "$report" "$notes_marker"
today=$(date -u +%Y-%m-%d)
jit_note=${BENCH_JIT:+ (BENCH_JIT=$BENCH_JIT)}
[ "$invoice_when" != PAID ] && jit_note+=" (invoices when $invoice_when: none in the run)"

not_run="| not run | | |"
cpu_cells() { IFS='|' read -r a p m <<<"${bench_cpu[$1]}"; echo "$a % | $p % | $m %"; }
# | what | arrival | answered OK/s | p50 | p95 | p99 | p99.9 | max | errors | CPU app | CPU PostgreSQL | CPU machine |
result_row() { # label run step arrival
  echo "| $1 | $4/s | **$(throughput "$2" "$3")/s** | $(field "$2" "$3" all p50) | $(field "$2" "$3" all p95) | **$(field "$2" "$3" all p99)** | $(field "$2" "$3" all p999) | $(field "$2" "$3" all max) | $(field "$2" "$3" error count) | $(cpu_cells "$2") |"
}
step_row() { # run step
  echo "| $2 | $(field "$1" "$2" all count) | $(field "$1" "$2" all p50) | $(field "$1" "$2" all p95) | **$(field "$1" "$2" all p99)** | $(field "$1" "$2" all p999) | $(field "$1" "$2" all max) | $(field "$1" "$2" error count) |"
}
pool_row() { # label run
  IFS='|' read -r mean_active max_active mean_pending max_pending <<<"$(pool "$2")"
  echo "| $1 | $mean_active / $max_active | $mean_pending / $max_pending | ${pool_timeouts[$2]} | $(pg_waits "$2") | ${events_after[$2]} | ${deadlocks_during[$2]} |"
}

# Per order placed in a phase, events handled: "orders|commits|rows read|rows written|the 5 tables most written"
db_work() {
  awk -F'|' 'FNR == NR {before[$1] = $2; next} {after[$1] = $2}
    END {
      orders = after["orders"] - before["orders"]; if (orders <= 0) {print "0|?|?|?|"; exit}
      for (k in after) if (k != "commits" && k != "orders" && k != "rows read" && k !~ /^(read|publication) /) {
        d = after[k] - before[k]; if (d > 0) {written += d; per[k] = d / orders}
      }
      n = 0; for (k in per) order[++n] = k
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (per[order[j]] > per[order[i]]) {t = order[i]; order[i] = order[j]; order[j] = t}
      top = ""; for (i = 1; i <= n && i <= 5; i++) top = top (i > 1 ? ", " : "") sprintf("%s %.1f", order[i], per[order[i]])
      printf "%d|%.1f|%.0f|%.1f|%s\n", orders, (after["commits"] - before["commits"]) / orders,
        (after["rows read"] - before["rows read"]) / orders, written / orders, top
    }' "$results/$1.db0" "$results/$1.db1"
}
db_work_row() { # run
  IFS='|' read -r orders commits read written top <<<"$(db_work "$1")"
  echo "| $1 | $orders | $commits | $read | $written | $top |"
}

results_rows=""
targets=""
summary="$today Boucle $bench_commit$jit_note:"
if runs placement; then
  for phase in "${placement_phases[@]}"; do
    results_rows+="$(result_row "order placement (checkout POST)" "${phase%%:*}" checkout "${phase#*:}")"$'\n'
  done
  peak_ok=$(throughput placement-peak checkout)
  peak_errors=$(errors placement-peak)
  peak_kept=$(awk -v t="$peak_ok" -v r="$placement_peak" -v e="$peak_errors" 'BEGIN {print (t >= 0.99 * r && e == 0) ? 1 : 0}')
  placement_p99=$(field placement checkout all p99)
  targets+="| ≥ 700 orders/s sustained (placement alone) | at $placement_peak orders/s arriving: $peak_ok/s answered, $peak_errors errors, p99 $(field placement-peak checkout all p99) ms | $( [ "$peak_kept" = 1 ] && bench_verdict "$placement_peak" ">=" 700 || echo "not met") |"$'\n'
  targets+="| placement p99 ≤ 50 ms at 500 orders/s | p99 $placement_p99 ms at $placement_rate/s ($(errors placement) errors) | $( [ "$(errors placement)" = 0 ] && [ "$placement_rate" -ge 500 ] && bench_verdict "$placement_p99" "<=" 50 || echo "not met") |"$'\n'
  summary+=" placement p99 $placement_p99 ms at $placement_rate/s, $peak_ok/s answered at $placement_peak/s (p99 $(field placement-peak checkout all p99) ms);"
else
  targets+="| ≥ 700 orders/s sustained (placement alone) $not_run"$'\n'"| placement p99 ≤ 50 ms at 500 orders/s $not_run"$'\n'
fi
if runs flow; then
  for phase in "${flow_phases[@]}"; do
    results_rows+="$(result_row "buying flow (5 requests)" "${phase%%:*}" flow "${phase#*:}")"$'\n'
  done
  flows_ok=$(throughput flow flow)
  flow_errors=$(errors flow)
  flow_kept=$(awk -v t="$flows_ok" -v r="$flow_rate" -v e="$flow_errors" 'BEGIN {print (t >= 0.99 * r && e == 0) ? 1 : 0}')
  worst_step=$(for step in "create cart" "add line" customer delivery checkout; do echo "$(field flow "$step" all p99) $step"; done | sort -rn | head -1)
  targets+="| ≥ 400 completed flows/s | at $flow_rate flows/s arriving: $flows_ok/s completed, $flow_errors errors | $( [ "$flow_kept" = 1 ] && bench_verdict "$flow_rate" ">=" 400 || echo "not met") |"$'\n'
  targets+="| flow p99 ≤ 100 ms per request | worst step at $flow_rate flows/s: ${worst_step#* } p99 ${worst_step%% *} ms | $( [ "$flow_rate" -ge 400 ] && bench_verdict "${worst_step%% *}" "<=" 100 || echo "not met") |"$'\n'
  summary+=" flow $flows_ok flows/s at $flow_rate/s, worst request p99 ${worst_step%% *} ms (${worst_step#* });"
else
  targets+="| ≥ 400 completed flows/s $not_run"$'\n'"| flow p99 ≤ 100 ms per request $not_run"$'\n'
fi
if runs flash; then
  db() { fact flash "db.$1"; }
  # The invariants hold or not whatever the setup; the target is about 1,000 units and 5,000 buyers over 10 s.
  target_setup() { [ "$flash_units" = 1000 ] && [ "$flash_buyers" -ge 5000 ] && [ "$flash_seconds" -le 10 ] && echo "$1" || echo "$1 (smaller sale than the target's)"; }
  flash_errors=$(errors flash)
  flash_5xx=$(server_errors flash)
  sold_p99=$(field flash "flash: sold-out answer" refused p99)
  exact=$([ "$(db orders)" = "$flash_units" ] && [ "$(db unitsOrdered)" = "$flash_units" ] && [ "$(db paidOrders)" = "$flash_units" ] \
    && [ "$(db unitsSold)" = "$flash_units" ] && echo met || echo "not met")
  stock_ok=$([ "$(db onHand)" = 0 ] && [ "$(db reserved)" = 0 ] && echo met || echo "not met")
  clean=$([ "$flash_5xx" = 0 ] && [ "$flash_errors" = 0 ] && [ "${deadlocks_during[flash]}" = 0 ] && echo met || echo "not met")
  targets+="| flash sale: exactly $flash_units orders, no oversell | $(db orders) orders hold the SKU, $(db unitsOrdered) units ordered, $(db paidOrders) paid; $(fact flash paidAnswers) buyers were answered 201 and PAID (a buyer answered 5xx may still have an order) | $(target_setup "$exact") |"$'\n'
  targets+="| flash sale: stock 0, never negative | on hand $(db onHand), reserved $(db reserved), $(db unitsSold) units sold in the stock ledger (the schema's CHECK keeps it ≥ 0) | $(target_setup "$stock_ok") |"$'\n'
  targets+="| flash sale: no 5xx, no deadlock | $flash_5xx answers 5xx, $flash_errors errors in all, ${deadlocks_during[flash]} deadlocks (pg_stat_database) | $(target_setup "$clean") |"$'\n'
  targets+="| flash sale: \"sold out\" p99 ≤ 200 ms | p99 $sold_p99 ms over $(field flash "flash: sold-out answer" refused count) sold-out answers | $(target_setup "$(bench_verdict "$sold_p99" "<=" 200)") |"$'\n'
  summary+=" flash sale $(db orders) orders for $flash_units units, stock $(db onHand), $flash_5xx 5xx, sold-out p99 $sold_p99 ms;"
else
  targets+="| flash sale invariants and sold-out p99 $not_run"$'\n'
fi
summary=${summary%;}

placement_section=""
if runs placement; then
  placement_section="
Prepared carts: $(wc -l <"$results/carts.txt"). Answers to their checkouts in the steady phase (status: count):
$(for phase in "${placement_phases[@]}"; do echo "at ${phase#*:}/s: $(statuses "${phase%%:*}" checkout) ($(fact "${phase%%:*}" placedNotPaid) orders answered 201 but not PAID);"; done)"
fi
flow_section=""
if runs flow; then
  flow_section="
### Buying flow, per request (steady phase)

$(for phase in "${flow_phases[@]}"; do
  echo "At ${phase#*:} flows/s arriving:"
  echo
  echo "| request | answers | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for step in "create cart" "add line" customer delivery checkout; do step_row "${phase%%:*}" "$step"; done
  echo
done)
"
fi
flash_section=""
if runs flash; then
  flash_section="
### Flash sale

$(fact flash buyers) buyers for $(fact flash units) units of \`$(fact flash sku)\`, arriving over $(fact flash seconds) s.

| step | answers (status: count) | p50 ms | p99 ms | max ms |
|---|---|---|---|---|
$(for step in "flash: create cart" "flash: add line" "flash: customer" "flash: delivery" "flash: checkout"; do
  echo "| ${step#flash: } | $(statuses flash "$step") | $(field flash "$step" all p50) | $(field flash "$step" all p99) | $(field flash "$step" all max) |"
done)
| **\"sold out\" answers** (409, at add line or checkout) | $(field flash "flash: sold-out answer" refused count) | $(field flash "flash: sold-out answer" refused p50) | **$(field flash "flash: sold-out answer" refused p99)** | $(field flash "flash: sold-out answer" refused max) |

CPU from the first buyer's arrival to the last answer: application $(cpu_cells flash | sed 's/ | /, PostgreSQL /; s/ | /, machine /').
"
fi
pool_rows=""
db_rows=""
for name in placement-light placement placement-peak flow-light flow flash; do
  [ -f "$results/$name.tsv" ] && pool_rows+="$(pool_row "$name" "$name")"$'\n'
  [ -f "$results/$name.db1" ] && db_rows+="$(db_work_row "$name")"$'\n'
done

cat >"$report" <<MD
# Checkout under load

Measured by \`${BENCH_JIT:+BENCH_JIT=$BENCH_JIT }${BENCH_INVOICE_WHEN:+BENCH_INVOICE_WHEN=$BENCH_INVOICE_WHEN }bench/checkout.sh ${scenarios[*]}\` on $today: $(nproc) cores ($bench_cpu_model), $bench_memory_gib GiB,
$bench_jdk, PostgreSQL ${bench_pg_version:-?} (embedded, on the same machine), Boucle $bench_commit,
Gatling $gatling_version. Load average before the run: $load_before (the machine is shared).

The application runs as the README starts it (\`./mvnw spring-boot:run\`; JIT: $bench_jit; pool of
$bench_pool database connections), on a new data directory with the demo catalog, its stock of the
$(echo "$skus" | wc -w) demo SKUs the scenarios buy set to $stock each through the admin API. It is warmed up by ${warmup} s of
buying flows at $warmup_rate/s. Gatling drives it over loopback with one shared pool of keep-alive
connections (as a shop front or an app's back end would); Gatling, the application and PostgreSQL
share the same $(nproc) cores, so the figures include the load generator's cost.

## Scenarios

All are open models: buyers arrive at a fixed rate whatever the answers' speed, so a slow answer
delays no later arrival and the percentiles include any queueing (no coordinated omission). Placement
and flow ramp up over ${ramp} s from a tenth of their rate, then hold it for ${seconds} s; only this steady
phase is reported. Before each phase the application has handled every event of the previous one.

- **placement**: only \`POST /api/v1/carts/{id}/checkout\` (\`tok_visa\`, a new \`Idempotency-Key\` each),
  on carts prepared beforehand through the API (one line of a demo SKU, customer details, home
  delivery), at $(IFS=,; for phase in "${placement_phases[@]}"; do printf '%s ' "${phase#*:}"; done | sed 's/ $//; s/ /, /g') orders/s arriving, in that order.
- **flow**: each buyer creates a cart, adds a line, gives customer details, chooses home delivery
  and checks out with \`tok_visa\` (5 requests), $(for phase in "${flow_phases[@]}"; do printf '%s ' "${phase#*:}"; done | sed 's/ $//; s/ / then /g') buyers/s arriving. A flow is completed when the
  order is placed and paid; its time runs from the first request to the last answer.
- **flash**: one new SKU with $flash_units units (created through the admin API); $flash_buyers buyers arrive
  evenly over $flash_seconds s, each going the whole way; \`409\` "sold out" is the expected answer once
  the stock is gone (when adding the line, or at checkout). The database is then asked what was sold.

"Answered OK/s" is the successful answers from the first request of the steady phase to its last
answer: at an arrival rate the server keeps up with, it equals that rate. Errors are answers other
than the expected ones, time-outs (60 s) and refused connections. CPU is in % of one core over the
steady phase, sampled each second (the machine has $(( $(nproc) * 100 )) %; "machine" includes Gatling).

## Results

| scenario | arrival | answered OK/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | errors | CPU app | CPU PostgreSQL | CPU machine |
|---|---|---|---|---|---|---|---|---|---|---|---|
${results_rows}${placement_section}
${flow_section}${flash_section}
### Connection pool and database sessions

Sampled about every second during each phase: the pool's active and pending (waiting for a
connection) requests, the requests failed because no connection came within the pool's time-out
(from the application's log), and PostgreSQL's client sessions by state (mean number of sessions,
the five commonest).

| phase | pool active, mean / max | waiting for a connection, mean / max | pool time-outs | PostgreSQL sessions | events left to handle at the end | deadlocks |
|---|---|---|---|---|---|---|
${pool_rows}
### Database work per order

From PostgreSQL's statistics before the phase and after its events were handled (invoices, emails,
stock, analytics...): commits, rows read and rows written (inserted, updated or deleted) per order
placed in the phase, and the tables most written.

| phase | orders | commits per order | rows read per order | rows written per order | most written (rows per order) |
|---|---|---|---|---|---|
${db_rows}
## Against the targets

| target | measured | |
|---|---|---|
${targets}
"Sustained" means the server kept up with the arrival rate: answered OK/s within 1 % of it, and no error.

Summary: $summary

## History

$bench_history_lines

$notes_marker
$bench_notes
MD
echo
cat "$report"
