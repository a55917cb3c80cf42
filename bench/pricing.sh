#!/usr/bin/env bash
# Cart pricing micro-benchmark (JMH): a 30-line cart with no promotion vs 100 active promotions.
#
# Usage: bench/pricing.sh [extra JMH options]      e.g. bench/pricing.sh -wi 5 -i 10
# On a machine shared with builds, hold the build lock for the whole run:
#   flock /tmp/mvn.lock bench/pricing.sh
# Builds with the `bench` Maven profile (JMH from Maven Central), then runs CartPricingBenchmark in
# one forked JVM: 3 warm-up and 5 measured iterations of 2 s per case (8 cases, about 3 minutes).
# Results: target/jmh-pricing.json and the table printed at the end; the report is docs/benchmarks/pricing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
offline="${BENCH_OFFLINE--o}"
./mvnw -q $offline -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_bin" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
    CartPricingBenchmark -rf json -rff target/jmh-pricing.json "$@"
