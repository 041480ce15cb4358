package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.TenantConfigFields;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Controller tenant routes: create (strict), describe, list (pages), policy update, delete
 * (storage_controller/src/http.rs, service.rs {@code tenant_create}, {@code tenant_update_policy},
 * {@code tenant_delete}). Config, location_config, time travel and secondary download are in
 * {@link StorconTenantOpsRoutes}.
 */
public final class StorconTenantRoutes {
    private static final Set<String> CREATE_FIELDS;

    static {
        Set<String> s = new HashSet<>(TenantConfigFields.NAMES);
        s.addAll(Set.of("new_tenant_id", "generation", "shard_parameters", "placement_policy"));
        CREATE_FIELDS = Set.copyOf(s);
    }

    private final StorconTenants tenants;

    public StorconTenantRoutes(StorconTenants tenants) {
        this.tenants = tenants;
    }

    public void register(Router r) {
        RouteAuth ps = RouteAuth.storcon("pageserverapi");
        r.add("POST", "/v1/tenant", ps, this::create);
        r.add("GET", "/control/v1/tenant/{tenant_id}", RouteAuth.storcon("scrubber"), x -> Reply.ok(tenants.tenantDescribe(x.tenantId())));
        r.add("GET", "/control/v1/tenant", RouteAuth.storcon("admin"), this::list);
        r.add("PUT", "/control/v1/tenant/{tenant_id}/policy", RouteAuth.storcon("admin"), this::policy);
        r.add("DELETE", "/v1/tenant/{tenant_id}", ps, this::delete);
    }

    private Reply create(Exchange x) {
        ObjectNode b = x.object();
        Bodies.strict(b, CREATE_FIELDS);
        String raw = Bodies.requiredText(b, "new_tenant_id");
        TenantShardId requested;
        try {
            requested = TenantShardId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse json request: new_tenant_id: " + e.getMessage());
        }
        if (!requested.shardIndex().isUnsharded()) {
            throw HttpError.badRequest("Attempted to create a specific shard, this API is for creating the whole tenant");
        }
        TenantId id = requested.tenantId();
        int count = 0;
        int stripe = 2048;
        JsonNode sp = b.get("shard_parameters");
        if (sp != null && !sp.isNull()) {
            if (!(sp instanceof ObjectNode spo)) {
                throw HttpError.badRequest("Failed to parse json request: shard_parameters: invalid type, expected struct ShardParameters");
            }
            Bodies.strict(spo, Set.of("count", "stripe_size"));
            count = (int) Bodies.requiredLong(spo, "count");
            stripe = (int) Bodies.requiredLong(spo, "stripe_size");
            if (count > 255) {
                throw HttpError.badRequest("Failed to parse json request: shard_parameters.count: expected u8");
            }
            if (stripe == 0) {
                throw HttpError.badRequest("Failed to parse json request: shard_parameters.stripe_size: must be non-zero");
            }
        }
        PlacementPolicy policy = b.hasNonNull("placement_policy") ? Bodies.placement(b.get("placement_policy"), "placement_policy")
                : PlacementPolicy.attached(0);
        ObjectNode config = Json.MAPPER.createObjectNode();
        b.fields().forEachRemaining(e -> {
            if (TenantConfigFields.NAMES.contains(e.getKey()) && !e.getValue().isNull()) {
                config.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        for (StorconTenants.CreatedShard c : tenants.tenantCreate(id, count, stripe, policy, config)) {
            shards.addObject().put("shard_id", c.shardId().toString()).put("node_id", c.nodeId()).put("generation", c.generation());
        }
        return Reply.json(201, out);
    }

    private Reply list(Exchange x) {
        int limit = Integer.MAX_VALUE;
        if (x.query("limit") != null) {
            try {
                limit = Integer.parseInt(x.query("limit"));
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Failed to parse limit: '" + x.query("limit") + "'");
            }
        }
        TenantId after = null;
        if (x.query("start_after") != null) {
            try {
                after = TenantId.parse(x.query("start_after"));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Failed to parse start_after: " + e.getMessage());
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        tenants.tenantList(limit, after).forEach(out::add);
        return Reply.ok(out);
    }

    private Reply policy(Exchange x) {
        TenantId id = x.tenantId();
        ObjectNode b = x.object();
        PlacementPolicy placement = b.hasNonNull("placement") ? Bodies.placement(b.get("placement"), "placement") : null;
        String scheduling = Bodies.oneOf(b, "scheduling", Set.of("Active", "Essential", "Pause", "Stop"));
        tenants.tenantUpdatePolicy(id, Optional.ofNullable(placement), Optional.ofNullable(scheduling).map(ShardSchedulingPolicy::fromWire));
        return Reply.nullBody();
    }

    private Reply delete(Exchange x) {
        tenants.tenantDelete(x.tenantId());
        return Reply.nullBody();
    }
}
