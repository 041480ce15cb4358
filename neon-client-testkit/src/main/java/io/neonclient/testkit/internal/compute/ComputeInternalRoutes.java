package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * compute_ctl's internal listener (compute_tools/src/http/server.rs {@code Server::Internal}, no authorization):
 * {@code POST /extensions} (routes/extensions.rs → compute.rs {@code install_extension}) and {@code POST /grants}
 * (routes/grants.rs → {@code set_role_grants}); plus {@code GET /hadron_liveness_probe} on the external listener
 * (routes/hadron_liveness_probe.rs: {@code pg_isready} answers while Postgres runs).
 *
 * <p>The catalog is the spec's: databases {@code postgres} and the spec's {@code cluster.databases}, roles from
 * {@code cluster.roles}, one schema {@code public} per database (the simulation runs no SQL, so nothing else exists).
 * Every extension is available in any version. A replica refuses both writes, as a read-only transaction does; grants
 * already held are skipped first, as upstream reads them before granting. Locking: this object's monitor guards the
 * installed extensions and grants.
 */
public final class ComputeInternalRoutes {
    private static final Set<String> PRIVILEGES = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
            "TRIGGER", "USAGE", "CREATE", "CONNECT", "TEMPORARY", "EXECUTE");

    private final ComputeNode node;
    /** database → extension → version. */
    private final Map<String, Map<String, String>> extensions = new HashMap<>();
    /** "database/schema/role" → privileges held. */
    private final Map<String, Set<String>> grants = new HashMap<>();

    public ComputeInternalRoutes(ComputeNode node) {
        this.node = node;
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
            ComputeStatus status = node.status();
            if (!Set.of(ComputeStatus.RUNNING, ComputeStatus.CONFIGURATION_PENDING, ComputeStatus.CONFIGURATION).contains(status)) {
                throw HttpError.of(500, "pg_isready: no response (compute is " + status + ")");
            }
            return Reply.ok(Json.MAPPER.getNodeFactory().textNode("ok"));
        });
        return external;
    }

    private Reply installExtension(Exchange x) {
        ObjectNode req = body(x, "extension", "database", "version");
        ObjectNode spec = requireRunning();
        String ext = req.get("extension").asText();
        String db = req.get("database").asText();
        String version = req.get("version").asText();
        if (!databases(spec).contains(db)) {
            throw HttpError.of(500, "failed to install extension: Failed to connect to the database");
        }
        synchronized (this) {
            Map<String, String> installed = extensions.computeIfAbsent(db, k -> new HashMap<>());
            if (!version.equals(installed.get(ext))) {
                if (replica(spec)) {
                    String query = installed.containsKey(ext) ? "ALTER EXTENSION \"" + ext + "\" UPDATE TO '" + version + "'"
                            : "CREATE EXTENSION IF NOT EXISTS \"" + ext + "\" WITH SCHEMA public VERSION '" + version + "'";
                    throw HttpError.of(500, "failed to install extension: Failed to execute query: " + query);
                }
                installed.put(ext, version);
            }
        }
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
        ObjectNode spec = requireRunning();
        String db = req.get("database").asText();
        String schema = req.get("schema").asText();
        String role = req.get("role").asText();
        if (!databases(spec).contains(db)) {
            throw HttpError.of(500, "failed to grant role privileges to the schema: Failed to connect to the database");
        }
        synchronized (this) {
            Set<String> held = grants.computeIfAbsent(db + "/" + schema + "/" + role, k -> new LinkedHashSet<>());
            List<String> missing = privileges.stream().filter(p -> !held.contains(p)).distinct().toList();
            if (!missing.isEmpty()) {
                String query = "GRANT " + String.join(", ", missing) + " ON SCHEMA \"" + schema + "\" TO \"" + role + "\"";
                if (!schema.equals("public") || !roles(spec).contains(role) || replica(spec)) {
                    throw HttpError.of(500, "failed to grant role privileges to the schema: Failed to execute query: " + query);
                }
                held.addAll(missing);
            }
        }
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

    /** http/mod.rs {@code invalid_status}: both handlers need a running compute. */
    private ObjectNode requireRunning() {
        ComputeStatus status = node.status();
        if (status != ComputeStatus.RUNNING) {
            throw HttpError.of(412, "invalid compute status: " + status);
        }
        return node.spec();
    }

    private static Set<String> databases(ObjectNode spec) {
        Set<String> out = new LinkedHashSet<>();
        out.add("postgres");
        spec.path("cluster").path("databases").forEach(d -> out.add(d.path("name").asText()));
        return out;
    }

    private static Set<String> roles(ObjectNode spec) {
        Set<String> out = new LinkedHashSet<>();
        out.add("cloud_admin");
        spec.path("cluster").path("roles").forEach(r -> out.add(r.path("name").asText()));
        return out;
    }

    private static boolean replica(ObjectNode spec) {
        JsonNode m = spec.get("mode");
        return m != null && !m.isNull() && !(m.isTextual() && m.asText().equalsIgnoreCase("primary"));
    }
}
