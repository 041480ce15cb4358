package io.neonclient.core.internal;

import io.neonclient.core.ClientConfig;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.WaitPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What a client runs on: its component name, a base URI and the shared {@link ClientConfig}, validated once. Every
 * public client builder collects a base URI and a configuration and builds one of these, so the four clients share
 * one set of rules and defaults.
 *
 * @param component the component name used in messages ({@code storage controller}, {@code pageserver}, …)
 * @param baseUri   scheme, host, port and optional path prefix, without a trailing slash
 * @param config    tokens, timeouts, policies, TLS and the rest
 */
public record ClientSettings(String component, URI baseUri, ClientConfig config) {

    public ClientSettings {
        Objects.requireNonNull(component, "component");
        if (baseUri == null) {
            throw new IllegalArgumentException(component + " client needs a baseUri, e.g. http://127.0.0.1:1234");
        }
        baseUri = normalizeBaseUri("baseUri", baseUri);
        Objects.requireNonNull(config, "config");
    }

    public TokenProvider tokens() {
        return config.tokens();
    }

    public Duration connectTimeout() {
        return config.connectTimeout();
    }

    public Duration requestTimeout() {
        return config.requestTimeout();
    }

    public RetryPolicy retryPolicy() {
        return config.retryPolicy();
    }

    public WaitPolicy waitPolicy() {
        return config.waitPolicy();
    }

    public String userAgent() {
        return config.userAgent();
    }

    public long maxResponseBytes() {
        return config.maxResponseBytes();
    }

    /** The configured TLS context, or null for the JDK default. */
    public SSLContext sslContext() {
        return config.sslContext().orElse(null);
    }

    /** The caller's HTTP client, or null to build one. */
    public HttpClient httpClient() {
        return config.httpClient().orElse(null);
    }

    /** {@link ClientConfig#waitPolicy()} with {@code timeout}, as every {@code await(Duration)} uses it. */
    public WaitPolicy waitFor(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive, got " + timeout);
        }
        return config.waitPolicy().withTimeout(timeout);
    }

    /**
     * Checks that {@code uri} is an absolute http(s) URI with a host, a possible port (1-65535), no user-info and no
     * query, and strips a trailing slash. Messages quote the URI with any user-info masked: a token pasted as
     * {@code http://admin:TOKEN@host} is refused without being echoed.
     */
    public static URI normalizeBaseUri(String field, URI uri) {
        if (uri == null) {
            throw new NullPointerException(field + " must not be null");
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
}
