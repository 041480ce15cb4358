package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Set;

/**
 * Controller safekeeper routes (storage_controller/src/http.rs, persistence.rs {@code SafekeeperUpsert}): upsert
 * (204, new ones start {@code Activating} and turn {@code Active} on their first heartbeat), list, describe,
 * scheduling policy (admin; unknown id is a 500).
 */
final class StorconSafekeeperRoutes {
    private static final Set<String> POLICIES = Set.of("Active", "Activating", "Pause", "Decomissioned");
    private final Storcon sc;

    StorconSafekeeperRoutes(Storcon sc) {
        this.sc = sc;
    }

    void register(Router r) {
        r.add("POST", "/control/v1/safekeeper/{id}", RouteAuth.storcon("infra"), this::upsert);
        r.add("GET", "/control/v1/safekeeper", RouteAuth.storcon("infra"), x -> {
            synchronized (sc) {
                ArrayNode out = Json.MAPPER.createArrayNode();
                sc.safekeepers.values().forEach(s -> out.add(s.deepCopy()));
                return Reply.ok(out);
            }
        });
        r.add("GET", "/control/v1/safekeeper/{id}", RouteAuth.storcon("infra"), x -> {
            synchronized (sc) {
                ObjectNode s = sc.safekeepers.get(x.longParam("id"));
                if (s == null) {
                    throw HttpError.notFound("unknown instance id " + x.longParam("id"));
                }
                return Reply.ok(s.deepCopy());
            }
        });
        r.add("POST", "/control/v1/safekeeper/{id}/scheduling_policy", RouteAuth.storcon("admin"), x -> {
            String policy = Bodies.oneOf(x.object(), "scheduling_policy", POLICIES);
            if (policy == null) {
                throw HttpError.badRequest("Failed to parse json request: missing field `scheduling_policy`");
            }
            synchronized (sc) {
                ObjectNode s = sc.safekeepers.get(x.longParam("id"));
                if (s == null) {
                    throw HttpError.internal("unexpected number of rows (0)");
                }
                s.put("scheduling_policy", policy);
            }
            return Reply.nullBody();
        });
    }

    private Reply upsert(Exchange x) {
        long id = x.longParam("id");
        ObjectNode b = x.object();
        long bodyId = Bodies.requiredLong(b, "id");
        if (bodyId != id) {
            throw HttpError.badRequest("id mismatch");
        }
        if (id == 0) {
            throw HttpError.badRequest("id must be greater than 0");
        }
        JsonNode version = Bodies.required(b, "version");
        if (version.asLong() < 0) {
            throw HttpError.internal("version must be non-negative");
        }
        ObjectNode rec = Json.MAPPER.createObjectNode();
        rec.put("id", id);
        rec.put("region_id", Bodies.requiredText(b, "region_id"));
        rec.put("version", version.asLong());
        rec.put("host", Bodies.requiredText(b, "host"));
        rec.put("port", Bodies.requiredLong(b, "port"));
        rec.put("http_port", Bodies.requiredLong(b, "http_port"));
        Integer https = Bodies.optInt(b, "https_port");
        rec.set("https_port", https == null ? rec.nullNode() : rec.numberNode(https));
        rec.put("availability_zone_id", Bodies.requiredText(b, "availability_zone_id"));
        synchronized (sc) {
            ObjectNode old = sc.safekeepers.get(id);
            rec.put("scheduling_policy", old == null ? "Activating" : old.get("scheduling_policy").asText());
            sc.safekeepers.put(id, rec);
        }
        return Reply.empty(204);
    }
}
