#!/usr/bin/env bash
# Whole-process timings of the command line and of a fresh JVM's first call, against the standalone testkit:
#   curl of GET /control/v1/node (the floor), `neon-ops --help`, `neon-ops status` as `java -jar` and as ./neon-ops
#   (JDK 25+: the AOT cache the launcher writes once per build; NEON_OPS_AOT=off: class-data sharing; both C1 only),
#   and FirstCall: client creation + one describe with the SDK vs raw HttpClient + ObjectMapper in the same fresh JVM.
# Prints the median wall time of RUNS runs (default 11) and the median CPU time (user + sys) of the same runs, which a
# busy machine inflates far less than the wall time; note the load average printed before and after. Builds what is
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk
RUNS=${RUNS:-11}
[ -f samples/target/neon-ops.jar ] || mvn -B -q install -DskipTests
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -pl benchmarks package -DskipTests
JAVA="$JAVA_HOME/bin/java"

coproc TK { exec "$JAVA" -jar neon-client-testkit/target/neon-testkit.jar --pageservers 2 --safekeepers 1 --register-nodes; }
trap 'kill "$TK_PID" 2>/dev/null || true' EXIT
read -r line <&"${TK[0]}"
URL=$(printf '%s' "$line" | sed -n 's/.*"storage_controller":"\([^"]*\)".*/\1/p')
export NEON_STORCON_URL="$URL"
for _ in $(seq 100); do  # registered pageservers are Offline until their first heartbeat; an Attached(1) tenant needs two Active
  [ "$(curl -fsS "$URL/control/v1/node" | grep -o '"availability":"Active"' | wc -l)" -ge 2 ] && break
  sleep 0.1
done
TENANT=$(curl -fsS -X POST "$URL/v1/tenant" -H 'Content-Type: application/json' \
  -d '{"new_tenant_id":"99336152a31c64b41034e4e904629ce9","shard_parameters":{"count":2,"stripe_size":2048},"placement_policy":{"Attached":1}}' \
  >/dev/null && echo 99336152a31c64b41034e4e904629ce9)
sleep 1

median() { # runs "$@" RUNS times, prints the median wall time and the median CPU time (user + sys) in seconds
  local walls=() cpus=() i t
  local TIMEFORMAT='%R %U %S'
  for ((i = 0; i < RUNS; i++)); do
    t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || true
    walls+=("${t%% *}")
    cpus+=("$(awk -v u="$(echo "$t" | cut -d' ' -f2)" -v s="$(echo "$t" | cut -d' ' -f3)" 'BEGIN { printf "%.3f", u + s }')")
  done
  local wall cpu
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
  printf '%.3f s   (cpu %.3f s)\n' "$wall" "$cpu"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "runs: $RUNS, load average: $(load), JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
echo "curl GET /control/v1/node              $(median curl -fsS "$URL/control/v1/node")"
echo "java -jar neon-ops.jar --help          $(median "$JAVA" -jar samples/target/neon-ops.jar --help)"
echo "java -jar neon-ops.jar status          $(median "$JAVA" -jar samples/target/neon-ops.jar status)"
./neon-ops status >/dev/null 2>&1 || true                   # writes the AOT cache once (JDK 25+)
NEON_OPS_AOT=off ./neon-ops status >/dev/null 2>&1 || true  # writes the class-data archive once
echo "./neon-ops status (CDS, C1)            $(median env NEON_OPS_AOT=off ./neon-ops status)"
echo "./neon-ops status (AOT cache, C1)      $(median ./neon-ops status)"
echo "./neon-ops --help (AOT cache, C1)      $(median ./neon-ops --help)"
echo "fresh JVM: raw HttpClient+Jackson      $(median "$JAVA" -cp benchmarks/target/benchmarks.jar io.neonclient.benchmarks.FirstCall raw "$URL" "$TENANT")"
echo "fresh JVM: SDK client + describe       $(median "$JAVA" -cp benchmarks/target/benchmarks.jar io.neonclient.benchmarks.FirstCall sdk "$URL" "$TENANT")"
echo "load average after: $(load)"
