#!/usr/bin/env bash
# webhook delivery throughput: see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" ${BENCH_OPTS:-} -cp "target/classes:$(cat target/bench-classpath.txt)" bench/WebhookThroughputBench.java
