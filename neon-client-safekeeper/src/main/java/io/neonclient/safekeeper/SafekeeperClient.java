package io.neonclient.safekeeper;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A client for one safekeeper's HTTP API (upstream {@code safekeeper/src/http/routes.rs}). Tokens need scope
 * {@code safekeeperdata} (or {@code tenant} for one tenant); safekeepers reject {@code admin} and {@code pageserverapi}.
 *
 * <pre>{@code
 * var sk = SafekeeperClient.builder().baseUri("http://safekeeper-1:7676").configure(c -> c.withBearerToken(token)).build();
 * sk.timeline(tenant, timeline).status().commitLsn();
 * }</pre>
 *
 * Thread-safe; share one instance per safekeeper.
 */
public final class SafekeeperClient implements AutoCloseable {
    static final Scope SCOPE = Scope.SAFEKEEPER_DATA;
    private static final Json.Reader<SafekeeperStatus> STATUS = Json.reader(SafekeeperStatus.class);
    private static final Json.Reader<Utilization> UTILIZATION = Json.reader(Utilization.class);
    private static final Json.Reader<FilesystemUsage> FS_USAGE = Json.reader(FilesystemUsage.class);
    private static final Json.Reader<SafekeeperDebugDump> DEBUG_DUMP = Json.reader(SafekeeperDebugDump.class);
    private static final Json.Reader<List<TenantTimelineId>> TIMELINES = Json.reader(new TypeReference<>() {});
    private static final Json.Reader<PulledTimeline> PULLED = Json.reader(PulledTimeline.class);

    private final ClientSettings settings;
    final HttpTransport transport;

    private SafekeeperClient(ClientSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
    }

    /** A client for {@code baseUri} (e.g. {@code "http://127.0.0.1:7676"}) with {@link ClientConfig#defaults()}. */
    public static SafekeeperClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A client for {@code baseUri} with {@link ClientConfig#defaults()}. */
    public static SafekeeperClient create(URI baseUri) {
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

    /** The safekeeper's base URI. */
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

    /** {@code GET /v1/status}: the safekeeper's node id. */
    public SafekeeperStatus status() {
        return transport.call(Request.get("/v1/status").scope(SCOPE).build(), STATUS);
    }

    /**
     * {@code PUT /v1/failpoints} with {@code [{"name": .., "actions": ..}]} (scope safekeeperdata; upstream's
     * {@code failpoints_handler} in {@code libs/http-utils/src/failpoints.rs}): configures failpoints of a testing build.
     *
     * @throws io.neonclient.core.BadRequestException when an action string is malformed or the build has no failpoints
     */
    public void configureFailpoints(List<io.neonclient.core.Failpoint> failpoints) {
        transport.send(Request.put("/v1/failpoints").scope(SCOPE).idempotent(true)
                .json(io.neonclient.core.Failpoint.body(failpoints)).build());
    }

    /** {@code GET /v1/utilization}: how many timelines this safekeeper holds. */
    public Utilization utilization() {
        return transport.call(Request.get("/v1/utilization").scope(SCOPE).build(), UTILIZATION);
    }

    /** {@code GET /v1/tenant/timeline}: every (not deleted) timeline on this safekeeper. */
    public List<TenantTimelineId> timelines() {
        List<TenantTimelineId> list = transport.call(Request.get("/v1/tenant/timeline").scope(SCOPE).build(), TIMELINES);
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * {@code POST /v1/tenant/timeline}: creates a timeline on this safekeeper (200, null body). Idempotent for the same
     * parameters. Deployments with a storage controller let it do this.
     */
    public void createTimeline(CreateSafekeeperTimelineRequest request) {
        if (request == null) {
            throw new NullPointerException("create timeline request must not be null");
        }
        transport.send(Request.post("/v1/tenant/timeline").scope(SCOPE).idempotent(true).json(request).build());
    }

    /** The URLs below {@code /v1/tenant/{tenant_id}/timeline/{timeline_id}}. No request is sent. */
    public SafekeeperTimeline timeline(TenantId tenant, TimelineId timeline) {
        return new SafekeeperTimeline(this, new TenantTimelineId(tenant, timeline));
    }

    /** The URLs below {@code /v1/tenant/{tenant_id}}. No request is sent. */
    public SafekeeperTenant tenant(TenantId tenant) {
        if (tenant == null) {
            throw new NullPointerException("tenant id must not be null");
        }
        return new SafekeeperTenant(this, tenant);
    }

    /**
     * {@code POST /v1/pull_timeline}: copies a timeline from the given peers onto this safekeeper (used when replacing
     * a safekeeper). Idempotent: a timeline already present is left as is.
     */
    public PulledTimeline pullTimeline(PullTimelineRequest request) {
        if (request == null) {
            throw new NullPointerException("pull timeline request must not be null");
        }
        return transport.call(Request.post("/v1/pull_timeline").scope(SCOPE).idempotent(true).json(request).build(), PULLED);
    }

    /** {@code GET /v1/debug/filesystem_usage}: the data directory, its filesystem's capacity and the bytes it uses. */
    public FilesystemUsage filesystemUsage() {
        return transport.call(Request.get("/v1/debug/filesystem_usage").scope(SCOPE).build(), FS_USAGE);
    }

    /** {@code GET /v1/debug_dump}: every timeline's id, the configuration and counts ({@link DebugDumpOptions#defaults()}). */
    public SafekeeperDebugDump debugDump() {
        return debugDump(DebugDumpOptions.defaults());
    }

    /**
     * {@code GET /v1/debug_dump?…}: the safekeeper's state, with what {@code options} asks for (control files, disk
     * content, one timeline only); upstream {@code dump_debug_handler}.
     */
    public SafekeeperDebugDump debugDump(DebugDumpOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        Request.Builder r = Request.get("/v1/debug_dump").scope(SCOPE);
        options.addTo(r);
        return transport.call(r.build(), DEBUG_DUMP);
    }

    /** Builds a {@link SafekeeperClient} from a base URI and a {@link ClientConfig}. */
    public static final class Builder {
        private URI baseUri;
        private ClientConfig config;

        private Builder(URI baseUri, ClientConfig config) {
            this.baseUri = baseUri;
            this.config = config;
        }

        /** The safekeeper's HTTP address, e.g. {@code http://safekeeper-1:7676}. */
        public Builder baseUri(URI uri) {
            this.baseUri = ClientSettings.normalizeBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** The safekeeper's HTTP address, e.g. {@code http://safekeeper-1:7676}. */
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

        /**
         * The client for this safekeeper.
         *
         * @throws IllegalArgumentException when the base URI is missing
         */
        public SafekeeperClient build() {
            return new SafekeeperClient(new ClientSettings("safekeeper", baseUri, config));
        }
    }
}
