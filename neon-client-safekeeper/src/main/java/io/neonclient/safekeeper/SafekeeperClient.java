package io.neonclient.safekeeper;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A client for one safekeeper's HTTP API (upstream {@code safekeeper/src/http/routes.rs}). Tokens need scope
 * {@code safekeeperdata} (or {@code tenant} for one tenant); safekeepers reject {@code admin} and {@code pageserverapi}.
 *
 * <pre>{@code
 * var sk = SafekeeperClient.builder().baseUri("http://safekeeper-1:7676").bearerToken(token).build();
 * sk.timeline(tenant, timeline).status().commitLsn();
 * }</pre>
 *
 * Thread-safe; share one instance per safekeeper.
 */
public final class SafekeeperClient {
    static final Scope SCOPE = Scope.SAFEKEEPER_DATA;
    private static final Json.Reader<SafekeeperStatus> STATUS = Json.reader(SafekeeperStatus.class);
    private static final Json.Reader<Utilization> UTILIZATION = Json.reader(Utilization.class);
    private static final Json.Reader<List<TenantTimelineId>> TIMELINES = Json.reader(new TypeReference<>() {});
    private static final Json.Reader<PulledTimeline> PULLED = Json.reader(PulledTimeline.class);

    private final ClientSettings settings;
    final HttpTransport transport;

    private SafekeeperClient(ClientSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
    }

    /** A client for the safekeeper at {@code baseUri} (e.g. {@code http://127.0.0.1:7676}) with no token. */
    public static SafekeeperClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A builder; {@code baseUri} is required. */
    public static Builder builder() {
        return new Builder(ClientSettings.builder("safekeeper"));
    }

    /** A builder preset with this client's settings. */
    public Builder toBuilder() {
        return new Builder(settings.toBuilder());
    }

    /** {@code GET /v1/status}: the safekeeper's node id. */
    public SafekeeperStatus status() {
        return transport.call(Request.get("/v1/status").scope(SCOPE).build(), STATUS);
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
            throw new IllegalArgumentException("create timeline request must not be null");
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
            throw new IllegalArgumentException("tenant id must not be null");
        }
        return new SafekeeperTenant(this, tenant);
    }

    /**
     * {@code POST /v1/pull_timeline}: copies a timeline from the given peers onto this safekeeper (used when replacing
     * a safekeeper). Idempotent: a timeline already present is left as is.
     */
    public PulledTimeline pullTimeline(PullTimelineRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("pull timeline request must not be null");
        }
        return transport.call(Request.post("/v1/pull_timeline").scope(SCOPE).idempotent(true).json(request).build(), PULLED);
    }

    /** Collects settings; every setter validates at once. */
    public static final class Builder {
        private final ClientSettings.Builder settings;

        private Builder(ClientSettings.Builder settings) {
            this.settings = settings;
        }

        /** The safekeeper's HTTP address, e.g. {@code http://safekeeper-1:7676}. */
        public Builder baseUri(String uri) {
            settings.baseUri(uri);
            return this;
        }

        /** The safekeeper's HTTP address. */
        public Builder baseUri(URI uri) {
            settings.baseUri(uri);
            return this;
        }

        /** One token for every call (scope {@code safekeeperdata}). */
        public Builder bearerToken(String token) {
            settings.bearerToken(token);
            return this;
        }

        /** Tokens per scope; the client asks for {@code safekeeperdata}. */
        public Builder tokens(TokenProvider tokens) {
            settings.tokens(tokens);
            return this;
        }

        /** TCP/TLS connect timeout. */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout(timeout);
            return this;
        }

        /** Time for one attempt. */
        public Builder requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        /** Retries of calls safe to repeat. */
        public Builder retryPolicy(RetryPolicy policy) {
            settings.retryPolicy(policy);
            return this;
        }

        /** Default policy of {@code await} helpers. */
        public Builder waitPolicy(WaitPolicy policy) {
            settings.waitPolicy(policy);
            return this;
        }

        /** The {@code User-Agent} header. */
        public Builder userAgent(String userAgent) {
            settings.userAgent(userAgent);
            return this;
        }

        /** TLS trust and keys. */
        public Builder sslContext(SSLContext context) {
            settings.sslContext(context);
            return this;
        }

        /** Trust the PEM CA certificate(s) in {@code pem}. */
        public Builder caCertificate(Path pem) {
            settings.caCertificate(pem);
            return this;
        }

        /** Use this HTTP client. */
        public Builder httpClient(HttpClient client) {
            settings.httpClient(client);
            return this;
        }

        /** Builds the client; throws {@link IllegalArgumentException} when {@code baseUri} is missing. */
        public SafekeeperClient build() {
            return new SafekeeperClient(settings.build());
        }
    }
}
