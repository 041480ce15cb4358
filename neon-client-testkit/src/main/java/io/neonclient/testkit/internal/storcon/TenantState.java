package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.testkit.internal.http.Json;
import java.util.ArrayList;
import java.util.List;

/** A tenant in the controller: placement policy, stripe size, config and its shards. Guarded by {@link Storcon}. */
public final class TenantState {
    public final TenantId id;
    public PlacementPolicy policy;
    public int stripeSize;
    public int shardCount;
    public ObjectNode config = Json.MAPPER.createObjectNode();
    public final List<ShardState> shards = new ArrayList<>();
    /** The last notify-attach body the control plane accepted. */
    public String lastNotified;

    public TenantState(TenantId id) {
        this.id = id;
    }

    /** TenantDescribeResponse. */
    public ObjectNode describe() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", id.toString());
        ArrayNode arr = n.putArray("shards");
        shards.forEach(s -> arr.add(s.describe()));
        n.put("stripe_size", stripeSize);
        n.set("policy", Json.MAPPER.valueToTree(policy));
        n.set("config", config.deepCopy());
        return n;
    }

    public boolean fullyDetached() {
        if (!(policy instanceof PlacementPolicy.Detached)) {
            return false;
        }
        for (ShardState s : shards) {
            if (s.attached != null || !s.secondaries.isEmpty() || !s.observed.isEmpty() || s.reconciling) {
                return false;
            }
        }
        return true;
    }

    public List<ShardState> shardsCopy() {
        return new ArrayList<>(shards);
    }
}
