#!/usr/bin/env bash
# storcon.tenant(t).describe() against raw HttpClient + Jackson in JMH, interleaved call by call
# (InterleavedDescribeBenchmark: FORKS forks, 8 x 3 s of warm-up, 8 x 3 s measured, about 70 s per fork), then
# JmhRatios: each path's wall time per call, and the SDK's throughput as a fraction of each raw client's with a
# bootstrap 95 % interval over forks. Measured apart (PublicDescribeBenchmark, one path per fork), two nearly identical
# raw clients came out up to 19 % apart on a 2-core VM; interleaved, within 3.5 %.
# Usage: bash benchmarks/describe-jmh.sh [FORKS=4]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk
FORKS=${1:-4}
JAVA="$JAVA_HOME/bin/java"
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -pl benchmarks -am package -DskipTests
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
"$JAVA" -jar benchmarks/target/benchmarks.jar 'InterleavedDescribeBenchmark' -f "$FORKS" -wi 8 -w 3s -i 8 -r 3s \
  -rf json -rff "$OUT/result.json" >"$OUT/jmh.log" 2>&1 || { cat "$OUT/jmh.log" >&2; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
"$JAVA" -cp benchmarks/target/benchmarks.jar io.neonclient.benchmarks.JmhRatios "$OUT/result.json"
