#!/usr/bin/env bash
# Analytics at scale: event ingestion through the buffer, then the dashboard's figures for 90 days over
# generated history (default 10 M events and 1 M paid orders over 180 days), on the embedded PostgreSQL
# of a throw-away data directory (about 3 GB of disk while it runs).
#
# Usage: bench/analytics.sh [events] [orders] [ingestion-events] [repetitions]
# On a machine shared with builds, hold the build lock for the whole run:
#   flock /tmp/mvn.lock bench/analytics.sh
# Prints a Markdown table fragment; docs/benchmarks/analytics.md keeps the results.
set -euo pipefail
cd "$(dirname "$0")/.."
offline="${BENCH_OFFLINE:--o}"
./mvnw -q $offline -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_bin" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.boucle.analytics.AnalyticsBenchmark "$@" 2>&1 | tee target/analytics-bench.log | sed -n '/--- analytics benchmark ---/,$p'
