#!/usr/bin/env bash
# Crash run: buyers keep buying through the API while the application is killed (kill -9) and,
# in a second round, while PostgreSQL restarts; once the shop has settled, the invariants of money,
# invoices, stock and events are checked in the database, each printed PASS or FAIL.
#
# Usage: bench/crash.sh [kill] [pg]   (both rounds by default; writes docs/benchmarks/crash.md)
#   BENCH_RATE=15            buyers arriving per second (open model), each going the whole way (BuyingFlowSimulation)
#   BENCH_WARMUP=20          seconds of the same load before the first round, to warm the application up (0: none)
#   BENCH_SECONDS=75         load of each round, after a ramp-up of BENCH_RAMP=10 seconds
#   BENCH_CRASH_AT=25        seconds after the first order of the round when the crash comes
#   BENCH_DOWN=5             seconds the killed application stays down before it is started again
#   BENCH_SETTLE_TIMEOUT=420 seconds to wait for the shop to settle after a round's load
#   BENCH_PORT=18190         the application's port
#   BENCH_PG_PORT=5432       the machine's PostgreSQL (127.0.0.1, user postgres, trust authentication),
#                            restarted with pg_ctlcluster in the pg round: run as root or as postgres
#   BENCH_KEEP=1             keep the database boucle_crash_<timestamp> (dropped otherwise)
#   BENCH_SKIP_BUILD=1       use target/boucle-*.jar and the compiled simulations as they are
#
# It builds the application's jar and the Gatling simulations (under the build lock /tmp/mvn.lock, held
# for the build only), creates a new database on the machine's PostgreSQL and starts
# `java -jar` on it (BOUCLE_DATABASE_URL, the demo shop seeded, an API token for its owner) with the
# recovery delays shortened so that a round settles in a minute or two:
# boucle.payment.recover-after=20s (payments left PROCESSING asked about again), boucle.events.redeliver-after=PT20S
# (event publications left incomplete delivered again) and boucle.checkout.payment-window=PT1M (orders left
# unpaid cancelled, their stock given back); those jobs run every minute. The demo SKUs the buyers pick get
# a stock of 100,000 each through the admin API. Then, per round:
#   kill  buyers arrive at BENCH_RATE/s; BENCH_CRASH_AT s into the load the application's JVM gets SIGKILL,
#         and BENCH_DOWN s later it is started again on the same database;
#   pg    the same load; BENCH_CRASH_AT s into it PostgreSQL is restarted (pg_ctlcluster ... restart, fast
#         mode: every session is cut) while the application runs: it must reconnect by itself.
# The health endpoint is polled every half second throughout (time to recover = health UP again), and the
# simulation counts answers per second (errors during the outage). After the load the script waits until
# nothing is left to do (incomplete events, payments PROCESSING, unpaid orders, held or unfolded
# reservations, owed invoices, queued messages, pending refunds), then checks the invariants over every
# order placed since the start (both rounds: the second round's check covers the first's orders again).
# Exits 1 when an invariant fails. Details stay in target/bench-crash (application log, Gatling's output).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rounds=("$@")
[ ${#rounds[@]} -eq 0 ] && rounds=(kill pg)
for round in "${rounds[@]}"; do
  case "$round" in kill | pg) ;; *) echo "unknown round '$round' (kill, pg)" >&2; exit 2 ;; esac
done

rate=${BENCH_RATE:-15}
warmup=${BENCH_WARMUP:-20}
seconds=${BENCH_SECONDS:-75}
ramp=${BENCH_RAMP:-10}
crash_at=${BENCH_CRASH_AT:-25}
down=${BENCH_DOWN:-5}
settle_timeout=${BENCH_SETTLE_TIMEOUT:-420}
port=${BENCH_PORT:-18190}
pg_port=${BENCH_PG_PORT:-5432}
stock=100000
recover_after=20s
redeliver_after=PT20S
payment_window=PT1M
base="http://127.0.0.1:$port"
report=docs/benchmarks/crash.md
notes_marker='<!-- Everything below this line is written by hand and kept by bench/crash.sh. -->'
results=target/bench-crash
skus=$(sed -n '/DEMO_SKUS = String.join/,/;/p' bench/src/gatling/java/io/boucle/bench/Bench.java | grep -o '"[A-Z0-9-]*"' | tr -d '"')
gatling_version=$(sed -n 's:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p' pom.xml)
database="boucle_crash_$(date -u +%Y%m%d%H%M%S)"

command -v psql >/dev/null || { echo "psql is needed (apt-get install postgresql-client)" >&2; exit 1; }
command -v pg_ctlcluster >/dev/null || { echo "pg_ctlcluster is needed (Debian's postgresql-common)" >&2; exit 1; }
bench_require_jdk
admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -XAtq -F '|' -v ON_ERROR_STOP=1 -c "$1"; }
admin "SELECT 1" >/dev/null || { echo "no PostgreSQL at 127.0.0.1:$pg_port for user postgres" >&2; exit 1; }
pg_cluster=$(pg_lsclusters -h | awk -v p="$pg_port" '$3 == p {print $1, $2; exit}')
[ -n "$pg_cluster" ] || { echo "no local cluster listens on port $pg_port (pg_lsclusters)" >&2; exit 1; }
pg_version=$(admin "SHOW server_version" | cut -d' ' -f1)
load_before=$(bench_load_average)

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  echo "== building the application and the simulations (under the build lock)"
  flock /tmp/mvn.lock sh -c './mvnw -o -q -DskipTests package && ./mvnw -o -q -Pbench -DskipTests test-compile \
    && ./mvnw -o -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-crash.classpath'
fi
[ -f target/bench-crash.classpath ] && [ -d target/test-classes/io/boucle/bench ] \
  || { echo "the simulations are not built: run without BENCH_SKIP_BUILD=1" >&2; exit 1; }
# Gatling is run as a plain Java program on the bench profile's test classpath, with the settings the
# bench profile gives its Maven plugin.
gatling_classpath="$(pwd)/target/test-classes:$(cat target/bench-crash.classpath)"
jar=$(ls target/boucle-*.jar | grep -v -- '-plain' | head -1)

rm -rf "$results"
mkdir -p "$results"
results=$(cd "$results" && pwd)
work="$(mktemp -d)"
# The jar the run started with, whatever builds happen meanwhile.
cp "$jar" "$work/boucle.jar"
app_pid=""
gatling_pid=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$gatling_pid" ] && kill -- -"$gatling_pid" 2>/dev/null || true
  stop_app
  if [ "${BENCH_KEEP:-}" = 1 ]; then
    echo "database kept: $database (BENCH_KEEP=1)"
  else
    admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== database $database on 127.0.0.1:$pg_port (PostgreSQL $pg_version)"
admin "CREATE DATABASE $database"

token="bcl_crash_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
auth=(-H "Authorization: Bearer $token")
export BOUCLE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/$database" BOUCLE_DATABASE_USER=postgres \
  BOUCLE_DEMO=true BOUCLE_PORT=$port BOUCLE_PUBLIC_URL=$base BOUCLE_DATA_DIR="$work/data" BOUCLE_ADMIN_API_TOKEN=$token
bench_app_log="$results/app.log"
starts=0

start_app() {
  starts=$((starts + 1))
  echo "---- start $starts at $(date -u +%H:%M:%S.%3N)" >>"$bench_app_log"
  "$bench_java" -Dboucle.payment.recover-after=$recover_after -Dboucle.events.redeliver-after=$redeliver_after \
    -Dboucle.checkout.payment-window=$payment_window -jar "$work/boucle.jar" >>"$bench_app_log" 2>&1 &
  app_pid=$!
  bench_jvm=$app_pid
}
healthy() { curl -fsS -m 2 "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
# wait_healthy SECONDS: until the health endpoint answers UP; fails when the application exits.
wait_healthy() {
  local deadline=$((SECONDS + $1))
  while [ $SECONDS -lt $deadline ]; do
    healthy && return 0
    if [ -n "$app_pid" ] && ! kill -0 "$app_pid" 2>/dev/null; then
      tail -n 60 "$bench_app_log" >&2
      echo "the application exited" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "not healthy after $1 s" >&2
  return 1
}
stop_app() { # SIGTERM (graceful), SIGKILL after 40 s
  [ -n "$app_pid" ] || return 0
  kill "$app_pid" 2>/dev/null || true
  local _
  for _ in $(seq 1 200); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}
now_ms() { date +%s%3N; }

echo "== starting the application (java -jar, demo data, owner API token)"
t=$(now_ms)
start_app
wait_healthy 300
first_start_ms=$(( $(now_ms) - t ))
echo "   healthy after ${first_start_ms} ms"

echo "== stock of the $(echo "$skus" | wc -w) demo SKUs the buyers pick: $stock each"
for sku in $skus; do
  curl -fsS -o /dev/null -X PUT "${auth[@]}" -H 'Content-Type: application/json' -d "{\"onHand\": $stock}" \
    "$base/api/v1/admin/inventory/$sku" || { echo "could not set the stock of $sku" >&2; exit 1; }
done

# What the invariants compare with: the stock before the first order, the orders already there (none in
# the demo), and when each round's crash came.
sql "CREATE SCHEMA bench_crash;
     CREATE TABLE bench_crash.initial_stock AS SELECT sku, on_hand, reserved FROM inventory.stock;
     CREATE TABLE bench_crash.known_order AS SELECT number FROM orders.customer_order;
     CREATE TABLE bench_crash.started AS SELECT now() AS at;
     CREATE VIEW bench_crash.run_order AS
       SELECT o.* FROM orders.customer_order o WHERE o.number NOT IN (SELECT number FROM bench_crash.known_order);"

# ---------------------------------------------------------------------------------------------
# Settling: what is left for the jobs and listeners to do.
left_to_do() {
  sql "SELECT
    (SELECT count(*) FROM platform.event_publication WHERE completion_date IS NULL),
    (SELECT count(*) FROM payment.payment WHERE status IN ('PROCESSING', 'REQUIRES_ACTION')),
    (SELECT count(*) FROM bench_crash.run_order WHERE status = 'AWAITING_PAYMENT'),
    (SELECT count(*) FROM inventory.reservation WHERE status = 'HELD'),
    (SELECT count(*) FROM inventory.reservation WHERE status = 'CONSUMED' AND NOT folded),
    (SELECT count(*) FROM invoicing.owed_invoice),
    (SELECT count(*) FROM messaging.message WHERE status = 'QUEUED'),
    (SELECT count(*) FROM payment.refund WHERE status = 'PENDING'),
    (SELECT count(*) FROM bench_crash.run_order o WHERE o.paid_at IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM invoicing.document d WHERE d.order_reference = o.number AND d.document_type = 'INVOICE'))"
}
left_labels=("incomplete event publications" "payments processing" "orders awaiting payment" "reservations held"
  "reservations not folded" "owed invoices" "messages queued" "refunds pending" "paid orders without invoice")
describe_left() {
  local IFS='|' i=0 out="" n
  for n in $1; do
    [ "$n" != 0 ] && out+="${out:+, }$n ${left_labels[$i]}"
    i=$((i + 1))
  done
  echo "${out:-nothing}"
}
# settle NAME: waits until nothing is left, at most BENCH_SETTLE_TIMEOUT s; sets settled[NAME] to the time taken.
declare -A settled settled_left
settle() {
  local t0=$SECONDS left previous="" last_print=-100
  while :; do
    left=$(left_to_do 2>/dev/null || echo "?")
    if [ "$left" = "0|0|0|0|0|0|0|0|0" ]; then
      settled[$1]="$((SECONDS - t0)) s"
      settled_left[$1]="nothing"
      echo "   settled after $((SECONDS - t0)) s"
      return 0
    fi
    if [ $((SECONDS - t0)) -ge "$settle_timeout" ]; then
      settled[$1]="not within ${settle_timeout} s"
      settled_left[$1]=$(describe_left "$left")
      echo "   NOT settled after ${settle_timeout} s: $(describe_left "$left")"
      return 0
    fi
    if [ "$left" != "$previous" ] && [ $((SECONDS - last_print)) -ge 15 ]; then
      echo "   left after $((SECONDS - t0)) s: $(describe_left "$left")"
      previous=$left
      last_print=$SECONDS
    fi
    sleep 3
  done
}

# ---------------------------------------------------------------------------------------------
# The invariants: one line each, "PASS|name|numbers" or "FAIL|name|numbers".
invariants() {
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -XAtq -F '|' -v ON_ERROR_STOP=1 -f - <<'SQL'
WITH inv AS (
  SELECT o.number, o.paid_at IS NOT NULL AS paid,
         (SELECT count(*) FROM invoicing.document d WHERE d.order_reference = o.number AND d.document_type = 'INVOICE') AS n
  FROM orders.customer_order o)
SELECT CASE WHEN count(*) FILTER (WHERE paid AND n <> 1) + count(*) FILTER (WHERE NOT paid AND n > 0) = 0 THEN 'PASS' ELSE 'FAIL' END,
       'every paid order has exactly one invoice',
       format('%s orders, %s paid, %s invoices; %s paid orders without an invoice, %s with more than one, %s unpaid orders with one%s',
         count(*), count(*) FILTER (WHERE paid), sum(n), count(*) FILTER (WHERE paid AND n = 0), count(*) FILTER (WHERE n > 1),
         count(*) FILTER (WHERE NOT paid AND n > 0),
         coalesce(' (e.g. ' || array_to_string((array_agg(number) FILTER (WHERE (paid AND n <> 1) OR (NOT paid AND n > 0)))[1:5], ', ') || ')', ''))
FROM inv;

WITH s AS (
  SELECT d.series, d.document_type, count(*) AS n, count(DISTINCT d.sequence) AS distinct_n, min(d.sequence) AS lo,
         max(d.sequence) AS hi,
         (SELECT c.last_number FROM invoicing.series c WHERE c.prefix || c.year = d.series) AS counter
  FROM invoicing.document d GROUP BY d.series, d.document_type),
chain AS (
  SELECT count(*) AS n, coalesce(max(chain_position), 0) AS hi, (SELECT position FROM invoicing.chain_head) AS head
  FROM invoicing.document)
SELECT CASE WHEN bool_and(s.n = s.distinct_n AND s.lo = 1 AND s.hi = s.n AND s.counter = s.hi) IS NOT FALSE
                 AND (SELECT n = hi AND hi = head FROM chain) THEN 'PASS' ELSE 'FAIL' END,
       'invoice and credit-note numbers contiguous per series and year',
       coalesce(string_agg(format('%s (%s): %s documents, numbers %s to %s, %s distinct, counter at %s',
                                  s.series, lower(s.document_type), s.n, s.lo, s.hi, s.distinct_n, s.counter), '; '), 'no document')
         || (SELECT format('; hash chain: %s documents, positions up to %s, head at %s', n, hi, head) FROM chain)
FROM s;

WITH sold AS (
  SELECT l.sku, sum(l.quantity) AS units FROM bench_crash.run_order o JOIN orders.line l ON l.order_number = o.number
  WHERE o.paid_at IS NOT NULL GROUP BY l.sku),
returned AS (
  SELECT m.sku, sum(m.delta) AS units FROM inventory.movement m
  WHERE m.reason = 'RETURNED' AND m.at >= (SELECT at FROM bench_crash.started) GROUP BY m.sku),
held AS (
  SELECT sku, sum(quantity) AS units FROM inventory.reservation WHERE status = 'HELD' GROUP BY sku),
per_sku AS (
  SELECT i.sku, i.on_hand AS initial, coalesce(sold.units, 0) AS sold, coalesce(returned.units, 0) AS returned,
         s.on_hand, s.reserved, coalesce(held.units, 0) AS held
  FROM bench_crash.initial_stock i JOIN inventory.stock s USING (sku)
  LEFT JOIN sold USING (sku) LEFT JOIN returned USING (sku) LEFT JOIN held USING (sku)
  WHERE sold.units IS NOT NULL OR returned.units IS NOT NULL OR s.on_hand <> i.on_hand)
SELECT CASE WHEN count(*) FILTER (WHERE on_hand <> initial - sold + returned) = 0 AND count(*) > 0 THEN 'PASS' ELSE 'FAIL' END,
       'stock on hand = initial - sold + returned, per SKU sold',
       format('%s SKUs, %s units sold, %s returned; %s SKUs off%s', count(*), coalesce(sum(sold), 0), coalesce(sum(returned), 0),
         count(*) FILTER (WHERE on_hand <> initial - sold + returned),
         coalesce(' (' || string_agg(format('%s: initial %s - sold %s + returned %s = %s, on hand %s', sku, initial, sold,
           returned, initial - sold + returned, on_hand), '; ') FILTER (WHERE on_hand <> initial - sold + returned) || ')', ''))
FROM per_sku;

WITH held AS (SELECT sku, sum(quantity) AS units FROM inventory.reservation WHERE status = 'HELD' GROUP BY sku)
SELECT CASE WHEN count(*) FILTER (WHERE s.on_hand < 0 OR s.reserved < 0 OR s.reserved > s.on_hand
                                   OR s.reserved <> coalesce(h.units, 0)) = 0 THEN 'PASS' ELSE 'FAIL' END,
       'no negative stock or reservation; reserved = units held',
       format('%s SKUs; %s with on hand < 0, %s with reserved < 0 or above on hand, %s whose reserved differs from their held reservations%s',
         count(*), count(*) FILTER (WHERE s.on_hand < 0), count(*) FILTER (WHERE s.reserved < 0 OR s.reserved > s.on_hand),
         count(*) FILTER (WHERE s.reserved <> coalesce(h.units, 0)),
         coalesce(' (' || string_agg(format('%s: on hand %s, reserved %s, held %s', s.sku, s.on_hand, s.reserved, coalesce(h.units, 0)), '; ')
           FILTER (WHERE s.on_hand < 0 OR s.reserved < 0 OR s.reserved > s.on_hand OR s.reserved <> coalesce(h.units, 0)) || ')', ''))
FROM inventory.stock s LEFT JOIN held h USING (sku);

WITH r AS (
  SELECT o.number, o.status, o.paid_at IS NOT NULL AS paid,
         count(r.*) AS lines,
         count(r.*) FILTER (WHERE r.status = 'CONSUMED' AND r.folded) AS consumed,
         count(r.*) FILTER (WHERE r.status = 'RELEASED') AS released
  FROM bench_crash.run_order o LEFT JOIN inventory.reservation r ON r.reference = o.number GROUP BY o.number, o.status, o.paid_at)
SELECT CASE WHEN count(*) FILTER (WHERE lines = 0 OR (paid AND consumed <> lines) OR (status = 'CANCELLED' AND NOT paid AND released <> lines)) = 0
            THEN 'PASS' ELSE 'FAIL' END,
       'each order''s reservation consumed once paid, released once cancelled',
       format('%s orders; %s without a reservation, %s paid whose reservation is not consumed and folded, %s cancelled unpaid whose reservation is not released%s',
         count(*), count(*) FILTER (WHERE lines = 0), count(*) FILTER (WHERE paid AND consumed <> lines),
         count(*) FILTER (WHERE status = 'CANCELLED' AND NOT paid AND released <> lines),
         coalesce(' (e.g. ' || array_to_string((array_agg(number) FILTER (WHERE lines = 0 OR (paid AND consumed <> lines)
           OR (status = 'CANCELLED' AND NOT paid AND released <> lines)))[1:5], ', ') || ')', ''))
FROM r;

WITH p AS (
  SELECT p.id, p.reference, p.amount, p.refunded, p.status, o.number IS NOT NULL AS has_order, o.status AS order_status,
         o.paid_at IS NOT NULL AS order_paid
  FROM payment.payment p LEFT JOIN orders.customer_order o ON o.number = p.reference
  WHERE p.status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'))
SELECT CASE WHEN count(*) FILTER (WHERE NOT has_order OR (NOT order_paid AND refunded < amount)) = 0 THEN 'PASS' ELSE 'FAIL' END,
       'no captured payment without its (paid) order',
       format('%s captured payments; %s without an order, %s whose order is not paid and that are not refunded in full%s',
         count(*), count(*) FILTER (WHERE NOT has_order), count(*) FILTER (WHERE has_order AND NOT order_paid AND refunded < amount),
         coalesce(' (e.g. ' || array_to_string((array_agg(format('%s for %s (%s, order %s)', id, reference, status, coalesce(order_status, 'none')))
           FILTER (WHERE NOT has_order OR (NOT order_paid AND refunded < amount)))[1:5], ', ') || ')', ''))
FROM p;

WITH o AS (
  SELECT o.number, o.total,
         (SELECT count(*) FROM payment.payment p WHERE p.reference = o.number
            AND p.status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED')) AS captured
  FROM orders.customer_order o WHERE o.paid_at IS NOT NULL)
SELECT CASE WHEN count(*) FILTER (WHERE captured <> 1) = 0 THEN 'PASS' ELSE 'FAIL' END,
       'every paid order has exactly one captured payment',
       format('%s paid orders; %s without a captured payment, %s with more than one%s', count(*),
         count(*) FILTER (WHERE captured = 0), count(*) FILTER (WHERE captured > 1),
         coalesce(' (e.g. ' || array_to_string((array_agg(number) FILTER (WHERE captured <> 1))[1:5], ', ') || ')', ''))
FROM o;

WITH placed AS (
  SELECT serialized_event::jsonb -> 'number' ->> 'value' AS number, completion_date
  FROM platform.event_publication WHERE event_type = 'io.boucle.order.OrderPlaced'),
e AS (
  SELECT o.number, count(p.*) AS published, count(p.*) FILTER (WHERE p.completion_date IS NULL) AS incomplete
  FROM bench_crash.run_order o LEFT JOIN placed p USING (number) GROUP BY o.number)
SELECT CASE WHEN count(*) FILTER (WHERE published = 0 OR incomplete > 0) = 0
                 AND (SELECT count(*) FROM platform.event_publication WHERE completion_date IS NULL) = 0 THEN 'PASS' ELSE 'FAIL' END,
       'every event publication completed (order placements included)',
       format('%s orders placed; %s without an OrderPlaced publication, %s with one incomplete; %s publications in all, %s incomplete%s',
         count(*), count(*) FILTER (WHERE published = 0), count(*) FILTER (WHERE incomplete > 0),
         (SELECT count(*) FROM platform.event_publication), (SELECT count(*) FROM platform.event_publication WHERE completion_date IS NULL),
         coalesce(' (' || (SELECT string_agg(DISTINCT regexp_replace(event_type, '.*\.', '') || ' to ' || regexp_replace(listener_id, '.*\.(\w+\.\w+)\(.*', '\1'), ', ')
           FROM platform.event_publication WHERE completion_date IS NULL) || ')', ''))
FROM e;

WITH m AS (
  SELECT o.number,
         (SELECT count(*) FROM messaging.message m WHERE m.template = 'order-acknowledgment' AND m.reference = o.number) AS acks,
         (SELECT count(*) FROM invoicing.document d WHERE d.order_reference = o.number AND d.document_type = 'INVOICE') AS invoices,
         (SELECT count(*) FROM messaging.message m WHERE m.template = 'invoice' AND m.reference = o.number) AS invoice_mails
  FROM bench_crash.run_order o)
SELECT CASE WHEN count(*) FILTER (WHERE acks <> 1 OR invoice_mails <> invoices) = 0
                 AND (SELECT count(*) FROM messaging.message WHERE status NOT IN ('SENT', 'LOGGED')) = 0 THEN 'PASS' ELSE 'FAIL' END,
       'each order acknowledged once, each invoice emailed once',
       format('%s orders: %s acknowledgments; %s orders with none, %s with more than one; %s invoices, %s invoice emails, %s orders whose invoice was not emailed exactly once; %s messages not sent or logged%s',
         count(*), sum(acks), count(*) FILTER (WHERE acks = 0), count(*) FILTER (WHERE acks > 1), sum(invoices), sum(invoice_mails),
         count(*) FILTER (WHERE invoice_mails <> invoices),
         (SELECT count(*) FROM messaging.message WHERE status NOT IN ('SENT', 'LOGGED')),
         coalesce(' (e.g. ' || array_to_string((array_agg(number) FILTER (WHERE acks <> 1 OR invoice_mails <> invoices))[1:5], ', ') || ')', ''))
FROM m;

SELECT CASE WHEN p + a + h + w + q + r = 0 THEN 'PASS' ELSE 'FAIL' END,
       'nothing stuck in a transient state',
       format('%s payments PROCESSING or REQUIRES_ACTION, %s orders AWAITING_PAYMENT, %s reservations HELD, %s owed invoices, %s messages QUEUED, %s refunds PENDING; %s job executions picked by a dead scheduler',
         p, a, h, w, q, r, d)
FROM (SELECT
  (SELECT count(*) FROM payment.payment WHERE status IN ('PROCESSING', 'REQUIRES_ACTION')) AS p,
  (SELECT count(*) FROM bench_crash.run_order WHERE status = 'AWAITING_PAYMENT') AS a,
  (SELECT count(*) FROM inventory.reservation WHERE status = 'HELD') AS h,
  (SELECT count(*) FROM invoicing.owed_invoice) AS w,
  (SELECT count(*) FROM messaging.message WHERE status = 'QUEUED') AS q,
  (SELECT count(*) FROM payment.refund WHERE status = 'PENDING') AS r,
  (SELECT count(*) FROM platform.scheduled_tasks WHERE picked AND last_heartbeat < now() - interval '1 minute') AS d) x;
SQL
}

# What became of the round's orders (status: count), and of their payments.
round_orders() {
  sql "SELECT coalesce(string_agg(format('%s %s', n, lower(status)), ', ' ORDER BY n DESC), 'none') FROM (
         SELECT o.status, count(*) AS n FROM bench_crash.run_order o
         WHERE o.placed_at >= '$1' AND o.placed_at < '$2' GROUP BY o.status) x"
}
round_payments() {
  sql "SELECT coalesce(string_agg(format('%s %s%s', n, lower(status), coalesce(' (' || codes || ')', '')), ', ' ORDER BY n DESC), 'none') FROM (
         SELECT p.status, count(*) AS n, string_agg(DISTINCT p.decline_code, ', ') AS codes FROM payment.payment p
         WHERE p.created_at >= '$1' AND p.created_at < '$2' GROUP BY p.status) x"
}

# health_summary CRASH_MS FILE: how many polls after the crash were not UP, and the longest stretch of them.
health_summary() {
  awk -v c="$1" '$1 >= c {
      total++
      if ($2 != 200) { n++; if (!s) s = $1; e = $1 } else if (s) { d = e - s + 500; if (d > m) m = d; s = 0 }
    }
    END {
      if (s) { d = e - s + 500; if (d > m) m = d }
      if (!n) print "always UP"; else printf "%d of %d polls after the crash; longest stretch not UP %.1f s", n, total, m / 1000
    }' "$2"
}

# gatling NAME SECONDS: the buying flow at BENCH_RATE for SECONDS after the ramp-up; its summary in $results/NAME.tsv.
gatling() {
  "$bench_java" --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -XX:+HeapDumpOnOutOfMemoryError \
    -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -cp "$gatling_classpath" -Dlogback.configurationFile=bench/src/gatling/logback.xml \
    -Dgatling.charting.indicators.percentile1=50 -Dgatling.charting.indicators.percentile2=95 \
    -Dgatling.charting.indicators.percentile3=99 -Dgatling.charting.indicators.percentile4=99.9 \
    -Dbench.baseUrl="$base" -Dbench.summary="$results/$1.tsv" -Dbench.rate="$rate" -Dbench.rampSeconds="$ramp" \
    -Dbench.seconds="$2" io.gatling.app.Gatling -s io.boucle.bench.BuyingFlowSimulation -rf "$results/gatling"
}
export bench_java gatling_classpath results base rate ramp

# ---------------------------------------------------------------------------------------------
# A round: the load, the crash in its middle, the recovery, settling, the invariants.
declare -A redelivered crash_note recovery gatling_ok gatling_errors errors_outage errors_outside error_statuses flows_paid arrivals \
  orders_of payments_of verdicts health_down
failed=0
run_round() {
  local name=$1 tsv="$results/$1.tsv" health="$results/$1.health"
  echo
  echo "== round '$name': $rate buyers/s for ${seconds} s (after ${ramp} s of ramp-up); crash ${crash_at} s into the load"
  local round_start
  round_start=$(sql "SELECT now()")
  local orders_before
  orders_before=$(sql "SELECT count(*) FROM orders.customer_order")
  : >"$health"
  ( while :; do
      code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$base/actuator/health" 2>/dev/null || true)
      echo "$(now_ms) ${code:-000}"
      sleep 0.5
    done ) >>"$health" 2>/dev/null &
  sampler=$!
  setsid bash -c "$(declare -f gatling); gatling $name $seconds" >"$results/$name.log" 2>&1 &
  gatling_pid=$!
  # The load has begun when orders come in.
  local _
  for _ in $(seq 1 300); do
    [ "$(sql "SELECT count(*) FROM orders.customer_order")" -gt "$orders_before" ] && break
    kill -0 "$gatling_pid" 2>/dev/null || { tail -n 40 "$results/$name.log" >&2; echo "Gatling ended before any order" >&2; exit 1; }
    sleep 0.5
  done
  sleep "$crash_at"
  local crash_ms up_ms
  crash_ms=$(now_ms)
  local crashed_at
  crashed_at=$(date -u +%H:%M:%S)
  if [ "$name" = kill ]; then
    local victim=$app_pid
    echo "   $crashed_at kill -9 $victim (the application's JVM)"
    kill -9 "$victim"
    wait "$victim" 2>/dev/null || true
    sleep "$down"
    local restart_ms
    restart_ms=$(now_ms)
    echo "   $(date -u +%H:%M:%S) starting it again on the same database"
    start_app
    wait_healthy 300
    up_ms=$(now_ms)
    recovery[$name]="health UP $(( (up_ms - crash_ms) )) ms after the kill; the new JVM was started ${down} s after the kill and answered UP $(( up_ms - restart_ms )) ms later"
    crash_note[$name]="\`kill -9\` of the application's JVM ${crash_at} s into the load, started again ${down} s later (\`java -jar\`, same database)"
  else
    echo "   $crashed_at pg_ctlcluster $pg_cluster restart (the application keeps running)"
    local pg_t0 pg_ms
    pg_t0=$(now_ms)
    pg_ctlcluster --skip-systemctl-redirect $pg_cluster restart
    pg_ms=$(( $(now_ms) - pg_t0 ))
    # The pool must give fresh connections: health UP, then an order through the API.
    wait_healthy 120 || { echo "the application did not come back after PostgreSQL's restart" >&2; failed=1; }
    up_ms=$(now_ms)
    recovery[$name]="PostgreSQL restarted in ${pg_ms} ms (pg_ctlcluster, fast shutdown); the application's health was UP again $(( up_ms - crash_ms )) ms after the restart began (same JVM, no restart)"
    crash_note[$name]="PostgreSQL restarted (\`pg_ctlcluster --skip-systemctl-redirect $pg_cluster restart\`) ${crash_at} s into the load, the application left running"
  fi
  echo "   ${recovery[$name]}"
  echo "   waiting for the load to end"
  wait "$gatling_pid" || echo "   (Gatling exited with $?: see $results/$name.log)"
  gatling_pid=""
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  sampler=""
  local round_end
  round_end=$(sql "SELECT now()")
  [ -f "$tsv" ] || { tail -n 40 "$results/$name.log" >&2; echo "no summary from Gatling" >&2; exit 1; }

  # Answers per second: the outage is from the crash to 10 s after health was UP again.
  local outage_end=$(( (up_ms + 10000) / 1000 )) crash_s=$((crash_ms / 1000))
  errors_outage[$name]=$(awk -F'\t' -v a="$crash_s" -v b="$outage_end" '$1 == "second" && $2 >= a && $2 <= b {n += $5} END {print n + 0}' "$tsv")
  errors_outside[$name]=$(awk -F'\t' -v a="$crash_s" -v b="$outage_end" '$1 == "second" && ($2 < a || $2 > b) {n += $5} END {print n + 0}' "$tsv")
  gatling_ok[$name]=$(awk -F'\t' '$1 == "second" {n += $3} END {print n + 0}' "$tsv")
  gatling_errors[$name]=$(awk -F'\t' '$1 == "second" {n += $5} END {print n + 0}' "$tsv")
  error_statuses[$name]=$(awk -F'\t' '$1 == "status" && $2 !~ /^flow/ && $3 != 200 && $3 != 201 {c[$3 == 0 ? "no answer" : $3] += $4}
    END {for (k in c) printf "%s%s: %s", (n++ ? ", " : ""), k, c[k]; if (!n) printf "none"}' "$tsv")
  flows_paid[$name]=$(awk -F'\t' '$1 == "request" && ($2 == "flow" || $2 == "flow (ramp-up)") && $3 == "ok" {n += $4} END {print n + 0}' "$tsv")
  arrivals[$name]=$(awk -F'\t' '$1 == "request" && ($2 == "flow" || $2 == "flow (ramp-up)") && $3 == "all" {n += $4} END {print n + 0}' "$tsv")
  health_down[$name]=$(health_summary "$crash_ms" "$health")
  echo "   $(( ${arrivals[$name]} )) buyers arrived, ${flows_paid[$name]} flows paid; ${gatling_errors[$name]} request errors (${errors_outage[$name]} during the outage, ${errors_outside[$name]} outside it); answers in error: ${error_statuses[$name]}"

  echo "== settling (jobs every minute: payment recovery after $recover_after, event redelivery after $redeliver_after, unpaid orders cancelled after $payment_window, owed invoices)"
  settle "$name"
  orders_of[$name]=$(round_orders "$round_start" "$round_end")
  # What recovery had to do: publications delivered again, payments asked about after the delay.
  redelivered[$name]=$(sql "SELECT format('%s of %s event publications of the round delivered more than once',
      count(*) FILTER (WHERE completion_attempts > 1), count(*))
    FROM platform.event_publication WHERE publication_date >= '$round_start' AND publication_date < '$round_end'")
  payments_of[$name]=$(round_payments "$round_start" "$round_end")
  echo "   orders placed in the round: ${orders_of[$name]}"
  echo "   payment attempts in the round: ${payments_of[$name]}"
  echo "   ${redelivered[$name]}"
  echo "== invariants after the '$name' round"
  local lines
  lines=$(invariants)
  verdicts[$name]=$lines
  while IFS='|' read -r verdict what numbers; do
    printf '%s  %s: %s\n' "$verdict" "$what" "$numbers"
    [ "$verdict" = PASS ] || failed=1
  done <<<"$lines"
}

if [ "$warmup" != 0 ]; then
  echo
  echo "== warm-up: $rate buyers/s for ${warmup} s (after ${ramp} s of ramp-up; its orders are checked with the others)"
  gatling warmup "$warmup" >"$results/warmup.log" 2>&1 || { tail -n 40 "$results/warmup.log" >&2; echo "Gatling failed" >&2; exit 1; }
  echo "   $(awk -F'\t' '$1 == "second" {ok += $3; e += $5} END {printf "%d requests answered as expected, %d errors", ok, e}' "$results/warmup.tsv")"
  warmup_note=$(awk -F'\t' '$1 == "second" {ok += $3; e += $5} END {printf "%d requests answered as expected, %d errors", ok, e}' "$results/warmup.tsv")
fi
for round in "${rounds[@]}"; do run_round "$round"; done

# ---------------------------------------------------------------------------------------------
# The report.
bench_facts
bench_history "$report" "$notes_marker"
today=$(date -u +%Y-%m-%d)
overall=$([ "$failed" = 0 ] && echo "every invariant held after each crash" || echo "AN INVARIANT FAILED")
summary="$today Boucle $bench_commit, $rate buyers/s: $overall"
for round in "${rounds[@]}"; do
  summary+="; $round: $(grep -c '^PASS' <<<"${verdicts[$round]}")/$(grep -c . <<<"${verdicts[$round]}") invariants PASS, ${errors_outage[$round]} errors during the outage, ${errors_outside[$round]} outside it, settled ${settled[$round]}"
done
{
  cat <<MD
# Crash run

Measured by \`bench/crash.sh ${rounds[*]}\` on $today: $(nproc) cores ($bench_cpu_model), $bench_memory_gib GiB,
$bench_jdk, PostgreSQL $pg_version (the machine's server, on the same machine), Boucle $bench_commit,
Gatling $gatling_version. Load average before the run: $load_before (the machine is shared).
Result: **$overall**.

The application runs as \`java -jar\` on a new database of the machine's PostgreSQL (\`BOUCLE_DATABASE_URL\`,
demo shop seeded, pool of $bench_pool connections), healthy $first_start_ms ms after its first start. Recovery delays
are shortened so that a round settles in a minute or two: \`boucle.payment.recover-after=$recover_after\`,
\`boucle.events.redeliver-after=$redeliver_after\`, \`boucle.checkout.payment-window=$payment_window\` (the jobs that
use them run every minute). $( [ "$warmup" != 0 ] && echo "It is warmed up by ${warmup} s of the same load as the rounds' (${warmup_note:-?})." ) The $(echo "$skus" | wc -w) demo SKUs the buyers pick start with $stock units each.

In each round, buyers arrive at $rate/s (open model, after ${ramp} s of ramp-up from a tenth of it) for ${seconds} s, each
going the whole way through the API (\`BuyingFlowSimulation\`: cart, line, customer, home delivery, checkout
with \`tok_visa\`). ${crash_at} s after the round's first order comes the crash. Errors during the outage are expected:
they are counted, not failures. The outage is counted from the crash to 10 s after the health endpoint is UP
again. After the load, the script waits until nothing is left to do (events, payments PROCESSING, unpaid
orders, reservations, owed invoices, queued messages, refunds), then checks the invariants in the database
over every order placed since the start.

MD
  for round in "${rounds[@]}"; do
    cat <<MD
## Round \`$round\`: $( [ "$round" = kill ] && echo "the application killed" || echo "PostgreSQL restarted")

${crash_note[$round]}.

| | |
|---|---|
| buyers arrived / flows paid | ${arrivals[$round]} / ${flows_paid[$round]} |
| requests answered as expected | ${gatling_ok[$round]} |
| request errors during the outage | **${errors_outage[$round]}** |
| request errors outside the outage | **${errors_outside[$round]}** |
| answers in error (status: count) | ${error_statuses[$round]} |
| time to recover | ${recovery[$round]} |
| health endpoint not UP (polled every 0.5 s) | ${health_down[$round]} |
| settled after the load | ${settled[$round]} (left: ${settled_left[$round]}) |
| orders placed in the round | ${orders_of[$round]} |
| payment attempts in the round | ${payments_of[$round]} |
| events delivered again | ${redelivered[$round]} |

Invariants after this round (over every order since the start):

| invariant | result | numbers |
|---|---|---|
$(while IFS='|' read -r verdict what numbers; do echo "| $what | **$verdict** | $numbers |"; done <<<"${verdicts[$round]}")

MD
  done
  cat <<'MD'
## How to run it

```
bench/crash.sh            # both rounds, kill then pg; bench/crash.sh kill, or bench/crash.sh pg, for one
```

It needs a JDK ≥ 21, `psql` and the machine's PostgreSQL on 127.0.0.1:5432 with trust authentication for
`postgres` (`BENCH_PG_PORT` for another port), and the right to restart it with `pg_ctlcluster` (root or
postgres). It builds the jar and the simulations under the build lock (`/tmp/mvn.lock`, held for the build
only: the run itself does not hold it), creates `boucle_crash_<timestamp>` and drops it at the end
(`BENCH_KEEP=1` keeps it). Settings: `BENCH_RATE` (15 buyers/s), `BENCH_WARMUP` (20 s), `BENCH_SECONDS` (75), `BENCH_RAMP` (10),
`BENCH_CRASH_AT` (25 s after the first order), `BENCH_DOWN` (5 s), `BENCH_SETTLE_TIMEOUT` (420 s), `BENCH_PORT`
(18190), `BENCH_SKIP_BUILD=1`. Each invariant is printed PASS or FAIL with its numbers; the script exits 1 when
one fails. The application's log, Gatling's output and the health polls stay in `target/bench-crash`.
Restarting PostgreSQL cuts every session of the server, other databases' included: run it where nobody
else needs that server for a minute.
MD
  cat <<MD

Summary: $summary

## History

$bench_history_lines

$notes_marker
$bench_notes
MD
} >"$report"
echo
echo "report: $report"
echo "$overall"
exit "$failed"
