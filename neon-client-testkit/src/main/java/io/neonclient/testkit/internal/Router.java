package io.neonclient.testkit.internal;

import io.neonclient.testkit.Component;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route table with upstream's matching rules: path templates with {@code {name}} segments, a trailing
 * {@code /} is ignored (routerify appends one to patterns and paths), unmatched paths get plain-text
 * {@code 404 Not Found}, query values are percent-decoded with {@code +} read as a space. Errors become
 * {@code {"msg": …}} (libs/http-utils/src/error.rs) or compute_ctl's {@code {"error": …}}.
 */
public final class Router {

    /** A handler for one route. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Exchange exchange) throws Exception;
    }

    /** Runs before a matched route's handler (leadership, readiness); may throw {@link HttpError}. */
    @FunctionalInterface
    public interface Guard {
        void check(String method, String template);
    }

    /** What the server should do with a request. */
    public sealed interface Outcome {
        record Send(Reply reply) implements Outcome { }
        record Drop() implements Outcome { }
    }

    private record Route(String method, String template, String[] segments, RouteAuth auth, Handler handler) { }

    private final List<Route> routes = new ArrayList<>();
    private final Component component;
    private final Auth auth;
    private final FaultTable faults;
    private final String errorKey;
    private volatile Guard guard = (m, t) -> { };

    public Router(Component component, Auth auth, FaultTable faults) {
        this.component = component;
        this.auth = auth;
        this.faults = faults;
        this.errorKey = component == Component.COMPUTE ? "error" : "msg";
    }

    public Router guard(Guard guard) {
        this.guard = guard;
        return this;
    }

    public Router add(String method, String template, RouteAuth routeAuth, Handler handler) {
        routes.add(new Route(method, template, split(template), routeAuth, handler));
        return this;
    }

    private static String[] split(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.substring(1).split("/", -1);
    }

    public Outcome dispatch(String method, String rawPath, String rawQuery, String authorization, byte[] body) {
        for (FaultTable.Action action : faults.actions(component, method, rawPath)) {
            switch (action) {
                case FaultTable.Action.Delay d -> sleep(d.millis());
                case FaultTable.Action.Fail503 f -> {
                    return new Outcome.Send(error(HttpError.unavailable("Injected fault: service temporarily unavailable")));
                }
                case FaultTable.Action.Drop d -> {
                    return new Outcome.Drop();
                }
                case FaultTable.Action.Pass p -> { }
            }
        }
        String[] segs = split(rawPath);
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> params = match(r.segments, segs);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (!r.method.equals(method)) {
                continue;
            }
            try {
                guard.check(method, r.template);
                Claims claims = Claims.NONE;
                if (auth.enabled() && r.auth != RouteAuth.OPEN) {
                    claims = auth.verify(authorization);
                    r.auth.check(claims, params);
                }
                return new Outcome.Send(r.handler.handle(new Exchange(method, rawPath, params, query(rawQuery), body, claims)));
            } catch (HttpError e) {
                return new Outcome.Send(error(e));
            } catch (Exception e) {
                return new Outcome.Send(error(HttpError.internal("Internal error: " + e)));
            }
        }
        if (pathMatched && component == Component.COMPUTE) {
            return new Outcome.Send(Reply.text(405, "Method Not Allowed"));
        }
        return new Outcome.Send(Reply.text(404, "Not Found"));
    }

    private Reply error(HttpError e) {
        if (e.nullBody()) {
            return Reply.nullBody(e.status());
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put(errorKey, e.getMessage());
        return Reply.json(e.status(), body);
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        boolean rest = pattern[pattern.length - 1].equals("{*rest}");
        if (rest ? path.length < pattern.length : pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (rest && i == pattern.length - 1) {
                params.put("*rest", String.join("/", java.util.Arrays.copyOfRange(path, i, path.length)));
                break;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), URLDecoder.decode(path[i], StandardCharsets.UTF_8));
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
