#!/usr/bin/env bash
# RLS cost benchmark: see bench/README.md. Options as -D flags in BENCH_OPTS, e.g. BENCH_OPTS="-Drounds=21".
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" ${BENCH_OPTS:-} -cp "target/classes:$(cat target/bench-classpath.txt)" bench/RlsCostBench.java
