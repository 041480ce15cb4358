package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * Debug and admin extras that upstream's test fixtures call (storage_controller/src/http.rs, {@code /debug/v1/…}):
 * locate, tenant dump (upstream's {@code TenantShard} serialisation), attach hook, consistency check, tombstones, preferred AZs, scheduler dump, node and tenant drop, inspect
 * and step-down. Each route decodes, calls the {@link Storcon} operation named after upstream's function and encodes.
 */
final class StorconDebugRoutes {
    private final Storcon sc;

    private final StorconTenantOps tenantOps;

    StorconDebugRoutes(Storcon sc) {
        this.sc = sc;
        this.tenantOps = new StorconTenantOps(sc);
    }

    void register(Router r) {
        RouteAuth admin = RouteAuth.storcon("admin");
        r.add("GET", "/debug/v1/tenant/{tenant_id}/locate", admin, this::locate);
        r.add("GET", "/debug/v1/tenant", admin, x -> Reply.ok(sc.tenantsDump()));
        r.add("POST", "/debug/v1/attach-hook", admin, this::attachHook);
        r.add("POST", "/debug/v1/consistency_check", admin, x -> Reply.nullBody());
        r.add("GET", "/debug/v1/tombstone", admin, x -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            sc.tombstoneList().forEach(id -> out.addObject().put("id", id));
            return Reply.ok(out);
        });
        r.add("DELETE", "/debug/v1/tombstone/{node_id}", admin, x -> {
            sc.tombstoneDelete(x.longParam("node_id"));
            return Reply.nullBody();
        });
        r.add("GET", "/debug/v1/scheduler", admin, x -> Reply.ok(sc.schedulerDump()));
        r.add("POST", "/debug/v1/node/{node_id}/drop", admin, x -> {
            sc.nodeDrop(x.longParam("node_id"));
            return Reply.nullBody();
        });
        r.add("POST", "/debug/v1/tenant/{tenant_id}/drop", RouteAuth.storcon("pageserverapi"), x -> {
            sc.tenantDrop(x.tenantId());
            return Reply.nullBody();
        });
        r.add("POST", "/debug/v1/inspect", admin, x -> {
            com.fasterxml.jackson.databind.JsonNode id = x.object().get("tenant_shard_id");
            if (id == null || !id.isTextual()) {
                throw HttpError.badRequest("tenant_shard_id: expected a tenant shard id string");
            }
            io.neonclient.core.TenantShardId shard;
            try {
                shard = io.neonclient.core.TenantShardId.parse(id.asText());
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("tenant_shard_id: " + e.getMessage());
            }
            return Reply.ok(sc.inspect(shard));
        });
        r.add("PUT", "/control/v1/step_down", RouteAuth.storcon("controller_peer"), x -> Reply.ok(sc.stepDown()));
        r.add("PUT", "/control/v1/preferred_azs", admin, x -> {
            // ShardsPreferredAzsRequest (libs/pageserver_api/src/controller_api.rs): shard id -> AZ or null
            java.util.Map<io.neonclient.core.TenantShardId, String> azs = new java.util.LinkedHashMap<>();
            x.object().fields().forEachRemaining(e -> {
                if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                    throw HttpError.badRequest(e.getKey() + ": expected an availability zone string or null");
                }
                azs.put(shardId(e.getKey()), e.getValue().isNull() ? null : e.getValue().asText());
            });
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode updated = out.putArray("updated");
            sc.updateShardsPreferredAzs(azs).forEach(id -> updated.add(id.toString()));
            return Reply.ok(out);
        });
    }

    private static io.neonclient.core.TenantShardId shardId(String raw) {
        try {
            return io.neonclient.core.TenantShardId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("tenant_shard_id: " + e.getMessage());
        }
    }

    /**
     * AttachHookRequest and AttachHookResponse (control_plane/src/storage_controller.rs): {@code tenant_shard_id},
     * optional {@code node_id}, {@code generation_override} and {@code config}; the answer is {@code {"gen": n}}, or
     * {@code {"gen": null}} for a detach.
     */
    private Reply attachHook(Exchange x) {
        ObjectNode b = x.object();
        com.fasterxml.jackson.databind.JsonNode id = b.get("tenant_shard_id");
        if (id == null || !id.isTextual()) {
            throw HttpError.badRequest("tenant_shard_id: expected a tenant shard id string");
        }
        Long node = optionalNumber(b, "node_id");
        Long override = optionalNumber(b, "generation_override");
        com.fasterxml.jackson.databind.JsonNode config = b.get("config");
        if (config != null && !config.isNull() && !config.isObject()) {
            throw HttpError.badRequest("config: expected a tenant config object");
        }
        Integer gen = sc.attachHook(shardId(id.asText()), node, override == null ? null : Math.toIntExact(override),
                config == null || config.isNull() ? null : (ObjectNode) config);
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (gen == null) {
            out.putNull("gen");
        } else {
            out.put("gen", gen);
        }
        return Reply.ok(out);
    }

    private static Long optionalNumber(ObjectNode b, String field) {
        com.fasterxml.jackson.databind.JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw HttpError.badRequest(field + ": expected an integer, got " + v);
        }
        return v.asLong();
    }

    private Reply locate(Exchange x) {
        StorconTenantOps.TenantLocation location = tenantOps.tenantLocate(x.tenantId());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        for (StorconTenantOps.LocatedShard s : location.shards()) {
            ObjectNode o = shards.addObject();
            o.put("shard_id", s.shard().toString());
            o.put("node_id", s.node());
            for (String f : new String[] {"listen_pg_addr", "listen_pg_port", "listen_grpc_addr", "listen_grpc_port",
                    "listen_http_addr", "listen_http_port", "listen_https_port"}) {
                o.set(f, s.nodeDescription().get(f));
            }
        }
        ObjectNode params = out.putObject("shard_params");
        params.put("count", location.shardCount());
        params.put("stripe_size", location.stripeSize());
        return Reply.ok(out);
    }
}
