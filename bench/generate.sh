#!/usr/bin/env bash
# Generated catalog, customers and order history, loaded with COPY into a running shop's database.
#
# Usage: bench/generate.sh S|M jdbc-url [orders] [paths-directory]
#   S: 1,000 products, 10,000 customers, 20,000 paid orders
#   M: 100,000 products, 1,000,000 customers, 2,000,000 paid orders (orders overrides the count)
# e.g. bench/generate.sh S jdbc:postgresql://127.0.0.1:5432/postgres
# The same rows on every run (fixed seed, dates before 2026-01-01). The database must hold no generated
# data yet. User and password: BENCH_DB_USER / BENCH_DB_PASSWORD (postgres / postgres by default, the
# embedded database's; its port is the fourth line of postmaster.pid in the data directory).
# Generated customers sign in with the password "boucle-bench". With a paths directory, the pages a
# benchmark can request are written there (product, category, search).
# On a machine shared with builds, hold the build lock: flock /tmp/mvn.lock bench/generate.sh ...
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '4,5p' "$0" >&2; exit 2; }
offline="${BENCH_OFFLINE--o}"
./mvnw -q $offline -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_bin" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.boucle.bench.data.DataGenerator "$@"
