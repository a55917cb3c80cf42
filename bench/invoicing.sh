#!/usr/bin/env bash
# Invoicing micro-benchmark (JMH): VAT assessments and Factur-X documents per second, for three sales.
#
# Usage: bench/invoicing.sh [extra JMH options]      e.g. bench/invoicing.sh -wi 5 -i 10
# On a machine shared with builds, hold the build lock for the whole run:
#   flock /tmp/mvn.lock bench/invoicing.sh
# Builds with the `bench` Maven profile (JMH from Maven Central), then runs InvoicingBenchmark in one
# forked JVM: 3 warm-up and 5 measured iterations of 2 s per case (6 cases, about 2 minutes).
# Results: target/jmh-invoicing.json and the table printed at the end; the report is docs/benchmarks/invoicing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
offline="${BENCH_OFFLINE--o}"
./mvnw -q $offline -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_bin" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
    InvoicingBenchmark -rf json -rff target/jmh-invoicing.json "$@"
