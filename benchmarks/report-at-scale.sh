#!/usr/bin/env bash
# neon-ops report at fleet scale on the testkit: N tenants x 4 shards (default 10000), collected at a concurrency (default 16).
# Prints set-up time, collection time and rate, findings and the text report's size. Builds the benchmarks jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk
JAVA="$JAVA_HOME/bin/java"
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -pl benchmarks -am package -DskipTests
exec "$JAVA" -Xmx4g -cp benchmarks/target/benchmarks.jar io.neonclient.benchmarks.ReportAtScale "${1:-10000}" "${2:-16}"
