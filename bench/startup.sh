#!/usr/bin/env bash
# Measures the README's run command: time from `./mvnw spring-boot:run` to a healthy app, on a new
# data directory (first start: creates the PostgreSQL cluster) and on an existing one, then the
# resident memory of the application JVM and of the embedded PostgreSQL at idle.
# Usage: bench/startup.sh [runs]   (writes docs/benchmarks/startup.md)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
port=18181
data="$(mktemp -d)"
report=docs/benchmarks/startup.md
./mvnw -q -o -DskipTests compile >/dev/null

ms() { date +%s%3N; }
start_app() {
  BOUCLE_DATA_DIR="$data" BOUCLE_PORT=$port ./mvnw -q -o spring-boot:run >"$data/app.log" 2>&1 &
  echo $!
}
wait_healthy() {
  until curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; do sleep 0.1; done
}
stop_app() {
  pkill -f "io.boucle.BoucleApplication" || true
  wait "$1" 2>/dev/null || true
}
rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

declare -a first warm
for i in $(seq 1 "$runs"); do
  rm -rf "$data"/*
  t0=$(ms); pid=$(start_app); wait_healthy; first+=($(( $(ms) - t0 ))); stop_app "$pid"
  t0=$(ms); pid=$(start_app); wait_healthy; warm+=($(( $(ms) - t0 )))
  if [ "$i" = "$runs" ]; then
    sleep 15   # idle: let start-up garbage be collected and the scheduler settle
    app=$(pgrep -f "io.boucle.BoucleApplication" | head -1)
    app_rss=$(rss_mb "$app")
    pg_rss=0
    for p in $(pgrep -f "$data/postgres" || true); do pg_rss=$(( pg_rss + $(rss_mb "$p") )); done
  fi
  stop_app "$pid"
done
rm -rf "$data"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Earlier results are kept, one line each, under "History".
history=""
if [ -f "$report" ]; then
  history=$(sed -n '/^## History/,$p' "$report" | grep '^- ' || true)
  previous=$(awk -F'|' '/new data directory/ {n=$4} /existing data directory/ {e=$4} /application JVM/ {r=$3} END {gsub(/ /,"",n); gsub(/ /,"",e); gsub(/ /,"",r); if (n) print n " new, " e " existing, JVM " r}' "$report")
  stamp=$(grep -o 'Boucle [0-9a-f]*' "$report" | head -1)
  [ -n "$previous" ] && history="- $stamp: $previous"$'\n'"$history"
fi
cat >"$report" <<MD
# Start-up time and idle memory

Measured by \`bench/startup.sh $runs\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$(java -version 2>&1 | head -1), Boucle $(git rev-parse --short HEAD 2>/dev/null || echo '?'), dependencies already in the local Maven repository.

Time runs from typing \`./mvnw spring-boot:run\` (Maven start, up-to-date check, forked JVM, embedded
PostgreSQL, migrations, Spring context, demo data on a new directory) to the first \`UP\` answer of
\`/actuator/health/readiness\` (ready for traffic).

| start | runs (ms) | median |
|---|---|---|
| new data directory (creates the PostgreSQL cluster and schema) | ${first[*]} | $(median "${first[@]}") ms |
| existing data directory | ${warm[*]} | $(median "${warm[@]}") ms |

Resident memory 15 s after a start, idle:

| process | RSS |
|---|---|
| application JVM | ${app_rss} MB |
| embedded PostgreSQL (all its processes) | ${pg_rss} MB |

Targets (issue "Foundation"): healthy within 10 s with the embedded database, application at most 400 MB
resident at idle. The machine is shared, so single figures move by a few hundred milliseconds.

## History

$history
MD
cat "$report"
