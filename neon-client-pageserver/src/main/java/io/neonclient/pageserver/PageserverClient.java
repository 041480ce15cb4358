package io.neonclient.pageserver;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.TenantInfo;
import io.neonclient.model.Timeline;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A client for one pageserver's management API (upstream {@code pageserver/src/http/routes.rs}). The API reads like the
 * URL: {@code pageserver.timeline(shard, timeline).describe()} is {@code GET /v1/tenant/{shard}/timeline/{timeline}}.
 * Tokens need scope {@code pageserverapi} (or {@code tenant} for one tenant); pageservers reject {@code admin}.
 *
 * <pre>{@code
 * var ps = PageserverClient.builder().baseUri("http://pageserver-1:9898").configure(c -> c.withBearerToken(token)).build();
 * ps.locationConfigs().forEach(System.out::println);
 * Timeline t = ps.timeline(shard, timeline).describe();
 * }</pre>
 *
 * Thread-safe; share one instance per pageserver.
 */
public final class PageserverClient implements AutoCloseable {
    static final Scope SCOPE = Scope.PAGESERVER_API;
    private static final Json.Reader<PageserverStatus> STATUS = Json.reader(PageserverStatus.class);
    private static final Json.Reader<LocationConfigList> LOCATIONS = Json.reader(LocationConfigList.class);
    private static final Json.Reader<RemoteStorageScan> SCAN = Json.reader(RemoteStorageScan.class);
    private static final Json.Reader<PageserverUtilization> UTILIZATION = Json.reader(PageserverUtilization.class);
    private static final Json.Reader<DiskUsageEviction> EVICTION = Json.reader(DiskUsageEviction.class);
    private static final Json.Reader<TopTenantShards> TOP = Json.reader(TopTenantShards.class);
    private static final Json.Reader<Map<TenantShardId, Long>> VISIBLE = Json.reader(new TypeReference<>() {});
    private static final Json.Reader<List<TenantInfo>> TENANTS = Json.reader(new TypeReference<>() {});

    private final ClientSettings settings;
    final HttpTransport transport;

    private PageserverClient(ClientSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
    }

    /** A client for {@code baseUri} (e.g. {@code "http://127.0.0.1:9898"}) with {@link ClientConfig#defaults()}. */
    public static PageserverClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A client for {@code baseUri} with {@link ClientConfig#defaults()}. */
    public static PageserverClient create(URI baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A builder with no base URI yet and {@link ClientConfig#defaults()}. */
    public static Builder builder() {
        return new Builder(null, ClientConfig.defaults());
    }

    /** A builder holding this client's base URI and configuration, to derive a differently configured copy. */
    public Builder toBuilder() {
        return new Builder(settings.baseUri(), settings.config());
    }

    /** The pageserver's base URI. */
    public URI baseUri() {
        return settings.baseUri();
    }

    /** This client's configuration (tokens, timeouts, policies, TLS), to share with other clients. */
    public ClientConfig config() {
        return settings.config();
    }

    /**
     * Closes this client. Sends nothing: it waits for the calls in flight to end, then releases the connections and the
     * selector thread of the JDK {@code HttpClient} the client built. A JVM that ends with such a thread open spends
     * about 0.3 s more in its exit, so a short-lived program (a command, a job) closes its clients, e.g. with
     * try-with-resources; a service closes them at shutdown. An {@code HttpClient} given with
     * {@link ClientConfig#withHttpClient} is the caller's and stays open. Calls after this throw
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
    }

    /** {@code GET /v1/status}: the pageserver's node id (no token needed). */
    public PageserverStatus status() {
        return transport.call(Request.get("/v1/status").build(), STATUS);
    }

    /**
     * {@code GET /v1/location_config}: every tenant shard slot on this pageserver, attached, secondary or in transition
     * (the wire's {@code [id, config]} tuples). Unpaginated.
     */
    public List<ShardLocationConfig> locationConfigs() {
        LocationConfigList list = transport.call(Request.get("/v1/location_config").scope(SCOPE).build(), LOCATIONS);
        return list == null ? List.of() : list.tenantShards();
    }

    /** {@code GET /v1/tenant}: the tenant shards attached here (secondary locations are not listed). */
    public List<TenantInfo> tenants() {
        List<TenantInfo> list = transport.call(Request.get("/v1/tenant").scope(SCOPE).build(), TENANTS);
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * {@code GET /v1/tenant/{tenant_id}/scan_remote_storage}: every shard prefix {@code tenant} has in remote storage,
     * whether or not it is attached here (upstream {@code tenant_scan_remote_handler} in
     * {@code pageserver/src/http/routes.rs}; it reads the bucket, so any pageserver of the cluster answers the same).
     * The storage controller's tenant import reads it; {@link RemoteStorageScan#shardCounts()} is the tenant's
     * shard-count history, which a time travel must rewind in full.
     *
     * @throws io.neonclient.core.NotFoundException when the tenant has no shard prefix at all ({@code No shards found})
     */
    public RemoteStorageScan scanRemoteStorage(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        RemoteStorageScan scan = transport.call(Request.get("/v1/tenant/{tenant_id}/scan_remote_storage", tenant).scope(SCOPE).build(), SCAN);
        return scan == null ? new RemoteStorageScan(List.of()) : scan;
    }

    /**
     * {@code PUT /v1/failpoints} with {@code [{"name": .., "actions": ..}]} (scope pageserverapi; upstream's
     * {@code failpoints_handler} in {@code libs/http-utils/src/failpoints.rs}): configures failpoints of a testing build,
     * e.g. {@code api-503} to make every other route answer 503.
     *
     * @throws io.neonclient.core.BadRequestException when an action string is malformed or the build has no failpoints
     */
    public void configureFailpoints(List<io.neonclient.core.Failpoint> failpoints) {
        transport.send(Request.put("/v1/failpoints").scope(SCOPE).idempotent(true)
                .json(io.neonclient.core.Failpoint.body(failpoints)).build());
    }

    /**
     * {@code POST /v1/reload_auth_validation_keys}: the pageserver reads its JWT public keys again from the path it was
     * started with, so tokens signed with a rotated key are accepted (upstream {@code reload_auth_validation_keys_handler}).
     * Needs a pageserver-wide token; repeating it is harmless, so it is retried.
     *
     * @throws io.neonclient.core.BadRequestException  400 when the pageserver runs without auth
     * @throws io.neonclient.core.ServerErrorException 500 when the keys on disk cannot be read (the old keys stay)
     */
    public void reloadAuthValidationKeys() {
        transport.send(Request.post("/v1/reload_auth_validation_keys").scope(SCOPE).idempotent(true).build());
    }

    /**
     * {@code GET /v1/utilization}: disk usage, shard count and the fitness score the storage controller schedules by
     * (upstream {@code get_utilization}; regenerated at most once a second).
     */
    public PageserverUtilization utilization() {
        return transport.call(Request.get("/v1/utilization").scope(SCOPE).build(), UTILIZATION);
    }

    /**
     * {@code PUT /v1/disk_usage_eviction/run} with {@code {"evict_bytes": n}}: runs one pass of disk-usage-based
     * eviction now, evicting least recently used resident layers until {@code evictBytes} are freed (upstream
     * {@code disk_usage_eviction_run}, eviction order {@code RelativeAccessed}). Evicted layers stay in remote storage
     * and are downloaded again on access. Not retried: a second pass would evict more.
     *
     * @throws IllegalArgumentException when {@code evictBytes} is negative
     */
    public DiskUsageEviction diskUsageEvictionRun(long evictBytes) {
        if (evictBytes < 0) {
            throw new IllegalArgumentException("evictBytes must be >= 0, got " + evictBytes);
        }
        return transport.call(Request.put("/v1/disk_usage_eviction/run").scope(SCOPE).json(Map.of("evict_bytes", evictBytes)).build(),
                EVICTION);
    }

    /**
     * {@code PUT /v1/deletion_queue/flush}: pushes queued remote deletions to the deletion queue's validation (and,
     * with {@code execute}, waits until they are executed in remote storage); upstream {@code deletion_queue_flush}.
     */
    public void deletionQueueFlush(boolean execute) {
        Request.Builder r = Request.put("/v1/deletion_queue/flush").scope(SCOPE).idempotent(true);
        if (execute) {
            r.query("execute", true);
        }
        transport.send(r.build());
    }

    /**
     * {@code POST /v1/top_tenants} with {@code {"order_by", "limit", "where_shards_lt", "where_gt"}}: the {@code limit}
     * largest attached shards here by {@code orderBy} (upstream {@code post_top_tenants}, {@code TopTenantShardsRequest});
     * a read, so it is retried.
     *
     * @param whereShardsLt omit tenants with this many shards or more (0: no filter)
     * @param whereGt       omit shards whose metric is not above this (0: no filter)
     * @throws IllegalArgumentException when {@code limit} is not positive or a filter is negative
     */
    public TopTenantShards topTenants(TenantSorting orderBy, int limit, int whereShardsLt, long whereGt) {
        Objects.requireNonNull(orderBy, "orderBy");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (whereShardsLt < 0 || whereShardsLt > 255 || whereGt < 0) {
            throw new IllegalArgumentException("whereShardsLt must be 0..255 and whereGt >= 0, got " + whereShardsLt + " and " + whereGt);
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("order_by", orderBy);
        body.put("limit", limit);
        body.put("where_shards_lt", whereShardsLt == 0 ? null : whereShardsLt);
        body.put("where_gt", whereGt == 0 ? null : whereGt);
        TopTenantShards top = transport.call(Request.post("/v1/top_tenants").scope(SCOPE).idempotent(true).json(body).build(), TOP);
        return top == null ? new TopTenantShards(List.of()) : top;
    }

    /**
     * {@code GET /v1/list_tenant_visible_size}: each attached shard's visible size, the bytes of the layers reads can
     * still reach (upstream {@code list_tenant_visible_size_handler}); secondary locations are left out.
     */
    public Map<TenantShardId, Long> tenantVisibleSizes() {
        Map<TenantShardId, Long> sizes = transport.call(Request.get("/v1/list_tenant_visible_size").scope(SCOPE).build(), VISIBLE);
        return sizes == null ? Map.of() : Map.copyOf(sizes);
    }

    /** {@code PUT /v1/io_engine} with the engine as a JSON string: switches how the pageserver does file I/O, until restart. */
    public void ioEngine(IoEngineKind engine) {
        Objects.requireNonNull(engine, "engine");
        transport.send(Request.put("/v1/io_engine").scope(SCOPE).idempotent(true).json(engine).build());
    }

    /** {@code PUT /v1/io_mode} with the mode as a JSON string: buffered or direct I/O for layer files, until restart. */
    public void ioMode(IoMode mode) {
        Objects.requireNonNull(mode, "mode");
        transport.send(Request.put("/v1/io_mode").scope(SCOPE).idempotent(true).json(mode).build());
    }

    /** The URLs below {@code /v1/tenant/{tenant_shard_id}}: detail, timelines, config, secondary download. No request is sent. */
    public PageserverTenant tenant(TenantShardId shard) {
        return new PageserverTenant(this, requireShard(shard));
    }

    /** The location of one shard on this pageserver: {@code location_config} get and put. No request is sent. */
    public PageserverShard shard(TenantShardId shard) {
        return new PageserverShard(this, requireShard(shard));
    }

    /** The URLs below {@code /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}}. No request is sent. */
    public PageserverTimeline timeline(TenantShardId shard, TimelineId timeline) {
        if (timeline == null) {
            throw new NullPointerException("timeline id must not be null");
        }
        return new PageserverTimeline(this, requireShard(shard), timeline);
    }

    ClientSettings settings() {
        return settings;
    }

    private static TenantShardId requireShard(TenantShardId shard) {
        if (shard == null) {
            throw new NullPointerException("tenant shard id must not be null");
        }
        return shard;
    }

    /** Upstream {@code LocationConfigListResponse}. */
    record LocationConfigList(List<ShardLocationConfig> tenantShards) {
        LocationConfigList {
            tenantShards = tenantShards == null ? List.of() : List.copyOf(tenantShards);
        }
    }

    /** Builds a {@link PageserverClient} from a base URI and a {@link ClientConfig}. */
    public static final class Builder {
        private URI baseUri;
        private ClientConfig config;

        private Builder(URI baseUri, ClientConfig config) {
            this.baseUri = baseUri;
            this.config = config;
        }

        /** The pageserver's HTTP management address, e.g. {@code http://pageserver-1:9898}. */
        public Builder baseUri(URI uri) {
            this.baseUri = ClientSettings.normalizeBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** The pageserver's HTTP management address, e.g. {@code http://pageserver-1:9898}. */
        public Builder baseUri(String uri) {
            this.baseUri = ClientSettings.parseBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** Every other setting (default {@link ClientConfig#defaults()}); one configuration can serve every client. */
        public Builder config(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Derives the configuration from the current one, e.g. {@code configure(c -> c.withBearerToken(token))}. */
        public Builder configure(UnaryOperator<ClientConfig> change) {
            return config(Objects.requireNonNull(change, "change").apply(config));
        }

        /** @throws IllegalArgumentException when the base URI is missing */
        public PageserverClient build() {
            return new PageserverClient(new ClientSettings("pageserver", baseUri, config));
        }
    }
}
