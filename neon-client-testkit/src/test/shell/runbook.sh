#!/usr/bin/env bash
# The seed runbook's curl procedures (an operator's Example Run), corrected against upstream's source, run against the
# standalone testkit jar. Input: the jar's JSON line in $TESTKIT_JSON. Needs curl and jq.
# Corrections applied: stripe_size 2048 (not 65558), wait for nodes Active before tenant create, poll detach with
# GET /control/v1/tenant (404 = detached) instead of '.shards[0].policy', ancestor_start_lsn (not ancestor_start).
# Pageserver stop/start, controller restart, computes, WAL writes and clock moves use the testkit-only /testkit/v1
# routes.
set -euo pipefail

storcon_api=$(jq -r .storage_controller <<<"$TESTKIT_JSON")
ps1=$(jq -r '.pageservers["1"]' <<<"$TESTKIT_JSON")
ps1_port=${ps1##*:}
ps2=$(jq -r '.pageservers["2"]' <<<"$TESTKIT_JSON")
ps2_port=${ps2##*:}
tenant=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
timeline=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
new_timeline=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
J='Content-Type: application/json'

fail() { echo "RUNBOOK FAILED: $*" >&2; exit 1; }
# wait_for <description> <command...>: retries the command until it succeeds (20 s).
wait_for() {
  local what=$1; shift
  for _ in $(seq 1 400); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  fail "timed out waiting for $what"
}
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
node_is() { [ "$(curl -s "$storcon_api/control/v1/node/$1" | jq -r '.availability + "/" + .scheduling')" = "$2" ]; }
tenant_idle() {
  curl -s "$storcon_api/control/v1/tenant/$tenant" \
    | jq -e '[.shards[] | select(.is_reconciling or .node_attached == null or .last_error != "")] | length == 0'
}
all_on() { curl -s "$storcon_api/control/v1/tenant/$tenant" | jq -e "[.shards[] | select(.node_attached != $1 or .is_reconciling)] | length == 0"; }

echo "== 1. register pageservers and safekeepers"
for i in 1 2; do
  port_var=ps${i}_port
  pg=$(jq -r ".pageserver_pg_ports[\"$i\"]" <<<"$TESTKIT_JSON")
  [ "$(status_of -X POST "$storcon_api/control/v1/node" -H "$J" -d "{\"node_id\": $i, \"listen_pg_addr\": \"127.0.0.1\",
    \"listen_pg_port\": $pg, \"listen_http_addr\": \"127.0.0.1\", \"listen_http_port\": ${!port_var},
    \"availability_zone_id\": \"az-a\"}")" = 200 ] || fail "node register $i"
done
for sk in 1 2 3; do
  sk_port=$(jq -r ".safekeepers[\"$sk\"]" <<<"$TESTKIT_JSON"); sk_port=${sk_port##*:}
  [ "$(status_of -X POST "$storcon_api/control/v1/safekeeper/$sk" -H "$J" -d "{\"id\":$sk,\"region_id\":\"us-central\",
    \"version\":1,\"host\":\"127.0.0.1\",\"port\":5454,\"http_port\":$sk_port,\"availability_zone_id\":\"az-a\"}")" = 204 ] \
    || fail "safekeeper upsert $sk"
done
wait_for "node 1 Active" node_is 1 Active/Active
wait_for "node 2 Active" node_is 2 Active/Active

echo "== 2. create tenant (2 shards, Attached(1)) and timeline"
[ "$(status_of -X POST "$storcon_api/v1/tenant" -H "$J" -d '{
  "new_tenant_id": "'$tenant'", "shard_parameters": {"count": 2, "stripe_size": 2048}, "placement_policy": {"Attached": 1}
}')" = 201 ] || fail "tenant create"
wait_for "tenant attached" tenant_idle
[ "$(status_of -X POST "$storcon_api/v1/tenant/$tenant/timeline" -H "$J" -d '{"new_timeline_id": "'$timeline'", "pg_version": 16}')" = 201 ] \
  || fail "timeline create"
curl -s "$ps1/v1/location_config" | jq -e '.tenant_shards | length >= 1' >/dev/null || fail "location_config on pageserver 1"

echo "== 3. failover: stop pageserver 1"
curl -s -X POST "$storcon_api/testkit/v1/pageserver/1/stop" >/dev/null
wait_for "node 1 Offline" node_is 1 Offline/Active
wait_for "all shards on node 2" all_on 2

echo "== 4. restart pageserver 1, warm secondaries"
curl -s -X POST "$storcon_api/testkit/v1/pageserver/1/start" >/dev/null
wait_for "node 1 Active again" node_is 1 Active/Active
secondaries_warm() { [ "$(status_of -X POST "$storcon_api/v1/tenant/$tenant/secondary/download?wait_ms=100")" = 200 ]; }
wait_for "secondaries warm" secondaries_warm

echo "== 5. migrate shard 0 back to node 1"
[ "$(curl -s -X PUT "$storcon_api/control/v1/tenant/${tenant}-0002/migrate" -H "$J" -d '{"node_id": 1}')" = "{}" ] || fail "migrate"
shard0_on_1() { curl -s "$storcon_api/control/v1/tenant/$tenant" | jq -e '.shards[0] | .node_attached == 1 and (.is_reconciling | not)'; }
wait_for "shard 0 on node 1" shard0_on_1

echo "== 6. detach -> time travel -> re-attach"
t0=$(curl -s -X POST "$storcon_api/testkit/v1/clock/advance?seconds=60" | jq -r .now)
curl -s -X POST "$storcon_api/testkit/v1/clock/advance?seconds=60" >/dev/null
curl -s -X POST "$storcon_api/testkit/v1/tenant/$tenant/timeline/$timeline/write?bytes=65536" >/dev/null
before=$(curl -s "$storcon_api/v1/tenant/$tenant/timeline/$timeline" | jq -r .last_record_lsn)
curl -s -X PUT "$storcon_api/control/v1/tenant/$tenant/policy" -H "$J" -d '{"placement": "Detached"}' | grep -qx null || fail "detach"
tenant_gone() { [ "$(status_of "$storcon_api/control/v1/tenant/$tenant")" = 404 ]; }
wait_for "tenant detached (404)" tenant_gone
now=$(curl -s "$storcon_api/testkit/v1/clock" | jq -r .now)
[ "$(status_of -X PUT "$storcon_api/v1/tenant/$tenant/time_travel_remote_storage?travel_to=$t0&done_if_after=$now" -H "$J" \
  -d '{"shard_counts": [2]}')" = 200 ] || fail "time travel"
curl -s -X PUT "$storcon_api/control/v1/tenant/$tenant/policy" -H "$J" -d '{"placement": {"Attached": 1}}' | grep -qx null || fail "re-attach"
wait_for "tenant re-attached" tenant_idle
after=$(curl -s "$storcon_api/v1/tenant/$tenant/timeline/$timeline" | jq -r .last_record_lsn)
[ "$after" != "$before" ] || fail "time travel did not rewind ($before)"

echo "== 7. PITR branch at an LSN from get_lsn_by_timestamp"
curl -s -X POST "$storcon_api/testkit/v1/clock/advance?seconds=10" >/dev/null
curl -s -X POST "$storcon_api/testkit/v1/tenant/$tenant/timeline/$timeline/write?bytes=100" >/dev/null
curl -s -X POST "$storcon_api/testkit/v1/clock/advance?seconds=10" >/dev/null
ts=$(curl -s "$storcon_api/testkit/v1/clock" | jq -r .now)
curl -s -X POST "$storcon_api/testkit/v1/clock/advance?seconds=10" >/dev/null
curl -s -X POST "$storcon_api/testkit/v1/tenant/$tenant/timeline/$timeline/write?bytes=100" >/dev/null
lsn_json=$(curl -s -G "$storcon_api/v1/tenant/$tenant/timeline/$timeline/get_lsn_by_timestamp" --data-urlencode "timestamp=$ts")
[ "$(jq -r .kind <<<"$lsn_json")" = present ] || fail "get_lsn_by_timestamp: $lsn_json"
lsn=$(jq -r .lsn <<<"$lsn_json")
branch=$(curl -s -X POST -H "$J" "$storcon_api/v1/tenant/$tenant/timeline/" -d '{
  "new_timeline_id": "'$new_timeline'", "ancestor_timeline_id": "'$timeline'", "ancestor_start_lsn": "'$lsn'", "pg_version": 16}')
[ "$(jq -r .ancestor_lsn <<<"$branch")" = "$lsn" ] || fail "branch point: $branch"

echo "== 8. a compute on the branch (testkit route), then drain node 1"
compute=$(curl -s -X POST "$storcon_api/testkit/v1/compute?tenant_id=$tenant&timeline_id=$new_timeline")
[ "$(jq -r .status <<<"$compute")" = running ] || fail "compute start: $compute"
compute_url=$(jq -r .url <<<"$compute")
[ "$(curl -s "$compute_url/status" | jq -r .timeline)" = "$new_timeline" ] || fail "compute status"
[ "$(status_of -X PUT "$storcon_api/control/v1/node/1/drain")" = 202 ] || fail "drain"
wait_for "node 1 PauseForRestart" node_is 1 Active/PauseForRestart
wait_for "all shards on node 2" all_on 2

echo "== 9. restart the storage controller, wait for /ready (not a fixed sleep)"
[ "$(status_of -X POST "$storcon_api/testkit/v1/storage_controller/restart?down_seconds=30")" = 202 ] || fail "restart"
controller_down() { [ "$(status_of "$storcon_api/status")" = 000 ]; }
wait_for "controller down" controller_down
controller_ready() { [ "$(status_of "$storcon_api/ready")" = 200 ]; }
wait_for "controller ready" controller_ready
wait_for "tenant still attached on node 2" all_on 2
node_is 1 Active/PauseForRestart || fail "node 1 lost its PauseForRestart across the restart"
echo "RUNBOOK OK"
