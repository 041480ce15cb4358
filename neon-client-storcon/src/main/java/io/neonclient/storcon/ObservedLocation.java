package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller last knew to be configured for one shard on one pageserver (mirrors
 * {@code ObservedStateLocation} in upstream {@code storage_controller/src/tenant_shard.rs}); an entry of the
 * observed state that {@code PUT /control/v1/step_down} hands over.
 *
 * @param shard the tenant shard
 * @param node  the pageserver
 * @param conf  the location configuration last applied there; empty when the controller is unsure what the node holds
 */
public record ObservedLocation(TenantShardId shard, NodeId node, Optional<LocationConfig> conf) {

    /** Checks the components: refuses a null component, naming it. */
    public ObservedLocation {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(node, "node");
        conf = conf == null ? Optional.empty() : conf;
    }
}
