# Shared parts of the benchmark scripts that drive a running demo shop (storefront.sh, checkout.sh).
# Sourced from the repository's root, after `set -euo pipefail`.

bench_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
bench_hz=$(getconf CLK_TCK)

bench_require_jdk() {
  local major
  major=$("$bench_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
  if [ "${major:-0}" -lt 21 ]; then
    echo "Boucle needs a JDK >= 21: set JAVA_HOME (found ${major:-none})" >&2
    exit 1
  fi
}

# The demo shop, started as the README does (`./mvnw spring-boot:run`) on a new data directory.
# bench_start_app WORK PORT [extra Maven arguments...]: data in WORK/data, log in WORK/app.log.
# Sets bench_jvm (the application's process), bench_postmaster (PostgreSQL's), bench_pg_port and
# bench_jit (which JIT compilers run). BENCH_JIT=full runs both compilers, as `java -jar` does.
# The environment is passed on (BOUCLE_* variables configure the shop).
bench_start_app() {
  local work=$1 port=$2
  shift 2
  bench_work=$work
  bench_marker="-Dboucle.bench.run=$work"
  bench_app_log="$work/app.log"
  bench_maven_args=("$@")
  [ "${BENCH_JIT:-}" = full ] && bench_maven_args+=(-Dspring-boot.run.optimizedLaunch=false)
  echo "== starting the demo shop on port $port (data in $work/data)"
  BOUCLE_DATA_DIR="$work/data" BOUCLE_PORT=$port ./mvnw -q -o spring-boot:run "${bench_maven_args[@]}" \
    -Dspring-boot.run.jvmArguments="$bench_marker" >"$bench_app_log" 2>&1 &
  bench_maven=$!
  local base="http://127.0.0.1:$port" _
  for _ in $(seq 1 300); do
    curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
    if ! kill -0 "$bench_maven" 2>/dev/null; then tail -n 60 "$bench_app_log" >&2; exit 1; fi
    sleep 0.5
  done
  curl -fsS "$base/actuator/health" | grep -q '"status":"UP"' || { echo "not healthy" >&2; tail -n 60 "$bench_app_log" >&2; exit 1; }
  bench_jvm=$(bench_app_jvm)
  if tr '\0' ' ' <"/proc/$bench_jvm/cmdline" | grep -q -- '-XX:TieredStopAtLevel=1'; then
    bench_jit="C1 only (\`-XX:TieredStopAtLevel=1\`, spring-boot:run's default; \`BENCH_JIT=full\` for both compilers)"
  else
    bench_jit="both JIT compilers (C1 and C2), as \`java -jar\` runs"
  fi
  local pid_file
  pid_file=$(find "$work/data" -name postmaster.pid | head -1)
  bench_postmaster=$(sed -n 1p "$pid_file")
  bench_pg_port=$(sed -n 4p "$pid_file")
}

bench_app_jvm() { # the application's JVM: it carries the marker; Maven's JVM carries it only inside jvmArguments
  local p
  for p in $(pgrep -f -- "$bench_marker" || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- 'jvmArguments=' || echo "$p"
  done | head -1
}

bench_stop_app() { # SIGTERM to the application (it stops its PostgreSQL), then Maven ends
  [ -n "${bench_marker:-}" ] || return 0
  local jvm
  jvm=$(bench_app_jvm)
  [ -n "$jvm" ] && kill "$jvm" 2>/dev/null || true
  [ -n "${bench_maven:-}" ] && wait "$bench_maven" 2>/dev/null || true
}

# CPU time (clock ticks) of processes and of the whole machine, and % of one core in between.
bench_pg_pids() { echo "$bench_postmaster"; pgrep -P "$bench_postmaster" || true; }
bench_ticks_of() { local p; for p in "$@"; do [ -r "/proc/$p/stat" ] && sed 's/.*) //' "/proc/$p/stat" | awk -v p="$p" '{print p, $12 + $13}'; done; true; }
bench_machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

# bench_cpu_start NAME / bench_cpu_stop NAME: CPU of the application, of PostgreSQL (every process of
# the server, including those started meanwhile) and of the machine over the interval, in % of one
# core, as bench_cpu[NAME]="app|postgres|machine".
declare -A bench_cpu
bench_cpu_start() {
  bench_ticks_of "$bench_jvm" >"$bench_work/$1.app.before"
  bench_ticks_of $(bench_pg_pids) >"$bench_work/$1.pg.before"
  bench_busy0=$(bench_machine_busy)
  bench_t0=$(date +%s%N)
}
bench_cpu_stop() {
  local cs app pg all
  cs=$(( ($(date +%s%N) - bench_t0) / 10000000 ))
  bench_ticks_of "$bench_jvm" >"$bench_work/$1.app.after"
  bench_ticks_of $(bench_pg_pids) >"$bench_work/$1.pg.after"
  local busy1
  busy1=$(bench_machine_busy)
  bench_percent() { # % of one core over the interval, from before/after tick files
    awk -v hz="$bench_hz" -v cs="$cs" 'NR == FNR {b[$1] = $2; next} {d += $2 - b[$1]} END {printf "%.0f", d / hz * 10000 / cs}' "$1" "$2"
  }
  app=$(bench_percent "$bench_work/$1.app.before" "$bench_work/$1.app.after")
  pg=$(bench_percent "$bench_work/$1.pg.before" "$bench_work/$1.pg.after")
  all=$(awk -v d="$(( busy1 - bench_busy0 ))" -v hz="$bench_hz" -v cs="$cs" 'BEGIN {printf "%.0f", d / hz * 10000 / cs}')
  bench_cpu[$1]="$app|$pg|$all"
}

# One sample for a CPU time line: "epoch-ms application-ticks postgresql-ticks machine-busy-ticks".
bench_cpu_sample() {
  local app pg
  app=$(bench_ticks_of "$bench_jvm" | awk '{s += $2} END {print s + 0}')
  pg=$(bench_ticks_of $(bench_pg_pids) | awk '{s += $2} END {print s + 0}')
  echo "$(date +%s%3N) $app $pg $(bench_machine_busy)"
}

# CPU in % of one core between two epoch-ms instants, from a file of bench_cpu_sample lines (the first
# sample at or after FROM to the last at or before TO): "app|postgres|machine".
bench_cpu_window() {
  awk -v from="$2" -v to="$3" -v hz="$bench_hz" '
    $1 >= from && !a {a = 1; t0 = $1; x0 = $2; y0 = $3; z0 = $4}
    $1 <= to {t1 = $1; x1 = $2; y1 = $3; z1 = $4}
    END {
      if (!a || t1 <= t0) {print "?|?|?"; exit}
      f = 100000 / hz / (t1 - t0)
      printf "%.0f|%.0f|%.0f", (x1 - x0) * f, (y1 - y0) * f, (z1 - z0) * f
    }' "$1"
}

# Facts about the run for a report's heading.
bench_facts() {
  bench_commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
  git diff --quiet HEAD -- src pom.xml bench 2>/dev/null || bench_commit="$bench_commit + uncommitted changes"
  bench_cpu_model=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
  bench_jdk=$("$bench_java" -version 2>&1 | head -1)
  bench_pg_version=$(sed -n 's/.*PostgreSQL \([0-9.]*\).*/\1/p' "$bench_app_log" | head -1)
  bench_pool=${BOUCLE_DATABASE_POOL_SIZE:-10}
  bench_memory_gib=$(free -g | awk '/Mem:/ {print $2}')
}

bench_load_average() { cut -d' ' -f1-3 /proc/loadavg | tr -d '\n'; }

# A report keeps its earlier results and its hand-written notes: bench_history REPORT sets
# bench_history_lines (the previous "Summary:" line first) and bench_notes (everything below MARKER).
bench_history() {
  local report=$1 marker=$2 previous
  bench_history_lines=""
  bench_notes=""
  [ -f "$report" ] || return 0
  bench_history_lines=$(sed -n '/^## History/,/^<!-- Everything below/p' "$report" | grep '^- ' || true)
  previous=$(grep -m1 '^Summary:' "$report" | sed 's/^Summary: //' || true)
  [ -n "$previous" ] && bench_history_lines="- $previous"$'\n'"$bench_history_lines"
  bench_notes=$(awk -v m="$marker" 'kept {print} $0 == m {kept = 1}' "$report")
}

# met / not met: bench_verdict VALUE ">=" TARGET
bench_verdict() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {ok = op == ">=" ? a >= b : a <= b; print ok ? "met" : "not met"}'; }

# SQL on the demo shop's embedded PostgreSQL (after bench_start_app).
bench_sql() { psql -h 127.0.0.1 -p "$bench_pg_port" -U postgres -d postgres -XAtq -F '|' -c "$1"; }

# The events of a previous phase (acknowledgments, search updates...) are handled first, as long as
# their number goes down: a failed delivery stays pending until it is retried, minutes later.
bench_pending_events() { bench_sql "SELECT count(*) FROM platform.event_publication WHERE completion_date IS NULL"; }
bench_drain_events() {
  local pending previous=-1 still=0 _
  for _ in $(seq 1 600); do
    pending=$(bench_pending_events)
    [ "$pending" = 0 ] && return 0
    if [ "$pending" = "$previous" ]; then still=$((still + 1)); else still=0; fi
    [ "$still" -ge 20 ] && { echo "   $pending events stay pending (failed deliveries, retried later)"; return 0; }
    previous=$pending
    sleep 1
  done
}

# Reading a Gatling summary written by the simulations' Outcomes:
# bench_field FILE STEP OUTCOME COLUMN (count p50 p95 p99 p999 max first last)
bench_field() {
  awk -F'\t' -v step="$2" -v outcome="$3" -v column="$4" '
    BEGIN {split("count p50 p95 p99 p999 max first last", names, " "); for (i in names) index_of[names[i]] = i + 3}
    $1 == "request" && $2 == step && $3 == outcome {print $(index_of[column]); found = 1}
    END {if (!found) print 0}' "$1"
}
# OK answers per second from the first request to the last answer of a step: bench_throughput FILE STEP
bench_throughput() {
  awk -v n="$(bench_field "$1" "$2" ok count)" -v a="$(bench_field "$1" "$2" all first)" -v b="$(bench_field "$1" "$2" all last)" \
    'BEGIN {printf "%.0f", (b > a ? n * 1000 / (b - a) : 0)}'
}
