package io.neonclient.testkit.internal.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * compute_ctl's external routes for its lifecycle (compute_tools/src/http/routes/{status,configure,terminate,
 * metrics_json}.rs): {@code GET /status}, {@code POST /configure}, {@code POST /terminate} (200, or 201 when already
 * terminated, with the last LSN) and {@code GET /metrics.json}, all behind the Authorize layer
 * (compute_tools/src/http/server.rs, the external server). Errors are {@code {"error": …}}.
 * {@code POST /refresh_configuration} is not served: upstream has it on the internal listener only, whose simulation
 * ({@link ComputeInternalRoutes}) serves extensions and grants. The routes decode, call {@link ComputeNode} and encode.
 */
public final class ComputeRoutes {
    private final ComputeNode node;

    public ComputeRoutes(ComputeNode node) {
        this.node = node;
    }

    public Router register(Router r) {
        r.add("GET", "/status", RouteAuth.ANY, x -> Reply.ok(node.statusBody()));
        r.add("POST", "/configure", RouteAuth.ANY, x -> Reply.ok(node.configure(x.json())));
        r.add("POST", "/terminate", RouteAuth.ANY, x -> {
            ComputeNode.Terminated t = node.terminate();
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("lsn", t.lsn() == null ? null : t.lsn().toString());
            return Reply.json(t.already() ? 201 : 200, n);
        });
        r.add("GET", "/metrics.json", RouteAuth.ANY, x -> Reply.ok(node.metrics()));
        return r;
    }
}
