package io.neonclient.pageserver;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.TenantInfo;
import io.neonclient.model.Timeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A client for one pageserver's management API (upstream {@code pageserver/src/http/routes.rs}). The API reads like the
 * URL: {@code pageserver.timeline(shard, timeline).describe()} is {@code GET /v1/tenant/{shard}/timeline/{timeline}}.
 * Tokens need scope {@code pageserverapi} (or {@code tenant} for one tenant); pageservers reject {@code admin}.
 *
 * <pre>{@code
 * var ps = PageserverClient.builder().baseUri("http://pageserver-1:9898").bearerToken(token).build();
 * ps.locationConfigs().forEach(System.out::println);
 * Timeline t = ps.timeline(shard, timeline).describe();
 * }</pre>
 *
 * Thread-safe; share one instance per pageserver.
 */
public final class PageserverClient {
    static final Scope SCOPE = Scope.PAGESERVER_API;
    private static final Json.Reader<PageserverStatus> STATUS = Json.reader(PageserverStatus.class);
    private static final Json.Reader<LocationConfigList> LOCATIONS = Json.reader(LocationConfigList.class);
    private static final Json.Reader<List<TenantInfo>> TENANTS = Json.reader(new TypeReference<>() {});

    private final ClientSettings settings;
    final HttpTransport transport;

    private PageserverClient(ClientSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
    }

    /** A client for the pageserver at {@code baseUri} (e.g. {@code http://127.0.0.1:9898}) with default settings and no token. */
    public static PageserverClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A client for the pageserver at {@code baseUri} with default settings and no token. */
    public static PageserverClient create(URI baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A builder; {@code baseUri} is required. */
    public static Builder builder() {
        return new Builder(ClientSettings.builder("pageserver"));
    }

    /** A builder preset with this client's settings, for a differently configured copy. */
    public Builder toBuilder() {
        return new Builder(settings.toBuilder());
    }

    /** The pageserver's base URI. */
    public URI baseUri() {
        return settings.baseUri();
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
            throw new IllegalArgumentException("timeline id must not be null");
        }
        return new PageserverTimeline(this, requireShard(shard), timeline);
    }

    WaitPolicy waitPolicy() {
        return settings.waitPolicy();
    }

    ClientSettings settings() {
        return settings;
    }

    private static TenantShardId requireShard(TenantShardId shard) {
        if (shard == null) {
            throw new IllegalArgumentException("tenant shard id must not be null");
        }
        return shard;
    }

    /** Upstream {@code LocationConfigListResponse}. */
    record LocationConfigList(List<ShardLocationConfig> tenantShards) {
        LocationConfigList {
            tenantShards = tenantShards == null ? List.of() : List.copyOf(tenantShards);
        }
    }

    /** Collects settings; every setter validates at once. */
    public static final class Builder {
        private final ClientSettings.Builder settings;

        private Builder(ClientSettings.Builder settings) {
            this.settings = settings;
        }

        /** The pageserver's HTTP management address, e.g. {@code http://pageserver-1:9898}. */
        public Builder baseUri(String uri) {
            settings.baseUri(uri);
            return this;
        }

        /** The pageserver's HTTP management address. */
        public Builder baseUri(URI uri) {
            settings.baseUri(uri);
            return this;
        }

        /** One token for every call (scope {@code pageserverapi}, or {@code tenant} for one tenant). */
        public Builder bearerToken(String token) {
            settings.bearerToken(token);
            return this;
        }

        /** Tokens chosen per call by scope; the client asks for {@code pageserverapi}. */
        public Builder tokens(TokenProvider tokens) {
            settings.tokens(tokens);
            return this;
        }

        /** TCP/TLS connect timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout(timeout);
            return this;
        }

        /** Time for one attempt (default 60 s); also bounds a basebackup import. */
        public Builder requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        /** Retries of calls safe to repeat. */
        public Builder retryPolicy(RetryPolicy policy) {
            settings.retryPolicy(policy);
            return this;
        }

        /** Default policy of the {@code await} helpers. */
        public Builder waitPolicy(WaitPolicy policy) {
            settings.waitPolicy(policy);
            return this;
        }

        /** The {@code User-Agent} header. */
        public Builder userAgent(String userAgent) {
            settings.userAgent(userAgent);
            return this;
        }

        /** Cap on a response body in bytes (default 64 MiB). */
        public Builder maxResponseBytes(long bytes) {
            settings.maxResponseBytes(bytes);
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

        /** Use this HTTP client (it carries its own TLS settings). */
        public Builder httpClient(HttpClient client) {
            settings.httpClient(client);
            return this;
        }

        /** Builds the client; throws {@link IllegalArgumentException} when {@code baseUri} is missing. */
        public PageserverClient build() {
            return new PageserverClient(settings.build());
        }
    }
}
