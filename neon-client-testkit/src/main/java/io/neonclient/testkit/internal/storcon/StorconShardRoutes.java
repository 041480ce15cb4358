package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Optional;

/**
 * Controller shard routes over {@link StorconShards}: migrate (graceful with prewarm by default, immediate otherwise), migrate_secondary,
 * cancel_reconcile and shard_split (storage_controller/src/service.rs {@code tenant_shard_migrate},
 * {@code tenant_shard_migrate_secondary}, {@code tenant_shard_cancel_reconcile}, {@code tenant_shard_split}).
 */
public final class StorconShardRoutes {
    private final StorconShards shards;

    public StorconShardRoutes(StorconShards shards) {
        this.shards = shards;
    }

    public void register(Router r) {
        RouteAuth admin = RouteAuth.storcon("admin");
        r.add("PUT", "/control/v1/tenant/{tenant_shard_id}/migrate", admin, this::migrate);
        r.add("PUT", "/control/v1/tenant/{tenant_shard_id}/migrate_secondary", admin, x -> {
            shards.tenantShardMigrateSecondary(x.tenantShardId(), Bodies.requiredLong(x.object(), "node_id"));
            return Reply.ok(Json.MAPPER.createObjectNode());
        });
        r.add("PUT", "/control/v1/tenant/{tenant_shard_id}/cancel_reconcile", admin, x -> {
            shards.tenantShardCancelReconcile(x.tenantShardId());
            return Reply.nullBody();
        });
        r.add("PUT", "/control/v1/tenant/{tenant_id}/shard_split", admin, this::split);
    }

    private Reply migrate(Exchange x) {
        TenantShardId id = x.tenantShardId();
        ObjectNode b = x.object();
        long dest = Bodies.requiredLong(b, "node_id");
        JsonNode origin = b.get("origin_node_id");
        JsonNode cfg = b.path("migration_config");
        shards.tenantShardMigrate(id, dest, origin == null || origin.isNull() ? Optional.empty() : Optional.of(origin.asLong()),
                cfg.path("override_scheduler").asBoolean(false), cfg.path("prewarm").asBoolean(true));
        return Reply.ok(Json.MAPPER.createObjectNode());
    }

    private Reply split(Exchange x) {
        ObjectNode b = x.object();
        int newCount = (int) Bodies.requiredLong(b, "new_shard_count");
        Integer newStripe = Bodies.optInt(b, "new_stripe_size");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("new_shards");
        shards.tenantShardSplit(x.tenantId(), newCount, Optional.ofNullable(newStripe)).forEach(s -> arr.add(s.toString()));
        return Reply.ok(out);
    }
}
