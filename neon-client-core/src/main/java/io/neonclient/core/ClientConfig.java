package io.neonclient.core;

import io.neonclient.core.internal.Tls;
import io.neonclient.core.internal.Version;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Every setting the four clients share, everything but the base URI (after AWS SDK v2's
 * {@code ClientOverrideConfiguration} and Resilience4j's {@code RetryConfig.from(base)}): tokens, timeouts, retry and
 * wait policies, TLS, a caller's {@link HttpClient}, the response cap and the {@code User-Agent}. Immutable; derive a
 * changed copy with a {@code withX} method, and give the same configuration to any client builder:
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.defaults().withBearerToken(token).withRequestTimeout(Duration.ofSeconds(30));
 * var storcon = StorageControllerClient.builder().baseUri("http://storage-controller:1234").config(config).build();
 * var pageserver = PageserverClient.builder().baseUri("http://pageserver-1:9898").config(storcon.config()).build();
 * }</pre>
 *
 * Nothing here sends a request. Each {@code withX} validates its value at once: a null is a
 * {@link NullPointerException} naming the setting, a bad value an {@link IllegalArgumentException} naming it and what
 * was expected. {@link #toString()} never prints a token.
 */
public final class ClientConfig {
    /** The default cap on a response body: 64 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;
    /** The largest cap on a response body (a body is buffered in one array). */
    public static final long MAX_RESPONSE_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    private static final ClientConfig DEFAULTS = new ClientConfig(TokenProvider.none(), Duration.ofSeconds(10),
            Duration.ofSeconds(60), RetryPolicy.defaults(), WaitPolicy.defaults(), null, null, null,
            DEFAULT_MAX_RESPONSE_BYTES, Version.userAgent());

    private final TokenProvider tokens;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final WaitPolicy waitPolicy;
    private final SSLContext sslContext;
    private final Path caCertificate;
    private final HttpClient httpClient;
    private final long maxResponseBytes;
    private final String userAgent;

    private ClientConfig(TokenProvider tokens, Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy,
                         WaitPolicy waitPolicy, SSLContext sslContext, Path caCertificate, HttpClient httpClient,
                         long maxResponseBytes, String userAgent) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.connectTimeout = positive("connectTimeout", connectTimeout);
        this.requestTimeout = positive("requestTimeout", requestTimeout);
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.waitPolicy = Objects.requireNonNull(waitPolicy, "waitPolicy");
        if (httpClient != null && sslContext != null) {
            throw new IllegalArgumentException("ClientConfig httpClient and sslContext/caCertificate exclude each other: "
                    + "a supplied HttpClient carries its own TLS settings");
        }
        this.sslContext = sslContext;
        this.caCertificate = caCertificate;
        this.httpClient = httpClient;
        if (maxResponseBytes < 1 || maxResponseBytes > MAX_RESPONSE_BYTES_LIMIT) {
            throw new IllegalArgumentException("ClientConfig maxResponseBytes must be 1.." + MAX_RESPONSE_BYTES_LIMIT
                    + ", got " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("ClientConfig userAgent must be printable ASCII, got '" + userAgent + "'");
        }
        this.userAgent = userAgent;
    }

    private static Duration positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("ClientConfig " + field + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * No token, 10 s connect timeout, 60 s per attempt, {@link RetryPolicy#defaults()}, {@link WaitPolicy#defaults()},
     * the JDK's TLS trust (verification on), an {@link HttpClient} built per client, 64 MiB responses and the
     * {@code neon-client/<version>} user agent.
     */
    public static ClientConfig defaults() {
        return DEFAULTS;
    }

    /** Gives the bearer token for each request's scope; asked once per attempt. */
    public TokenProvider tokens() {
        return tokens;
    }

    /** TCP/TLS connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time for one attempt, from send to the last body byte (calls the server holds long may ask for more). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Retries of calls safe to repeat. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The policy of every {@code await()} without arguments; {@code await(Duration)} replaces only its timeout. */
    public WaitPolicy waitPolicy() {
        return waitPolicy;
    }

    /** TLS trust and keys for {@code https://} base URIs; empty for the JDK default. */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** The PEM file {@link #sslContext()} was built from, when it came from {@link #withCaCertificate(Path)}. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** A caller-built HTTP client (its own TLS, proxy and executor); empty to let each client build one. */
    public Optional<HttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** Cap on a response body in bytes; a larger answer fails with a {@link ProtocolException}. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The {@code User-Agent} header. */
    public String userAgent() {
        return userAgent;
    }

    /** These settings with {@code tokens}, e.g. {@link TokenProvider#perScope} for components with different scopes. */
    public ClientConfig withTokens(TokenProvider tokens) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    /**
     * These settings with one token for every scope ({@link TokenProvider#of}); an {@code admin} token opens every
     * storage controller route.
     *
     * @throws IllegalArgumentException when the token is blank or not printable ASCII
     */
    public ClientConfig withBearerToken(String token) {
        return withTokens(TokenProvider.of(Objects.requireNonNull(token, "token")));
    }

    /** These settings with another connect timeout (must be positive). */
    public ClientConfig withConnectTimeout(Duration timeout) {
        return new ClientConfig(tokens, timeout, requestTimeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    /** These settings with another per-attempt timeout (must be positive). */
    public ClientConfig withRequestTimeout(Duration timeout) {
        return new ClientConfig(tokens, connectTimeout, timeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    /** These settings with another retry policy, e.g. {@link RetryPolicy#none()}. */
    public ClientConfig withRetryPolicy(RetryPolicy policy) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, policy, waitPolicy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    /** These settings with another default wait policy. */
    public ClientConfig withWaitPolicy(WaitPolicy policy) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, policy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    /**
     * These settings with TLS trust and keys for {@code https://} base URIs.
     *
     * @throws IllegalArgumentException when an {@link #httpClient()} is set (it carries its own TLS)
     */
    public ClientConfig withSslContext(SSLContext context) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy,
                Objects.requireNonNull(context, "sslContext"), null, httpClient, maxResponseBytes, userAgent);
    }

    /**
     * These settings trusting exactly the PEM CA certificate(s) in {@code pem} (hostnames are still verified). The file
     * is read now.
     *
     * @throws IllegalArgumentException when the file cannot be read as PEM certificates (naming the path), or an
     *                                  {@link #httpClient()} is set
     */
    public ClientConfig withCaCertificate(Path pem) {
        Objects.requireNonNull(pem, "caCertificate");
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy, Tls.trusting(pem), pem,
                httpClient, maxResponseBytes, userAgent);
    }

    /**
     * These settings with a caller-built {@link HttpClient}; connect timeout and TLS then come from that client.
     *
     * @throws IllegalArgumentException when an {@link #sslContext()} is set
     */
    public ClientConfig withHttpClient(HttpClient client) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                Objects.requireNonNull(client, "httpClient"), maxResponseBytes, userAgent);
    }

    /** These settings with another cap on a response body, 1 byte to {@value #MAX_RESPONSE_BYTES_LIMIT}. */
    public ClientConfig withMaxResponseBytes(long max) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                httpClient, max, userAgent);
    }

    /** These settings with another {@code User-Agent} (printable ASCII). */
    public ClientConfig withUserAgent(String userAgent) {
        return new ClientConfig(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientConfig c && tokens.equals(c.tokens) && connectTimeout.equals(c.connectTimeout)
                && requestTimeout.equals(c.requestTimeout) && retryPolicy.equals(c.retryPolicy)
                && waitPolicy.equals(c.waitPolicy) && Objects.equals(sslContext, c.sslContext)
                && Objects.equals(caCertificate, c.caCertificate) && Objects.equals(httpClient, c.httpClient)
                && maxResponseBytes == c.maxResponseBytes && userAgent.equals(c.userAgent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokens, connectTimeout, requestTimeout, retryPolicy, waitPolicy, sslContext, caCertificate,
                httpClient, maxResponseBytes, userAgent);
    }

    /** Every setting, with {@code tokens=<set>} or {@code tokens=<none>} in place of any token. */
    @Override
    public String toString() {
        String tls = caCertificate != null ? "caCertificate " + caCertificate : sslContext != null ? "<custom SSLContext>" : "<default>";
        return "ClientConfig[tokens=" + (tokens == TokenProvider.none() ? "<none>" : "<set>")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", retryPolicy=" + retryPolicy + ", waitPolicy=" + waitPolicy + ", tls=" + tls
                + ", httpClient=" + (httpClient == null ? "<built per client>" : "<supplied>")
                + ", maxResponseBytes=" + maxResponseBytes + ", userAgent=" + userAgent + "]";
    }
}
