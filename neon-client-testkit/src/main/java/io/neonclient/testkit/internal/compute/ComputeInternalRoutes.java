package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.List;
import java.util.Set;

/**
 * compute_ctl's internal listener (compute_tools/src/http/server.rs {@code Server::Internal}, no authorization):
 * {@code POST /extensions} (routes/extensions.rs → compute.rs {@code install_extension}) and {@code POST /grants}
 * (routes/grants.rs → {@code set_role_grants}); plus {@code GET /hadron_liveness_probe} on the external listener
 * (routes/hadron_liveness_probe.rs: {@code pg_isready} answers while Postgres runs). The routes decode, call
 * {@link ComputeCatalog} or {@link ComputeNode} and encode.
 */
public final class ComputeInternalRoutes {
    private static final Set<String> PRIVILEGES = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
            "TRIGGER", "USAGE", "CREATE", "CONNECT", "TEMPORARY", "EXECUTE");

    private final ComputeNode node;
    private final ComputeCatalog catalog;

    public ComputeInternalRoutes(ComputeNode node, ComputeCatalog catalog) {
        this.node = node;
        this.catalog = catalog;
    }

    /** The internal listener's routes. */
    public Router register(Router internal) {
        internal.add("POST", "/extensions", RouteAuth.OPEN, this::installExtension);
        internal.add("POST", "/grants", RouteAuth.OPEN, this::grant);
        return internal;
    }

    /** The external listener's liveness probe (behind its Authorize layer). */
    public Router registerLivenessProbe(Router external) {
        external.add("GET", "/hadron_liveness_probe", RouteAuth.ANY, x -> {
            node.pgIsReady();
            return Reply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
        });
        return external;
    }

    private Reply installExtension(Exchange x) {
        ObjectNode req = body(x, "extension", "database", "version");
        String ext = req.get("extension").asText();
        String version = req.get("version").asText();
        catalog.installExtension(ext, req.get("database").asText(), version);
        ObjectNode out = Json.MAPPER.createObjectNode().put("extension", ext).put("version", version);
        return Reply.json(201, out);
    }

    private Reply grant(Exchange x) {
        ObjectNode req = body(x, "database", "schema", "privileges", "role");
        List<String> privileges = new java.util.ArrayList<>();
        for (JsonNode p : req.get("privileges")) {
            if (!PRIVILEGES.contains(p.asText())) {
                throw HttpError.of(422, "failed to deserialize the json body into the target type: privileges: unknown variant `"
                        + p.asText() + "`");
            }
            privileges.add(p.asText());
        }
        String db = req.get("database").asText();
        String schema = req.get("schema").asText();
        String role = req.get("role").asText();
        catalog.setRoleGrants(db, schema, privileges, role);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("database", db);
        out.put("schema", schema);
        ArrayNode list = out.putArray("privileges");
        privileges.forEach(list::add);
        out.put("role", role);
        return Reply.json(201, out);
    }

    private static ObjectNode body(Exchange x, String... required) {
        JsonNode n;
        try {
            n = x.json();
        } catch (HttpError e) {
            throw HttpError.of(400, "failed to parse the request body as json");
        }
        if (!(n instanceof ObjectNode o)) {
            throw HttpError.of(422, "failed to deserialize the json body into the target type: invalid type, expected a struct");
        }
        for (String f : required) {
            if (!o.has(f)) {
                throw HttpError.of(422, "failed to deserialize the json body into the target type: missing field `" + f + "`");
            }
        }
        return o;
    }
}
