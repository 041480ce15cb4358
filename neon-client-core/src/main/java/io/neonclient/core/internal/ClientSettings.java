package io.neonclient.core.internal;

import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything a client builder collects, validated once. Each public client builder delegates here, so the
 * four clients share one set of rules and defaults.
 *
 * @param component       the component name used in messages and the user agent ({@code storage controller}, …)
 * @param baseUri         scheme, host, port and optional path prefix, without a trailing slash
 * @param tokens          bearer tokens per scope
 * @param connectTimeout  TCP/TLS connect timeout
 * @param requestTimeout  default time for one attempt, from send to the last body byte
 * @param retryPolicy     retries of calls safe to repeat
 * @param waitPolicy      default policy of {@code await} helpers
 * @param userAgent       the {@code User-Agent} header
 * @param maxResponseBytes cap on a response body
 * @param sslContext      TLS trust and keys, or null for the JDK default (verification on)
 * @param httpClient      a caller-supplied client, or null to build one
 */
public record ClientSettings(String component, URI baseUri, TokenProvider tokens, Duration connectTimeout,
                             Duration requestTimeout, RetryPolicy retryPolicy, WaitPolicy waitPolicy, String userAgent,
                             long maxResponseBytes, SSLContext sslContext, HttpClient httpClient) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;

    public ClientSettings {
        Objects.requireNonNull(component, "component");
        if (baseUri == null) {
            throw new IllegalArgumentException(component + " client needs a baseUri, e.g. http://127.0.0.1:1234");
        }
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(waitPolicy, "waitPolicy");
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        if (maxResponseBytes < 1 || maxResponseBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxResponseBytes must be 1.." + (Integer.MAX_VALUE - 8) + ", got " + maxResponseBytes);
        }
        if (httpClient != null && sslContext != null) {
            throw new IllegalArgumentException("give either httpClient or sslContext/caCertificate: a supplied HttpClient carries its own TLS settings");
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, got " + d);
        }
    }

    /**
     * Checks that {@code uri} is an absolute http(s) URI with a host, a possible port (1-65535), no user-info and no
     * query, and strips a trailing slash. Messages quote the URI with any user-info masked: a token pasted as
     * {@code http://admin:TOKEN@host} is refused without being echoed.
     */
    public static URI normalizeBaseUri(String field, URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        String shown = masked(uri.toString());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(field + " must be an http:// or https:// URI, got '" + shown + "'");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new IllegalArgumentException(field + " must not carry credentials (user-info before '@'); give the token"
                    + " with bearerToken(..) or tokens(..) instead, got '" + shown + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(field + " must name a host and a port of 1-65535, got '" + shown + "'");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            throw new IllegalArgumentException(field + " has port " + uri.getPort() + ", expected 1-65535, got '" + shown + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must not have a query or fragment, got '" + shown + "'");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    public static URI parseBaseUri(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " must be an http:// or https:// URI, got '" + text + "'");
        }
        try {
            return normalizeBaseUri(field, new URI(text.strip()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be an http:// or https:// URI, got '" + masked(text) + "': " + e.getReason());
        }
    }

    /** {@code text} with everything between {@code scheme://} and the first {@code @} of the authority replaced by {@code ***}. */
    static String masked(String text) {
        int start = text.indexOf("://");
        int from = start < 0 ? 0 : start + 3;
        int end = from;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        int at = text.lastIndexOf('@', end - 1);
        return at < from ? text : text.substring(0, from) + "***" + text.substring(at);
    }

    public static Builder builder(String component) {
        return new Builder(component);
    }

    public Builder toBuilder() {
        Builder b = new Builder(component);
        b.baseUri = baseUri;
        b.tokens = tokens;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.retryPolicy = retryPolicy;
        b.waitPolicy = waitPolicy;
        b.userAgent = userAgent;
        b.maxResponseBytes = maxResponseBytes;
        b.sslContext = sslContext;
        b.httpClient = httpClient;
        return b;
    }

    /** Mutable collector behind every public client builder. */
    public static final class Builder {
        private final String component;
        private URI baseUri;
        private TokenProvider tokens = TokenProvider.none();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private WaitPolicy waitPolicy = WaitPolicy.defaults();
        private String userAgent = Version.userAgent();
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private SSLContext sslContext;
        private HttpClient httpClient;

        private Builder(String component) {
            this.component = component;
        }

        public void baseUri(URI uri) {
            this.baseUri = normalizeBaseUri("baseUri", uri);
        }

        public void baseUri(String uri) {
            this.baseUri = parseBaseUri("baseUri", uri);
        }

        public void tokens(TokenProvider tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokenProvider");
        }

        public void bearerToken(String token) {
            this.tokens = TokenProvider.of(token);
        }

        public void connectTimeout(Duration d) {
            this.connectTimeout = d;
        }

        public void requestTimeout(Duration d) {
            this.requestTimeout = d;
        }

        public void retryPolicy(RetryPolicy p) {
            this.retryPolicy = Objects.requireNonNull(p, "retryPolicy");
        }

        public void waitPolicy(WaitPolicy p) {
            this.waitPolicy = Objects.requireNonNull(p, "waitPolicy");
        }

        public void userAgent(String ua) {
            if (ua == null || ua.isBlank() || ua.chars().anyMatch(c -> c < ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("userAgent must be printable ASCII, got '" + ua + "'");
            }
            this.userAgent = ua;
        }

        public void maxResponseBytes(long n) {
            this.maxResponseBytes = n;
        }

        public void sslContext(SSLContext ctx) {
            this.sslContext = Objects.requireNonNull(ctx, "sslContext");
        }

        public void caCertificate(Path pem) {
            this.sslContext = Tls.trusting(pem);
        }

        public void httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
        }

        public URI baseUri() {
            return baseUri;
        }

        public ClientSettings build() {
            return new ClientSettings(component, baseUri, tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy,
                    userAgent, maxResponseBytes, sslContext, httpClient);
        }
    }
}
