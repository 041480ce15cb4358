package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.pageserver.Location;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.pageserver.Timelines;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * A simulated compute_ctl's state and operations (compute_tools/src/compute.rs {@code ComputeNode}): status, configure
 * (blocks until {@code running}; the basebackup is fetched from the pageserver the spec names for shard 0 and fails
 * with "Timeline not found" when that pageserver does not hold the shard attached), terminate with the last LSN, the
 * start-up metrics, {@code check_writability} (checker.rs), insights and {@code pg_isready}. {@link ComputeRoutes}
 * serves them. Locking: this object's monitor guards its fields; the basebackup runs without it.
 */
public final class ComputeNode {
    private final long id;
    private final Timelines timelines;
    private final Timing timing;
    /** (libpq url, id from pageserver_connection_info or null) → pageserver, or null. */
    private final BiFunction<String, Long, PageserverNode> resolver;
    private final Instant startTime = Instant.now();
    private ComputeStatus status = ComputeStatus.EMPTY;
    private TenantId tenant;
    private TimelineId timeline;
    private String error;
    private ObjectNode spec;
    private Lsn terminatedAt;
    private java.util.Map<String, Long> pageservers = java.util.Map.of();
    /** ComputeMetrics (libs/compute_api/src/responses.rs), all 0 until the first spec arrives. */
    private final ObjectNode metrics = Json.MAPPER.createObjectNode();

    public ComputeNode(long id, Timelines timelines, Timing timing, BiFunction<String, Long, PageserverNode> resolver) {
        this.id = id;
        this.timelines = timelines;
        this.timing = timing;
        this.resolver = resolver;
        for (String f : new String[] {"wait_for_spec_ms", "sync_sk_check_ms", "sync_safekeepers_ms", "pageserver_connect_micros",
                "basebackup_ms", "basebackup_bytes", "start_postgres_ms", "config_ms", "total_startup_ms", "load_ext_ms",
                "num_ext_downloaded", "largest_ext_size", "total_ext_download_size"}) {
            metrics.put(f, 0L);
        }
    }

    public long id() {
        return id;
    }

    /** The compute id compute_ctl was started with ({@code --compute-id}); compute tokens must carry it. */
    public String computeId() {
        return "compute-" + id;
    }

    /** compute_ctl's {@code ComputeStatus} (libs/compute_api/src/responses.rs). */
    public synchronized ComputeStatus status() {
        return status;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized TenantId tenant() {
        return tenant;
    }

    public synchronized TimelineId timeline() {
        return timeline;
    }

    /** metrics_json.rs: {@code ComputeMetrics}, the start-up timings (a copy). */
    public synchronized ObjectNode metrics() {
        return metrics.deepCopy();
    }

    /** status.rs: {@code ComputeStatusResponse}. */
    public synchronized ObjectNode statusBody() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("start_time", Rfc3339.format(startTime));
        n.put("tenant", tenant == null ? null : tenant.toString());
        n.put("timeline", timeline == null ? null : timeline.toString());
        n.put("status", status.toString());
        n.put("last_active", status == ComputeStatus.RUNNING ? Rfc3339.format(timing.now()) : null);
        n.put("error", error);
        return n;
    }

    /**
     * configure.rs and compute.rs {@code set_spec}/{@code start_compute}: applies a ConfigurationRequest; the answer is
     * the status body, or the error. Body rejections are 422 with axum's text lower-cased, as
     * compute_tools/src/http/extract/json.rs answers them.
     */
    public ObjectNode configure(JsonNode body) {
        if (!(body instanceof ObjectNode req) || !req.path("spec").isObject()) {
            throw HttpError.of(422, "failed to deserialize the json body into the target type: missing field `spec`");
        }
        if (!req.path("compute_ctl_config").isObject()) {
            throw HttpError.of(422, "failed to deserialize the json body into the target type: missing field `compute_ctl_config`");
        }
        ObjectNode s = (ObjectNode) req.get("spec");
        for (String f : new String[] {"format_version", "cluster", "suspend_timeout_seconds"}) {
            if (!s.has(f)) {
                throw HttpError.of(422, "failed to deserialize the json body into the target type: spec: missing field `" + f + "`");
            }
        }
        TenantId t;
        TimelineId tl;
        try {
            t = TenantId.parse(text(s, "tenant_id", "neon.tenant_id"));
            tl = TimelineId.parse(text(s, "timeline_id", "neon.timeline_id"));
        } catch (IllegalArgumentException e) {
            throw HttpError.of(400, "invalid spec: tenant_id and timeline_id are required: " + e.getMessage());
        }
        boolean starting;
        long specAt = System.nanoTime();
        synchronized (this) {
            if (status != ComputeStatus.EMPTY && status != ComputeStatus.RUNNING) {
                throw HttpError.of(412, "invalid compute status for configuration request: " + status);
            }
            starting = status == ComputeStatus.EMPTY;
            if (starting) {
                // compute.rs: how long compute_ctl waited for its spec
                metrics.put("wait_for_spec_ms", Math.max(0, java.time.Duration.between(startTime, Instant.now()).toMillis()));
            }
            status = ComputeStatus.CONFIGURATION;
            spec = s.deepCopy();
            tenant = t;
            timeline = tl;
            error = null;
        }
        String failure = basebackup(s, t, tl, starting);
        synchronized (this) {
            status = failure == null ? ComputeStatus.RUNNING : ComputeStatus.FAILED;
            error = failure;
            if (starting && failure == null) {
                // start_postgres_ms and config_ms stay 0: there is no Postgres to start nor catalog to apply
                metrics.put("total_startup_ms", (System.nanoTime() - specAt) / 1_000_000);
            }
        }
        if (failure != null) {
            throw HttpError.of(500, failure);
        }
        return statusBody();
    }

    /**
     * Fetches the basebackup from the spec's shard-0 pageserver, then connects to every other shard's pageserver as
     * the compute's page reads would (compute_tools/src/compute.rs {@code get_basebackup}; pgxn/neon's libpagestore
     * opens one connection per shard); each must hold its shard attached. On the initial start records the connect and
     * transfer timings and the size (here the timeline's logical size).
     */
    private String basebackup(ObjectNode s, TenantId t, TimelineId tl, boolean starting) {
        long started = System.nanoTime();
        int count = 0;
        java.util.List<String> urls = new java.util.ArrayList<>();
        java.util.List<Long> ids = new java.util.ArrayList<>();
        JsonNode info = s.get("pageserver_connection_info");
        if (info != null && info.isObject()) {
            count = info.path("shard_count").asInt(0);
            for (int n = 0; n < Math.max(count, 1); n++) {
                JsonNode first = info.path("shards").path(ShardIndex.of(n, count).toString()).path("pageservers").path(0);
                urls.add(first.path("libpq_url").asText(null));
                ids.add(first.hasNonNull("id") ? first.get("id").asLong() : null);
            }
        } else if (s.hasNonNull("pageserver_connstring")) {
            for (String u : s.get("pageserver_connstring").asText().split(",")) {
                urls.add(u);
                ids.add(null);
            }
            count = urls.size() > 1 ? urls.size() : 0;
        }
        if (urls.isEmpty() || urls.get(0) == null && ids.get(0) == null) {
            return "invalid spec: no pageserver connection string";
        }
        java.util.Map<String, Long> reached = new java.util.TreeMap<>();
        TimelineData found = null;
        long connected = 0;
        for (int n = 0; n < urls.size(); n++) {
            String url = urls.get(n);
            TenantShardId shard = count == 0 ? TenantShardId.unsharded(t) : TenantShardId.of(t, ShardIndex.of(n, count));
            if (url == null && ids.get(n) == null) {
                return "invalid spec: no pageserver for shard " + shard.shardIndex();
            }
            PageserverNode ps = resolver.apply(url, ids.get(n));
            if (ps == null || !ps.running()) {
                return "failed to get basebackup from " + url + ": error connecting to server: Connection refused";
            }
            if (n == 0) {
                connected = System.nanoTime();
            }
            Location l = ps.location(shard);
            TimelineData onShard;
            try {
                onShard = timelines.find(shard, tl);
            } catch (HttpError e) {
                onShard = null;
            }
            if (l == null || !l.attached() || onShard == null) {
                return (n == 0 ? "failed to get basebackup@" : "failed to connect to shard " + shard.shardIndex() + "@")
                        + " from pageserver " + url + ": db error: ERROR: Timeline not found: tenant "
                        + shard + " timeline " + tl + " is not attached to pageserver " + ps.id();
            }
            if (n == 0) {
                found = onShard;
            }
            reached.put(shard.shardIndex().toString(), ps.id());
        }
        synchronized (this) {
            pageservers = java.util.Collections.unmodifiableMap(reached);
        }
        if (starting) {
            synchronized (this) {
                metrics.put("pageserver_connect_micros", (connected - started) / 1_000);
                metrics.put("basebackup_bytes", found.logicalSize() + found.lastRecordLsn().minus(found.initdbLsn()));
                metrics.put("basebackup_ms", (System.nanoTime() - started) / 1_000_000);
            }
        }
        return null;
    }

    /** Per shard index ({@code "0000"}, {@code "0104"} …), the pageserver the last successful configuration reached. */
    public synchronized java.util.Map<String, Long> pageservers() {
        return pageservers;
    }

    private static String text(ObjectNode spec, String field, String guc) {
        if (spec.hasNonNull(field)) {
            return spec.get(field).asText();
        }
        for (JsonNode setting : spec.path("cluster").path("settings")) {
            if (guc.equals(setting.path("name").asText())) {
                return setting.path("value").asText();
            }
        }
        return null;
    }

    /** What {@code terminate} found: whether the compute was already terminated, and the last LSN (null: none). */
    public record Terminated(boolean already, Lsn lsn) { }

    /** compute.rs {@code terminate} (terminate.rs): the compute stops; a repeated call answers the same LSN. */
    public synchronized Terminated terminate() {
        boolean already = status == ComputeStatus.TERMINATED;
        if (!already) {
            terminatedAt = null;
            if (tenant != null && timeline != null) {
                try {
                    terminatedAt = timelines.find(TenantShardId.unsharded(tenant), timeline).lastRecordLsn();
                } catch (HttpError e) {
                    terminatedAt = null;
                }
            }
            status = ComputeStatus.TERMINATED;
        }
        return new Terminated(already, terminatedAt);
    }

    /** http/mod.rs {@code invalid_status}: 412 unless the compute is running; answers its spec. */
    ObjectNode requireRunning() {
        ComputeStatus s = status();
        if (s != ComputeStatus.RUNNING) {
            throw HttpError.of(412, "invalid compute status: " + s);
        }
        return spec();
    }

    /** The compute's mode as the spec names it ({@code primary}, {@code replica}, {@code static}), lower-cased. */
    static String mode(ObjectNode spec) {
        JsonNode m = spec == null ? null : spec.get("mode");
        if (m == null || m.isNull()) {
            return "primary";
        }
        return m.isTextual() ? m.asText().toLowerCase(java.util.Locale.ROOT) : m.fieldNames().next().toLowerCase(java.util.Locale.ROOT);
    }

    /** checker.rs {@code check_writability}: an upsert into {@code health_check}, which a replica refuses. */
    public void checkWritability() {
        ObjectNode spec = requireRunning();
        if (!mode(spec).equals("primary")) {
            throw HttpError.of(500, "db error: ERROR: cannot execute INSERT in a read-only transaction");
        }
        write(64);
    }

    /**
     * compute.rs {@code collect_insights}: pg_stat_statements rows of users other than cloud_admin; nothing else runs
     * SQL here, so there are none.
     */
    public ObjectNode collectInsights() {
        requireRunning();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putArray("pg_stat_statements");
        return out;
    }

    /** pg_isready.rs as hadron_liveness_probe.rs runs it: answers while Postgres runs (or is being configured), else 500. */
    public void pgIsReady() {
        ComputeStatus s = status();
        if (!java.util.Set.of(ComputeStatus.RUNNING, ComputeStatus.CONFIGURATION_PENDING, ComputeStatus.CONFIGURATION).contains(s)) {
            throw HttpError.of(500, "pg_isready: no response (compute is " + s + ")");
        }
    }

    /** The running compute writes WAL (a transaction commit of {@code bytes}). */
    public Lsn write(long bytes) {
        synchronized (this) {
            if (status != ComputeStatus.RUNNING) {
                throw new IllegalStateException("compute " + id + " is not running (status " + status + ")");
            }
        }
        return timelines.write(TenantShardId.unsharded(tenant), timeline, bytes);
    }

    public synchronized ObjectNode spec() {
        return spec == null ? null : spec.deepCopy();
    }
}
