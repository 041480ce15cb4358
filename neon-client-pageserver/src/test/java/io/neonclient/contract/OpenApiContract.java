package io.neonclient.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates HTTP exchanges against upstream's OpenAPI documents (copied verbatim into
 * {@code src/test/resources/openapi}) with Atlassian's swagger-request-validator. Known staleness is skipped only
 * where {@link SpecDrift} says so. Use {@link #check} for one exchange or {@link #checkAll} for every request a
 * WireMock server saw.
 */
public final class OpenApiContract {
    private static final Map<String, OpenApiContract> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final OpenApiInteractionValidator validator;

    private OpenApiContract(String name, String resource) {
        this.name = name;
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing spec resource /openapi/" + resource);
            }
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Upstream {@code pageserver/src/http/openapi_spec.yml}. */
    public static OpenApiContract pageserver() {
        return CACHE.computeIfAbsent("pageserver", n -> new OpenApiContract(n, "pageserver-openapi.yml"));
    }

    /** Upstream {@code safekeeper/src/http/openapi_spec.yaml}. */
    public static OpenApiContract safekeeper() {
        return CACHE.computeIfAbsent("safekeeper", n -> new OpenApiContract(n, "safekeeper-openapi.yaml"));
    }

    /** Upstream {@code compute_tools/src/http/openapi_spec.yaml}. */
    public static OpenApiContract compute() {
        return CACHE.computeIfAbsent("compute", n -> new OpenApiContract(n, "compute-openapi.yaml"));
    }

    /**
     * Validates one exchange; throws {@link AssertionError} listing the validator's errors.
     *
     * @param query decoded query parameters (may be empty)
     * @param requestBody JSON text or null
     * @param responseBody JSON text or null
     * @return {@code "validated"}, or {@code "skipped"} when {@link SpecDrift} says the spec lacks the route
     */
    public String check(String method, String path, Map<String, List<String>> query, String requestBody, int status,
                        String responseBody) {
        return check(method, path, query, "Bearer test-token", requestBody, status, responseBody);
    }

    /**
     * As {@link #check(String, String, Map, String, int, String)} with the request's real {@code Authorization} header
     * (null when none was sent), so the spec's security requirements are checked too.
     */
    public String check(String method, String path, Map<String, List<String>> query, String authorization, String requestBody,
                        int status, String responseBody) {
        if (SpecDrift.routeMissing(name, method, path)) {
            return "skipped";
        }
        SimpleRequest.Builder rb = new SimpleRequest.Builder(method, path);
        if (authorization != null) {
            rb.withAuthorization(authorization);
        }
        query.forEach(rb::withQueryParam);
        if (requestBody != null && !requestBody.isEmpty()) {
            rb.withBody(requestBody).withContentType("application/json");
        }
        SimpleRequest request = rb.build();
        SimpleResponse.Builder sb = SimpleResponse.Builder.status(status);
        if (responseBody != null && !responseBody.isEmpty()) {
            sb.withBody(responseBody).withContentType("application/json");
        }
        SimpleResponse response = sb.build();
        List<String> errors = new ArrayList<>();
        collect(errors, validator.validateRequest(request), method, path, SpecDrift.Part.REQUEST);
        collect(errors, validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase()), response),
                method, path, SpecDrift.Part.RESPONSE);
        if (!errors.isEmpty()) {
            StringBuilder sbuf = new StringBuilder(name + " spec rejects " + method + " " + path + " -> " + status + ":");
            errors.forEach(m -> sbuf.append("\n  ").append(m));
            throw new AssertionError(sbuf.toString());
        }
        return "validated";
    }

    private void collect(List<String> errors, ValidationReport report, String method, String path, SpecDrift.Part part) {
        for (ValidationReport.Message m : report.getMessages()) {
            StringBuilder nested = new StringBuilder();
            m.getNestedMessages().forEach(n -> nested.append(" | ").append(n.getKey()).append(": ").append(n.getMessage()));
            String text = m.getKey() + ": " + m.getMessage() + nested;
            if (m.getLevel() == ValidationReport.Level.ERROR && !SpecDrift.excuses(name, method, path, part, text)) {
                errors.add(text);
            }
        }
    }

    /** Validates every exchange {@code server} served, in order; returns how many were validated (not skipped). */
    public int checkAll(WireMockServer server) {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        int validated = 0;
        for (ServeEvent e : events) {
            URI uri = URI.create(e.getRequest().getUrl());
            String body = e.getRequest().getBodyAsString();
            String contentType = e.getRequest().getHeader("Content-Type");
            if (contentType != null && !contentType.contains("json")) {
                body = null; // e.g. a tar stream
            }
            String result = check(e.getRequest().getMethod().getName(), uri.getRawPath(), query(uri.getRawQuery()),
                    e.getRequest().getHeader("Authorization"), body,
                    e.getResponse().getStatus(), e.getResponse().getBodyAsString());
            if (!result.equals("skipped")) {
                validated++;
            }
        }
        return validated;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
