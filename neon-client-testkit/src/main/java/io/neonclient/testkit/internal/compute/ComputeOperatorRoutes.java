package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantShardId;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.Timelines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * compute_ctl's operator routes beyond status/configure/terminate (compute_tools/src/http/routes/): check_writability,
 * promote, LFC prewarm and offload, insights and database_schema, all behind the external server's Authorize layer.
 * {@code POST /extensions} and {@code POST /grants} are on the internal listener ({@link ComputeInternalRoutes}).
 *
 * <p>The Local File Cache follows compute_tools/src/compute_prewarm.rs: a second prewarm or offload while one runs is
 * 429; each runs in the background for {@link #LFC_WORK} (upstream time, scaled). Offloading stores the number of
 * cached pages (the timeline's written data, in 8 KiB pages) under the endpoint's id in an endpoint storage shared by
 * the cluster's computes, {@code skipped} when there is none; prewarming reads it back from this endpoint or
 * {@code from_endpoint}, {@code skipped} when nothing was offloaded there. Locking: this object's monitor guards the
 * two states.
 */
public final class ComputeOperatorRoutes {
    /** How long a prewarm or offload runs (upstream time). */
    static final Duration LFC_WORK = Duration.ofSeconds(2);

    private final ComputeNode node;
    private final Map<String, Long> endpointStorage;
    private final Timelines timelines;
    private final Timing timing;
    private ObjectNode prewarm = state("not_prewarmed");
    private ObjectNode offload = state("not_offloaded");
    private ObjectNode promoted;
    private long prewarmGeneration;

    public ComputeOperatorRoutes(ComputeNode node, Map<String, Long> endpointStorage, Timelines timelines, Timing timing) {
        this.node = node;
        this.endpointStorage = endpointStorage;
        this.timelines = timelines;
        this.timing = timing;
    }

    public Router register(Router r) {
        r.add("POST", "/check_writability", RouteAuth.ANY, x -> checkWritability());
        r.add("POST", "/promote", RouteAuth.ANY, x -> promote(x.json()));
        r.add("GET", "/lfc/prewarm", RouteAuth.ANY, x -> {
            synchronized (this) {
                return Reply.ok(prewarm.deepCopy());
            }
        });
        r.add("POST", "/lfc/prewarm", RouteAuth.ANY, x -> startPrewarm(x.query("from_endpoint")));
        r.add("DELETE", "/lfc/prewarm", RouteAuth.ANY, x -> {
            synchronized (this) {
                if (prewarm.path("status").asText().equals("prewarming")) {
                    prewarmGeneration++;
                    prewarm = state("cancelled");
                }
            }
            return Reply.empty(202);
        });
        r.add("GET", "/lfc/offload", RouteAuth.ANY, x -> {
            synchronized (this) {
                return Reply.ok(offload.deepCopy());
            }
        });
        r.add("POST", "/lfc/offload", RouteAuth.ANY, x -> startOffload());
        r.add("GET", "/insights", RouteAuth.ANY, x -> {
            requireRunning();
            // collect_insights: pg_stat_statements rows of users other than cloud_admin; nothing else runs SQL here
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.putArray("pg_stat_statements");
            return Reply.ok(out);
        });
        r.add("GET", "/dbs_and_roles", RouteAuth.ANY, x -> dbsAndRoles());
        r.add("GET", "/database_schema", RouteAuth.ANY, x -> databaseSchema(x.query("database")));
        return r;
    }

    private static ObjectNode state(String status) {
        return Json.MAPPER.createObjectNode().put("status", status);
    }

    /** http/mod.rs {@code invalid_status}. */
    private void requireRunning() {
        ComputeStatus status = node.status();
        if (status != ComputeStatus.RUNNING) {
            throw HttpError.of(412, "invalid compute status: " + status);
        }
    }

    private static String mode(ObjectNode spec) {
        JsonNode m = spec == null ? null : spec.get("mode");
        if (m == null || m.isNull()) {
            return "primary";
        }
        return m.isTextual() ? m.asText().toLowerCase(java.util.Locale.ROOT) : m.fieldNames().next().toLowerCase(java.util.Locale.ROOT);
    }

    /** checker.rs {@code check_writability}: an upsert into {@code health_check}, which a replica refuses. */
    private Reply checkWritability() {
        requireRunning();
        if (!mode(node.spec()).equals("primary")) {
            throw HttpError.of(500, "db error: ERROR: cannot execute INSERT in a read-only transaction");
        }
        node.write(64);
        return Reply.ok(true);
    }

    /**
     * compute_promote.rs {@code promote}: the first call's outcome is kept and answered again; a compute that is not a
     * replica, or whose prewarm has not finished, fails (500); a flush LSN beyond the timeline's WAL is never caught
     * up with; then the new spec is applied with the compute as primary.
     */
    private Reply promote(JsonNode body) {
        if (!(body instanceof ObjectNode req) || !req.path("spec").isObject() || !req.path("wal_flush_lsn").isTextual()) {
            throw HttpError.of(422, "failed to deserialize the json body into the target type: missing field `"
                    + (body != null && body.path("spec").isObject() ? "wal_flush_lsn" : "spec") + "`");
        }
        synchronized (this) {
            if (promoted != null) {
                return Reply.json(promoted.path("status").asText().equals("failed") ? 500 : 200, promoted);
            }
        }
        ObjectNode outcome = promotion((ObjectNode) req.get("spec"), req.get("wal_flush_lsn").asText());
        synchronized (this) {
            promoted = outcome;
        }
        return Reply.json(outcome.path("status").asText().equals("failed") ? 500 : 200, outcome);
    }

    private ObjectNode promotion(ObjectNode newSpec, String flushText) {
        String mode = mode(node.spec());
        if (!mode.equals("replica")) {
            return failed("compute mode \"" + mode + "\" is not replica");
        }
        String prewarmStatus;
        synchronized (this) {
            prewarmStatus = prewarm.path("status").asText();
        }
        if (prewarmStatus.equals("not_prewarmed") || prewarmStatus.equals("prewarming")) {
            return failed("compute " + (prewarmStatus.equals("prewarming") ? "Prewarming" : "NotPrewarmed"));
        }
        long waitStarted = System.nanoTime();
        Lsn flush;
        Lsn replayed;
        try {
            flush = Lsn.parse(flushText);
            replayed = timelines.find(TenantShardId.unsharded(node.tenant()), node.timeline()).lastRecordLsn();
        } catch (IllegalArgumentException | HttpError e) {
            return failed(e.getMessage());
        }
        if (flush.isAfter(replayed)) {
            return failed("didn't catch up with primary in 10 retries");
        }
        long waited = (System.nanoTime() - waitStarted) / 1_000_000;
        ObjectNode primary = newSpec.deepCopy();
        primary.put("mode", "Primary");
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.set("spec", primary);
        request.putObject("compute_ctl_config").putObject("jwks").putArray("keys");
        long reconfigureStarted = System.nanoTime();
        try {
            node.configure(request);
        } catch (HttpError e) {
            return failed(e.getMessage());
        }
        return state("completed").put("lsn_wait_time_ms", waited).put("pg_promote_time_ms", 0)
                .put("reconfigure_time_ms", (System.nanoTime() - reconfigureStarted) / 1_000_000);
    }

    private static ObjectNode failed(String error) {
        return state("failed").put("error", error);
    }

    private String endpoint() {
        ObjectNode spec = node.spec();
        return spec != null && spec.hasNonNull("endpoint_id") ? spec.get("endpoint_id").asText() : node.computeId();
    }

    private Reply startPrewarm(String fromEndpoint) {
        long generation;
        synchronized (this) {
            if (prewarm.path("status").asText().equals("prewarming")) {
                throw HttpError.of(429, "Multiple requests for prewarm are not allowed");
            }
            prewarm = state("prewarming");
            generation = ++prewarmGeneration;
        }
        String source = fromEndpoint != null ? fromEndpoint : endpoint();
        Thread.ofVirtual().start(() -> {
            sleep();
            Long pages = endpointStorage.get(source);
            synchronized (this) {
                if (prewarmGeneration != generation) {
                    return;
                }
                prewarm = pages == null ? state("skipped") : state("completed").put("total", pages).put("prewarmed", pages)
                        .put("skipped", 0).put("state_download_time_ms", 1).put("uncompress_time_ms", 0)
                        .put("prewarm_time_ms", timing.millis(LFC_WORK));
            }
        });
        return Reply.empty(202);
    }

    private Reply startOffload() {
        synchronized (this) {
            if (offload.path("status").asText().equals("offloading")) {
                throw HttpError.of(429, "Multiple requests for prewarm offload are not allowed");
            }
            offload = state("offloading");
        }
        Thread.ofVirtual().start(() -> {
            sleep();
            long pages = cachedPages();
            if (pages > 0) {
                endpointStorage.put(endpoint(), pages);
            }
            synchronized (this) {
                offload = pages == 0 ? state("skipped") : state("completed").put("state_query_time_ms", 1)
                        .put("compress_time_ms", 0).put("state_upload_time_ms", timing.millis(LFC_WORK));
            }
        });
        return Reply.empty(202);
    }

    /** The pages the cache holds: the timeline's data written since initdb, when the compute runs. */
    private long cachedPages() {
        if (node.status() != ComputeStatus.RUNNING || node.tenant() == null) {
            return 0;
        }
        try {
            TimelineData t = timelines.find(TenantShardId.unsharded(node.tenant()), node.timeline());
            return (t.lastRecordLsn().minus(t.initdbLsn()) + 8191) / 8192;
        } catch (HttpError e) {
            return 0;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(timing.millis(LFC_WORK));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * catalog.rs {@code get_dbs_and_roles}: the catalog holds what the spec created (its roles and databases) plus the
     * {@code postgres} database every cluster has; 500 when Postgres is not up to answer.
     */
    private Reply dbsAndRoles() {
        ObjectNode spec = node.spec();
        if (spec == null || node.status() != ComputeStatus.RUNNING) {
            throw HttpError.of(500, "error connecting to server: Connection refused (os error 111)");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode roles = out.putArray("roles");
        for (JsonNode role : spec.path("cluster").path("roles")) {
            ObjectNode r = roles.addObject().put("name", role.path("name").asText());
            r.set("encrypted_password", role.path("encrypted_password").isTextual() ? role.get("encrypted_password") : null);
            r.putNull("options");
        }
        com.fasterxml.jackson.databind.node.ArrayNode dbs = out.putArray("databases");
        dbs.addObject().put("name", "postgres").put("owner", "cloud_admin").putNull("options").put("restrict_conn", false)
                .put("invalid", false);
        for (JsonNode db : spec.path("cluster").path("databases")) {
            dbs.addObject().put("name", db.path("name").asText()).put("owner", db.path("owner").asText()).putNull("options")
                    .put("restrict_conn", false).put("invalid", false);
        }
        return Reply.ok(out);
    }

    /**
     * catalog.rs {@code get_database_schema}: 404 {@code database does not exist} unless the spec lists the database
     * (or it is {@code postgres}); otherwise the schema-only dump, which here holds the database's ownership only.
     */
    private Reply databaseSchema(String database) {
        if (database == null) {
            throw HttpError.of(400, "Failed to deserialize query string: missing field `database`");
        }
        requireRunning();
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
        return new Reply(200, dump.getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
