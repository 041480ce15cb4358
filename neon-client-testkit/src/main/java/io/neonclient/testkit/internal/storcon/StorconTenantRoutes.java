package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.pageserver.TenantConfigFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    private final Storcon sc;

    public StorconTenantRoutes(Storcon sc) {
        this.sc = sc;
    }

    public void register(Router r) {
        RouteAuth ps = RouteAuth.storcon("pageserverapi");
        r.add("POST", "/v1/tenant", ps, this::create);
        r.add("GET", "/control/v1/tenant/{tenant_id}", RouteAuth.storcon("scrubber"), x -> {
            ObjectNode described;
            synchronized (sc) {
                described = sc.tenant(x.tenantId()).describe();
            }
            return Reply.ok(described);
        });
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
        List<String> errors = new ArrayList<>();
        TenantState t;
        synchronized (sc) {
            TenantState previous = sc.dropped.remove(id.toString());
            t = sc.tenants.get(id.toString());
            if (t == null) {
                t = new TenantState(id);
                t.policy = policy;
                t.stripeSize = stripe;
                t.shardCount = count;
                t.config = config;
                for (int i = 0; i < Math.max(1, count); i++) {
                    ShardState s = new ShardState(TenantShardId.of(id, count == 0 ? ShardIndex.UNSHARDED : ShardIndex.of(i, count)));
                    s.creating = true;
                    t.shards.add(s);
                }
                sc.tenants.put(id.toString(), t);
                sc.insertHealthRecords(t, previous);
                sc.timelines.remote().tenant(id).shardCounts.add(count);
                for (ShardState s : t.shards) {
                    String err = sc.scheduler.schedule(policy, s);
                    if (err != null) {
                        errors.add(s.id + ": " + err);
                    }
                    if (s.preferredAz == null && s.attached != null) {
                        s.preferredAz = sc.nodes.get(s.attached).az;
                    }
                }
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        synchronized (sc) {
            for (ShardState s : t.shards) {
                if (s.attached != null) {
                    shards.addObject().put("shard_id", s.id.toString()).put("node_id", s.attached).put("generation", s.generation);
                }
            }
        }
        sc.reconcile(t);
        if (!errors.isEmpty()) {
            throw HttpError.conflict("Failed to schedule shard(s): " + String.join("; ", errors));
        }
        sc.awaitIdle(sc.snapshot(t), sc.timing.millis(Duration.ofSeconds(30)));
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
        String after = x.query("start_after");
        if (after != null) {
            try {
                after = TenantId.parse(after).toString();
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Failed to parse start_after: " + e.getMessage());
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        synchronized (sc) {
            var view = after == null ? sc.tenants : sc.tenants.tailMap(after, false);
            for (TenantState t : view.values()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(t.describe());
            }
        }
        return Reply.ok(out);
    }

    private Reply policy(Exchange x) {
        TenantId id = x.tenantId();
        ObjectNode b = x.object();
        PlacementPolicy placement = b.hasNonNull("placement") ? Bodies.placement(b.get("placement"), "placement") : null;
        String scheduling = Bodies.oneOf(b, "scheduling", Set.of("Active", "Essential", "Pause", "Stop"));
        TenantState t;
        synchronized (sc) {
            t = sc.load(id);
            if (placement != null) {
                t.policy = placement;
                if (scheduling == null && !(placement instanceof PlacementPolicy.Attached)) {
                    scheduling = "Active";
                }
            }
            for (ShardState s : t.shards) {
                if (scheduling != null) {
                    s.scheduling = scheduling;
                }
                if (placement != null) {
                    if (!(placement instanceof PlacementPolicy.Attached)) {
                        s.migrationTarget = null;
                    }
                    String err = sc.scheduler.schedule(placement, s);
                    if (err != null) {
                        s.lastError = "Scheduling error: " + err;
                    }
                    if (s.preferredAz == null && s.attached != null) {
                        s.preferredAz = sc.nodes.get(s.attached).az;
                    }
                }
            }
        }
        sc.reconcile(t);
        return Reply.nullBody();
    }

    private Reply delete(Exchange x) {
        TenantId id = x.tenantId();
        TenantState t;
        synchronized (sc) {
            t = sc.load(id);
            for (ShardState s : t.shards) {
                s.attached = null;
                s.secondaries.clear();
                s.migrationTarget = null;
            }
        }
        sc.reconcile(t);
        if (!sc.awaitIdle(sc.snapshot(t), sc.timing.millis(Duration.ofSeconds(30)))) {
            throw HttpError.timeout("Timeout waiting for shards of " + id + " to detach");
        }
        synchronized (sc) {
            sc.tenants.remove(id.toString());
            sc.dropped.remove(id.toString());
            for (PageserverNode ps : sc.pageservers.values()) {
                for (ShardState s : t.shards) {
                    ps.setLocation(s.id, null);
                }
            }
            sc.timelines.remote().delete(id);
        }
        return Reply.nullBody();
    }
}
