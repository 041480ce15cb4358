package io.neonclient.testkit.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.Component;
import io.neonclient.testkit.Fault;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.storcon.ShardState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault table over HTTP, under {@code /testkit/v1/faults} on the controller's listener (not an upstream API), so
 * scripts and tests in any language can do what {@code NeonTestCluster.inject}, {@code stickReconcile} and
 * {@code stepDown} do in Java:
 * <ul>
 *   <li>{@code POST /testkit/v1/faults} {@code {"component": "pageserver", "method": "GET", "path": "/v1/tenant/**",
 *       "fault": "unavailable:3"}} adds a rule (201 with the rule); {@code method} defaults to {@code *}; the fault is
 *       {@code latency:MIN..MAX}, {@code unavailable:TIMES}, {@code unavailable:PROBABILITY} or {@code drop:TIMES};</li>
 *   <li>{@code POST /testkit/v1/faults/stuck_reconcile/{tenant_shard_id}} makes that shard's reconciles hang;</li>
 *   <li>{@code POST /testkit/v1/faults/step_down}: every controller route but health and these answers 503;</li>
 *   <li>{@code GET /testkit/v1/faults} lists all of it; {@code DELETE /testkit/v1/faults} clears all of it.</li>
 * </ul>
 * With auth on they need an {@code admin} token.
 */
final class TestkitFaultRoutes {
    private final Cluster cluster;

    TestkitFaultRoutes(Cluster cluster) {
        this.cluster = cluster;
    }

    void register(Router r) {
        RouteAuth admin = RouteAuth.storcon("admin");
        r.add("POST", "/testkit/v1/faults", admin, x -> {
            JsonNode body = body(x);
            Component component = component(text(body, "component"));
            String method = body.hasNonNull("method") ? body.get("method").asText().toUpperCase(Locale.ROOT) : "*";
            String path = text(body, "path");
            if (!path.startsWith("/")) {
                throw HttpError.badRequest("path must be an absolute path glob like /v1/tenant/**, got '" + path + "'");
            }
            Fault fault;
            try {
                fault = Fault.parse(text(body, "fault"));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(e.getMessage());
            }
            cluster.faults().add(component, method, path, fault);
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("component", component.name().toLowerCase(Locale.ROOT));
            rule.put("method", method);
            rule.put("path", path);
            rule.put("fault", fault.spec());
            return Reply.json(201, rule);
        });
        r.add("GET", "/testkit/v1/faults", admin, x -> Reply.ok(listing()));
        r.add("DELETE", "/testkit/v1/faults", admin, x -> {
            cluster.clearFaults();
            return Reply.nullBody();
        });
        r.add("POST", "/testkit/v1/faults/stuck_reconcile/{tenant_shard_id}", admin, x -> {
            TenantShardId id = x.tenantShardId();
            synchronized (cluster.storcon()) {
                ShardState shard = cluster.storcon().shard(id);
                if (shard == null) {
                    throw HttpError.notFound("tenant shard " + id + " not found");
                }
                shard.setStuck(true);
            }
            return Reply.nullBody();
        });
        r.add("POST", "/testkit/v1/faults/step_down", admin, x -> {
            cluster.storcon().markSteppedDown();
            return Reply.nullBody();
        });
    }

    private Map<String, Object> listing() {
        List<String> stuck = new ArrayList<>();
        synchronized (cluster.storcon()) {
            cluster.storcon().allShards().stream().filter(s -> s.stuck()).forEach(s -> stuck.add(s.id().toString()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("faults", cluster.faults().describe());
        out.put("stuck_reconciles", stuck);
        out.put("stepped_down", cluster.storcon().steppedDown());
        out.put("failpoints", cluster.faults().failpoints.describe());
        return out;
    }

    /** Parses {@code storage_controller}, {@code pageserver}, {@code safekeeper} or {@code compute}. */
    static Component component(String name) {
        for (Component c : Component.values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                return c;
            }
        }
        throw HttpError.badRequest("component must be storage_controller, pageserver, safekeeper or compute, got '" + name + "'");
    }

    private static JsonNode body(Exchange x) {
        try {
            JsonNode n = Json.MAPPER.readTree(x.body());
            if (n == null || !n.isObject()) {
                throw HttpError.badRequest("body must be a JSON object like {\"component\": \"pageserver\", \"path\": \"/v1/**\","
                        + " \"fault\": \"unavailable:3\"}");
            }
            return n;
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw HttpError.badRequest("field '" + field + "' is required (a string)");
        }
        return v.asText();
    }
}
