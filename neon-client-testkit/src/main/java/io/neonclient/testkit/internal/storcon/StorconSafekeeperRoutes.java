package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.storcon.SkSchedulingPolicy;
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
    private final StorconSafekeepers safekeepers;

    StorconSafekeeperRoutes(Storcon sc) {
        this.safekeepers = new StorconSafekeepers(sc);
    }

    void register(Router r) {
        r.add("POST", "/control/v1/safekeeper/{id}", RouteAuth.storcon("infra"), this::upsert);
        r.add("GET", "/control/v1/safekeeper", RouteAuth.storcon("infra"), x -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            safekeepers.safekeepersList().forEach(s -> out.add(s.describe()));
            return Reply.ok(out);
        });
        r.add("GET", "/control/v1/safekeeper/{id}", RouteAuth.storcon("infra"), x -> Reply.ok(safekeepers.getSafekeeper(x.longParam("id")).describe()));
        r.add("POST", "/control/v1/safekeeper/{id}/scheduling_policy", RouteAuth.storcon("admin"), x -> {
            String policy = Bodies.oneOf(x.object(), "scheduling_policy", POLICIES);
            if (policy == null) {
                throw HttpError.badRequest("Failed to parse json request: missing field `scheduling_policy`");
            }
            safekeepers.setSafekeeperSchedulingPolicy(x.longParam("id"), SkSchedulingPolicy.fromWire(policy));
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
        String region = Bodies.requiredText(b, "region_id");
        String host = Bodies.requiredText(b, "host");
        long port = Bodies.requiredLong(b, "port");
        long httpPort = Bodies.requiredLong(b, "http_port");
        Integer https = Bodies.optInt(b, "https_port");
        String az = Bodies.requiredText(b, "availability_zone_id");
        safekeepers.upsertSafekeeper(new StorconSafekeeper(id, region, version.asLong(), host, port, httpPort, https, az,
                SkSchedulingPolicy.ACTIVATING));
        return Reply.empty(204);
    }
}
