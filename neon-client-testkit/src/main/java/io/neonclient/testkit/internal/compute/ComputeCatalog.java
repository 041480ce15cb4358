package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compute's Postgres catalog as compute_ctl reads and changes it: compute_tools/src/catalog.rs
 * ({@code get_dbs_and_roles}, {@code get_database_schema}) and compute.rs {@code install_extension} and
 * {@code set_role_grants}. The catalog is the spec's: databases {@code postgres} and the spec's
 * {@code cluster.databases}, roles from {@code cluster.roles}, one schema {@code public} per database (the simulation
 * runs no SQL, so nothing else exists). Every extension is available in any version. A replica refuses both writes, as
 * a read-only transaction does; grants already held are skipped first, as upstream reads them before granting.
 * Locking: this object's monitor guards the installed extensions and grants.
 */
public final class ComputeCatalog {
    /** database → extension → version. */
    private final Map<String, Map<String, String>> extensions = new HashMap<>();
    /** "database/schema/role" → privileges held. */
    private final Map<String, Set<String>> grants = new HashMap<>();
    private final ComputeNode node;

    public ComputeCatalog(ComputeNode node) {
        this.node = node;
    }

    /**
     * catalog.rs {@code get_dbs_and_roles}: the catalog holds what the spec created (its roles and databases) plus the
     * {@code postgres} database every cluster has; 500 when Postgres is not up to answer.
     */
    public ObjectNode getDbsAndRoles() {
        ObjectNode spec = node.spec();
        if (spec == null || node.status() != ComputeStatus.RUNNING) {
            throw HttpError.of(500, "error connecting to server: Connection refused (os error 111)");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode roles = out.putArray("roles");
        for (JsonNode role : spec.path("cluster").path("roles")) {
            ObjectNode r = roles.addObject().put("name", role.path("name").asText());
            r.set("encrypted_password", role.path("encrypted_password").isTextual() ? role.get("encrypted_password") : null);
            r.putNull("options");
        }
        ArrayNode dbs = out.putArray("databases");
        dbs.addObject().put("name", "postgres").put("owner", "cloud_admin").putNull("options").put("restrict_conn", false)
                .put("invalid", false);
        for (JsonNode db : spec.path("cluster").path("databases")) {
            dbs.addObject().put("name", db.path("name").asText()).put("owner", db.path("owner").asText()).putNull("options")
                    .put("restrict_conn", false).put("invalid", false);
        }
        return out;
    }

    /**
     * catalog.rs {@code get_database_schema}: 404 {@code database does not exist} unless the spec lists the database
     * (or it is {@code postgres}); otherwise the schema-only dump, which here holds the database's ownership only.
     */
    public String getDatabaseSchema(String database) {
        node.requireRunning();
        String owner = database.equals("postgres") ? "cloud_admin" : null;
        ObjectNode spec = node.spec();
        for (JsonNode db : spec == null ? Json.MAPPER.createArrayNode() : spec.path("cluster").path("databases")) {
            if (database.equals(db.path("name").asText())) {
                owner = db.path("owner").asText();
            }
        }
        if (owner == null) {
            throw HttpError.of(404, "database does not exist");
        }
        String dump = "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n\n"
                + "--\n-- Name: public; Type: SCHEMA; Schema: -; Owner: " + owner + "\n--\n\n"
                + "-- PostgreSQL database dump complete\n--\n\n";
        return dump;
    }
    /**
     * compute.rs {@code install_extension} (extensions.rs): 412 unless running, 500 for an unknown database or, on a
     * replica, for a change; an extension already at {@code version} is left as is.
     */
    public void installExtension(String ext, String db, String version) {
        ObjectNode spec = node.requireRunning();
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
    }

    /**
     * compute.rs {@code set_role_grants} (grants.rs): 412 unless running, 500 for an unknown database; the privileges
     * not yet held are granted, which needs schema {@code public}, a known role and a primary (else 500).
     */
    public void setRoleGrants(String db, String schema, List<String> privileges, String role) {
        ObjectNode spec = node.requireRunning();
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
