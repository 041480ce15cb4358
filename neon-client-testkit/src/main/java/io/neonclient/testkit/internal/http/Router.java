package io.neonclient.testkit.internal.http;

import io.neonclient.testkit.Component;
import io.neonclient.testkit.internal.cluster.FaultTable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route table with upstream's matching rules: path templates with {@code {name}} segments, a trailing
 * {@code /} is ignored (routerify appends one to patterns and paths), query values are percent-decoded with
 * {@code +} read as a space. Errors become {@code {"msg": …}} (libs/http-utils/src/error.rs) or compute_ctl's
 * {@code {"error": …}}.
 *
 * <p>Unmatched requests: the pageserver answers {@code 404 {"msg": "page not found"}} for any path and method
 * (its {@code .any(handler_404)} in pageserver/src/http/routes.rs); the controller and safekeepers answer
 * routerify's plain-text {@code 404 Not Found}; compute_ctl answers an empty 404, or 405 for a known path
 * (compute_tools/src/http/server.rs, {@code handle_404}/{@code handle_405}).
 *
 * <p>Auth, when on: storage components verify the token before routing, for every path but their allowlist
 * ({@code auth_middleware} in libs/http-utils/src/endpoint.rs; the allowlist is the routes registered
 * {@link RouteAuth#OPEN}), then each route checks its scope. compute_ctl verifies only its authenticated routes,
 * with its own rules ({@link Auth#verifyCompute}).
 */
public final class Router {

    /** A handler for one route. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Exchange exchange) throws Exception;
    }

    /**
     * Runs after a matched route's scope check, before its handler (leadership, start-up readiness, per-tenant
     * rate limits); may throw {@link HttpError} or delay the request.
     */
    @FunctionalInterface
    public interface Guard {
        void check(String method, String template, Map<String, String> params);
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
    private final String computeId;
    private volatile Guard guard = (m, t, p) -> { };

    /** A router for a storage component (controller, pageserver, safekeeper). */
    public Router(Component component, Auth auth, FaultTable faults) {
        this(component, auth, faults, null);
        if (component == Component.COMPUTE) {
            throw new IllegalArgumentException("a compute_ctl router needs its compute id: use Router.compute");
        }
    }

    private Router(Component component, Auth auth, FaultTable faults, String computeId) {
        this.component = component;
        this.auth = auth;
        this.faults = faults;
        this.computeId = computeId;
        this.errorKey = component == Component.COMPUTE ? "error" : "msg";
    }

    /** A router for the compute_ctl whose {@code --compute-id} is {@code computeId}. */
    public static Router compute(Auth auth, FaultTable faults, String computeId) {
        return new Router(Component.COMPUTE, auth, faults, computeId);
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
        Claims verified = Claims.NONE;
        if (auth.enabled() && component != Component.COMPUTE && !allowlisted(rawPath)) {
            try {
                verified = auth.verify(authorization);
            } catch (HttpError e) {
                return new Outcome.Send(error(e));
            }
        }
        if (component == Component.PAGESERVER && !rawPath.equals("/v1/failpoints")) {
            // pageserver/src/http/routes.rs api_handler: fail_point!("api-503") and ("api-500") before any handler
            if (faults.failpoints.eval(component, "api-503", () -> true).isPresent()) {
                return new Outcome.Send(error(HttpError.unavailable("failpoint")));
            }
            if (faults.failpoints.eval(component, "api-500", () -> true).isPresent()) {
                return new Outcome.Send(error(HttpError.internal("failpoint")));
            }
        }
        Route pathMatch = null;
        for (Route r : routes) {
            Map<String, String> params = match(r.segments, segs);
            if (params == null) {
                continue;
            }
            if (pathMatch == null || pathMatch.auth == RouteAuth.OPEN) {
                pathMatch = r;
            }
            if (!r.method.equals(method)) {
                continue;
            }
            try {
                Claims claims = verified;
                if (auth.enabled() && r.auth != RouteAuth.OPEN) {
                    if (component == Component.COMPUTE) {
                        claims = auth.verifyCompute(authorization, computeId);
                    }
                    r.auth.check(claims, params);
                }
                guard.check(method, r.template, params);
                return new Outcome.Send(r.handler.handle(new Exchange(method, rawPath, params, query(rawQuery), body, claims)));
            } catch (HttpError e) {
                return new Outcome.Send(error(e));
            } catch (Exception e) {
                return new Outcome.Send(error(HttpError.internal("Internal error: " + e)));
            }
        }
        return switch (component) {
            case PAGESERVER -> new Outcome.Send(Reply.json(404, Map.of("msg", "page not found")));
            case COMPUTE -> {
                if (pathMatch == null) {
                    yield new Outcome.Send(Reply.empty(404));
                }
                // axum wraps a route's method-not-allowed answer in the route's auth layer.
                if (auth.enabled() && pathMatch.auth != RouteAuth.OPEN) {
                    try {
                        auth.verifyCompute(authorization, computeId);
                    } catch (HttpError e) {
                        yield new Outcome.Send(error(e));
                    }
                }
                yield new Outcome.Send(Reply.empty(405));
            }
            default -> new Outcome.Send(Reply.text(404, "Not Found"));
        };
    }

    /** Paths the auth middleware skips: those of the routes registered {@link RouteAuth#OPEN}, compared exactly. */
    private boolean allowlisted(String rawPath) {
        for (Route r : routes) {
            if (r.auth == RouteAuth.OPEN && r.template.equals(rawPath)) {
                return true;
            }
        }
        return false;
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

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
