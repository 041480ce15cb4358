package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.testkit.internal.http.Json;

/**
 * A pageserver's location config for one shard (LocationConfig in libs/pageserver_api/src/models.rs):
 * mode, generation, secondary warmth and the tenant config it runs with.
 */
public final class Location {
    public final LocationConfigMode mode;
    public final Integer generation;
    public final int shardNumber;
    public final int shardCount;
    public final int stripeSize;
    public final ObjectNode tenantConf;
    /** {@code System.nanoTime()} at which a secondary finished downloading its heatmap layers. */
    public final long warmAtNanos;
    public final long createdNanos;

    public Location(LocationConfigMode mode, Integer generation, int shardNumber, int shardCount, int stripeSize, ObjectNode tenantConf,
            long warmAtNanos) {
        this.mode = mode;
        this.generation = generation;
        this.shardNumber = shardNumber;
        this.shardCount = shardCount;
        this.stripeSize = stripeSize;
        this.tenantConf = tenantConf == null ? Json.MAPPER.createObjectNode() : tenantConf.deepCopy();
        this.warmAtNanos = warmAtNanos;
        this.createdNanos = System.nanoTime();
    }

    public boolean attached() {
        return mode == LocationConfigMode.ATTACHED_SINGLE || mode == LocationConfigMode.ATTACHED_MULTI
                || mode == LocationConfigMode.ATTACHED_STALE;
    }

    public boolean secondary() {
        return mode == LocationConfigMode.SECONDARY;
    }

    public boolean warm() {
        return System.nanoTime() - warmAtNanos >= 0;
    }

    /** The wire form, with fields in LocationConfig's declaration order. */
    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("mode", mode.toString());
        if (generation == null) {
            n.putNull("generation");
        } else {
            n.put("generation", generation);
        }
        if (secondary()) {
            n.putObject("secondary_conf").put("warm", true);
        } else {
            n.putNull("secondary_conf");
        }
        n.put("shard_number", shardNumber);
        n.put("shard_count", shardCount);
        n.put("shard_stripe_size", stripeSize);
        n.set("tenant_conf", tenantConf.deepCopy());
        return n;
    }
}
