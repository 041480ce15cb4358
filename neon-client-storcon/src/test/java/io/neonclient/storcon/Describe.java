package io.neonclient.storcon;

import io.neonclient.core.TenantShardId;
import java.util.List;
import java.util.stream.Collectors;

/** Builds {@code TenantDescribeResponse} bodies for handle scenarios, in upstream's shape. */
final class Describe {
    private Describe() {}

    static String shard(TenantShardId id, Integer attached, List<Integer> secondaries, String lastError, boolean reconciling) {
        return shard(id, attached, secondaries, lastError, reconciling, false);
    }

    static String shard(TenantShardId id, Integer attached, List<Integer> secondaries, String lastError, boolean reconciling, boolean splitting) {
        return "{\"tenant_shard_id\":\"" + id + "\",\"node_attached\":" + attached + ",\"node_secondary\":"
                + secondaries + ",\"last_error\":\"" + lastError + "\",\"is_reconciling\":" + reconciling
                + ",\"is_pending_compute_notification\":false,\"is_splitting\":" + splitting
                + ",\"is_importing\":false,\"scheduling_policy\":\"Active\",\"preferred_az_id\":\"az-a\"}";
    }

    static String tenant(String tenantId, String policyJson, String... shards) {
        return "{\"tenant_id\":\"" + tenantId + "\",\"shards\":[" + List.of(shards).stream().collect(Collectors.joining(","))
                + "],\"stripe_size\":2048,\"policy\":" + policyJson + ",\"config\":{}}";
    }
}
