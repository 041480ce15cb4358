package io.neonclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Raw HTTP for tests: java.net.http plus a plain Jackson tree, so tests see exactly what the wire carries. Each
 * instance says which kind of server it talks to; every exchange with a pageserver, safekeeper or compute_ctl is
 * recorded so that {@link ContractCheck} can validate it against upstream's OpenAPI document after the test.
 */
final class RawHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ConcurrentLinkedQueue<Exchange> RECORDED = new ConcurrentLinkedQueue<>();
    private final Component component;
    private final URI base;
    /** The whole Authorization header value, or null for none. */
    private final String authorization;

    private RawHttp(Component component, URI base, String token) {
        this.component = component;
        this.base = base;
        this.authorization = token == null ? null : "Bearer " + token;
    }

    private RawHttp(URI base, Component component, String authorization) {
        this.component = component;
        this.base = base;
        this.authorization = authorization;
    }

    /** The storage controller (its exchanges are compared with fixtures by the tests themselves, not recorded). */
    static RawHttp storcon(URI base, String token) {
        return new RawHttp(Component.STORAGE_CONTROLLER, base, token);
    }

    /** A pageserver's management API; exchanges are recorded for the pageserver spec. */
    static RawHttp pageserver(URI base, String token) {
        return new RawHttp(Component.PAGESERVER, base, token);
    }

    /** A safekeeper's HTTP API; exchanges are recorded for the safekeeper spec. */
    static RawHttp safekeeper(URI base, String token) {
        return new RawHttp(Component.SAFEKEEPER, base, token);
    }

    /** A compute_ctl external API; exchanges are recorded for the compute spec. */
    static RawHttp compute(URI base) {
        return new RawHttp(Component.COMPUTE, base, null);
    }

    RawHttp withToken(String t) {
        return new RawHttp(component, base, t);
    }

    /** Sends {@code header} verbatim as the Authorization header (null: none). */
    RawHttp withAuthorization(String header) {
        return new RawHttp(base, component, header);
    }

    /**
     * One recorded exchange: the raw path and query as sent, the Authorization header (null when none), the request
     * body (null when none) and the response as received.
     */
    record Exchange(Component component, String method, String rawPath, String rawQuery, String authorization,
                    String requestBody, int status, String responseBody, String contentType) {}

    /** Removes and returns everything recorded since the last call, in the order it was sent. */
    static List<Exchange> drainRecorded() {
        List<Exchange> out = new ArrayList<>();
        for (Exchange e = RECORDED.poll(); e != null; e = RECORDED.poll()) {
            out.add(e);
        }
        return out;
    }

    record Resp(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String msg() {
            return json().path("msg").asText();
        }
    }

    Resp get(String path) {
        return send("GET", path, null);
    }

    Resp put(String path, String body) {
        return send("PUT", path, body);
    }

    Resp post(String path, String body) {
        return send("POST", path, body);
    }

    Resp patch(String path, String body) {
        return send("PATCH", path, body);
    }

    Resp delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a binary body (e.g. a tar stream); the recorded request body is null, as the specs have no schema for it. */
    Resp putBytes(String path, byte[] body, String contentType) {
        URI uri = base.resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        return exchange(b, "PUT", uri, null);
    }

    Resp send(String method, String path, String body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return exchange(b, method, uri, body);
    }

    private Resp exchange(HttpRequest.Builder b, String method, URI uri, String body) {
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Resp resp = new Resp(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null));
            if (component != Component.STORAGE_CONTROLLER) {
                RECORDED.add(new Exchange(component, method, uri.getRawPath(), uri.getRawQuery(), authorization, body,
                        resp.status(), resp.body(), resp.contentType()));
            }
            return resp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
