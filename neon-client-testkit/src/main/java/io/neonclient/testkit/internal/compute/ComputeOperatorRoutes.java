package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.nio.charset.StandardCharsets;

/**
 * compute_ctl's operator routes beyond status/configure/terminate (compute_tools/src/http/routes/): check_writability,
 * promote, LFC prewarm and offload, insights, dbs_and_roles and database_schema, all behind the external server's
 * Authorize layer. {@code POST /extensions} and {@code POST /grants} are on the internal listener
 * ({@link ComputeInternalRoutes}). The routes decode, call {@link ComputeNode}, {@link ComputePrewarm} or
 * {@link ComputeCatalog} and encode.
 */
public final class ComputeOperatorRoutes {
    private final ComputeNode node;
    private final ComputePrewarm lfc;
    private final ComputeCatalog catalog;

    public ComputeOperatorRoutes(ComputeNode node, ComputePrewarm lfc, ComputeCatalog catalog) {
        this.node = node;
        this.lfc = lfc;
        this.catalog = catalog;
    }

    public Router register(Router r) {
        r.add("POST", "/check_writability", RouteAuth.ANY, x -> {
            node.checkWritability();
            return Reply.ok(true);
        });
        r.add("POST", "/promote", RouteAuth.ANY, x -> {
            JsonNode body = x.json();
            if (!(body instanceof ObjectNode req) || !req.path("spec").isObject() || !req.path("wal_flush_lsn").isTextual()) {
                throw HttpError.of(422, "failed to deserialize the json body into the target type: missing field `"
                        + (body != null && body.path("spec").isObject() ? "wal_flush_lsn" : "spec") + "`");
            }
            ObjectNode outcome = lfc.promote((ObjectNode) req.get("spec"), req.get("wal_flush_lsn").asText());
            return Reply.json(outcome.path("status").asText().equals("failed") ? 500 : 200, outcome);
        });
        r.add("GET", "/lfc/prewarm", RouteAuth.ANY, x -> Reply.ok(lfc.lfcPrewarmState()));
        r.add("POST", "/lfc/prewarm", RouteAuth.ANY, x -> {
            lfc.prewarmLfc(x.query("from_endpoint"));
            return Reply.empty(202);
        });
        r.add("DELETE", "/lfc/prewarm", RouteAuth.ANY, x -> {
            lfc.cancelPrewarm();
            return Reply.empty(202);
        });
        r.add("GET", "/lfc/offload", RouteAuth.ANY, x -> Reply.ok(lfc.lfcOffloadState()));
        r.add("POST", "/lfc/offload", RouteAuth.ANY, x -> {
            lfc.offloadLfc();
            return Reply.empty(202);
        });
        r.add("GET", "/insights", RouteAuth.ANY, x -> Reply.ok(node.collectInsights()));
        r.add("GET", "/dbs_and_roles", RouteAuth.ANY, x -> Reply.ok(catalog.getDbsAndRoles()));
        r.add("GET", "/database_schema", RouteAuth.ANY, x -> {
            String database = x.query("database");
            if (database == null) {
                throw HttpError.of(400, "Failed to deserialize query string: missing field `database`");
            }
            return new Reply(200, catalog.getDatabaseSchema(database).getBytes(StandardCharsets.UTF_8), "application/json");
        });
        return r;
    }
}
