#!/usr/bin/env bash
# Import speed vs COPY and peak heap: see bench/README.md. Options as -D flags in BENCH_OPTS, e.g.
# BENCH_OPTS="-Drows=200000 -Drounds=5". The heap limit is the point: the app runs in this JVM with -Xmx256m.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx256m ${BENCH_OPTS:-} -cp "target/classes:$(cat target/bench-classpath.txt)" bench/ImportSpeedBench.java
