package io.neonclient.admin;

import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a compute must look for each shard of a tenant, from the controller's view: what the seed runbook's
 * {@code compute.sh} assembled with {@code sed}, and what upstream's compute hook builds from a notify-attach body
 * ({@code storage_controller/src/compute_hook.rs}: node id → {@code listen_pg_addr:listen_pg_port}).
 */
public final class Placements {
    private Placements() {}

    /**
     * {@code GET /control/v1/tenant/{tenant_id}} plus {@code GET /control/v1/node} for the addresses.
     *
     * @throws IllegalStateException if a shard has no attached pageserver (detached, or mid fail-over)
     */
    public static ShardPlacement of(StorageControllerClient storcon, TenantId tenant) {
        return of(storcon.tenant(tenant).describe(), storcon.nodes().list());
    }

    /** The placement of {@code tenant} given the controller's nodes. */
    public static ShardPlacement of(TenantDescription tenant, List<Node> nodes) {
        Map<NodeId, Node> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        List<ShardPlacement.Shard> shards = new ArrayList<>();
        for (ShardDescription s : tenant.shards()) {
            NodeId node = s.attachedNode().orElseThrow(() -> new IllegalStateException(
                    "shard " + s.id() + " has no attached pageserver (is the tenant detached or failing over?)"));
            Node n = byId.get(node);
            if (n == null) {
                throw new IllegalStateException("shard " + s.id() + " is attached on node " + node + ", which the controller does not list");
            }
            shards.add(new ShardPlacement.Shard(s.id(), node, n.listenPgAddr(), n.listenPgPort()));
        }
        return shards.size() == 1 && shards.get(0).shard().shardCount() <= 1
                ? new ShardPlacement(Optional.empty(), shards)
                : new ShardPlacement(Optional.of(tenant.stripeSize()), shards);
    }

    /**
     * A client for {@code node}'s management API at its listen address, sharing the controller client's configuration:
     * its per-scope tokens give the {@code pageserverapi} token to pageserver calls.
     */
    static PageserverClient pageserver(StorageControllerClient storcon, Node node) {
        return PageserverClient.builder().baseUri("http://" + node.listenHttpAddr() + ":" + node.listenHttpPort()).config(storcon.config()).build();
    }
}
