#!/usr/bin/env bash
# Contacts read path, app vs pgbench: see bench/README.md. Options as -D flags in BENCH_OPTS, e.g. BENCH_OPTS="-Drounds=5".
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
if ! command -v "${PGBENCH:-pgbench}" >/dev/null 2>&1; then
  echo "pgbench not found (install postgresql-client, or set PGBENCH=/path/to/pgbench): it is this benchmark's baseline" >&2
  exit 2
fi
./mvnw -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" ${BENCH_OPTS:-} -Dpgbench="$(command -v "${PGBENCH:-pgbench}")" \
  -cp "target/classes:$(cat target/bench-classpath.txt)" bench/ContactsReadBench.java
