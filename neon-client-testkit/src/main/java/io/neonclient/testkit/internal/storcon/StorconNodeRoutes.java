package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Rfc3339;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.Optional;
import java.util.Set;

/**
 * Controller routes for health, leadership, nodes (register, list, describe, configure, shards, drain, fill,
 * delete), safekeepers and {@code reconcile_all} (storage_controller/src/http.rs and service.rs).
 */
public final class StorconNodeRoutes {
    private static final Set<String> AVAILABILITY = Set.of("Active", "WarmingUp", "Offline");
    private static final Set<String> NODE_SCHEDULING = Set.of("Active", "Filling", "Pause", "PauseForRestart", "Draining", "Deleting");
    private static final Set<String> SK_SCHEDULING = Set.of("Active", "Activating", "Pause", "Decomissioned");

    private final Storcon sc;
    private final StorconNodes nodes;
    private final StorconGate gate;

    public StorconNodeRoutes(Storcon sc, StorconNodes nodes, StorconGate gate) {
        this.sc = sc;
        this.nodes = nodes;
        this.gate = gate;
    }

    public void register(Router r) {
        r.add("GET", "/status", RouteAuth.OPEN, x -> Reply.nullBody());
        // handle_ready: 200 once the start-up reconcile is done, 503 (body null) before.
        r.add("GET", "/ready", RouteAuth.OPEN, x -> gate.ready() ? Reply.nullBody() : Reply.nullBody(503));
        r.add("GET", "/live", RouteAuth.OPEN, x -> sc.steppedDown() ? Reply.nullBody(503) : Reply.nullBody());
        r.add("GET", "/metrics", RouteAuth.OPEN, x -> Reply.text(200, sc.metrics().encode(sc)));
        r.add("GET", "/control/v1/leader", RouteAuth.storcon("admin"), x -> Reply.ok(Json.MAPPER.createObjectNode()
                .put("address", sc.publicUri() + "/").put("started_at", Rfc3339.format(sc.startedAt()))));
        r.add("POST", "/control/v1/node", RouteAuth.storcon("infra"), this::registerNode);
        r.add("GET", "/control/v1/node", RouteAuth.storcon("infra"), x -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            nodes.nodeList().forEach(n -> out.add(n.describe()));
            return Reply.ok(out);
        });
        r.add("GET", "/control/v1/node/{node_id}", RouteAuth.storcon("infra"), x -> Reply.ok(sc.node(x.longParam("node_id")).describe()));
        r.add("PUT", "/control/v1/node/{node_id}/config", RouteAuth.storcon("admin"), this::configure);
        r.add("GET", "/control/v1/node/{node_id}/shards", RouteAuth.storcon("admin"), this::nodeShards);
        r.add("PUT", "/control/v1/node/{node_id}/drain", RouteAuth.storcon("infra"), x -> start(x, StorconNodes.OperationKind.DRAIN));
        r.add("DELETE", "/control/v1/node/{node_id}/drain", RouteAuth.storcon("infra"), x -> cancel(x, StorconNodes.OperationKind.DRAIN));
        r.add("PUT", "/control/v1/node/{node_id}/fill", RouteAuth.storcon("infra"), x -> start(x, StorconNodes.OperationKind.FILL));
        r.add("DELETE", "/control/v1/node/{node_id}/fill", RouteAuth.storcon("infra"), x -> cancel(x, StorconNodes.OperationKind.FILL));
        r.add("PUT", "/control/v1/node/{node_id}/delete", RouteAuth.storcon("admin"), x -> start(x, StorconNodes.OperationKind.DELETE));
        r.add("DELETE", "/control/v1/node/{node_id}/delete", RouteAuth.storcon("infra"), x -> cancel(x, StorconNodes.OperationKind.DELETE));
        r.add("DELETE", "/control/v1/node/{node_id}", RouteAuth.storcon("admin"), this::legacyDelete);
        new StorconSafekeeperRoutes(sc).register(r);
        new StorconDebugRoutes(sc).register(r);
        r.add("POST", "/debug/v1/reconcile_all", RouteAuth.storcon("admin"), x -> Reply.ok(sc.reconciler().reconcileAllNow()));
    }

    private Reply registerNode(Exchange x) {
        ObjectNode b = x.object();
        long id = Bodies.requiredLong(b, "node_id");
        String pgAddr = Bodies.requiredText(b, "listen_pg_addr");
        int pgPort = (int) Bodies.requiredLong(b, "listen_pg_port");
        String httpAddr = Bodies.requiredText(b, "listen_http_addr");
        int httpPort = (int) Bodies.requiredLong(b, "listen_http_port");
        String az = Bodies.requiredText(b, "availability_zone_id");
        String grpcAddr = Bodies.optText(b, "listen_grpc_addr");
        Integer grpcPort = Bodies.optInt(b, "listen_grpc_port");
        if ((grpcAddr == null) != (grpcPort == null)) {
            throw HttpError.badRequest("must specify both gRPC address and port");
        }
        nodes.nodeRegister(id, new StorconNode.Registration(pgAddr, pgPort, httpAddr, httpPort, Bodies.optInt(b, "listen_https_port"),
                grpcAddr, grpcPort, az, Bodies.optText(b, "node_ip_addr")));
        return Reply.nullBody();
    }

    private Reply configure(Exchange x) {
        long id = x.longParam("node_id");
        ObjectNode b = x.object();
        if (Bodies.requiredLong(b, "node_id") != id) {
            throw HttpError.badRequest("Path and body node_id differ");
        }
        String availability = Bodies.oneOf(b, "availability", AVAILABILITY);
        String scheduling = Bodies.oneOf(b, "scheduling", NODE_SCHEDULING);
        nodes.nodeConfigure(id, Optional.ofNullable(availability).map(NodeAvailability::fromWire),
                Optional.ofNullable(scheduling).map(NodeSchedulingPolicy::fromWire));
        return Reply.nullBody();
    }

    private Reply nodeShards(Exchange x) {
        long id = x.longParam("node_id");
        ObjectNode out = Json.MAPPER.createObjectNode().put("node_id", id);
        ArrayNode arr = out.putArray("shards");
        for (StorconNodes.NodeShard s : nodes.getNodeShards(id)) {
            ObjectNode o = arr.addObject().put("tenant_shard_id", s.tenantShardId());
            s.isObservedSecondary().ifPresentOrElse(v -> o.put("is_observed_secondary", v), () -> o.putNull("is_observed_secondary"));
            s.isIntendedSecondary().ifPresentOrElse(v -> o.put("is_intended_secondary", v), () -> o.putNull("is_intended_secondary"));
        }
        return Reply.ok(out);
    }

    private Reply start(Exchange x, StorconNodes.OperationKind kind) {
        nodes.startNodeOperation(x.longParam("node_id"), kind, x.queryFlag("force", false));
        return kind == StorconNodes.OperationKind.DELETE ? Reply.nullBody() : Reply.nullBody(202);
    }

    private Reply cancel(Exchange x, StorconNodes.OperationKind kind) {
        nodes.cancelNodeOperation(x.longParam("node_id"), kind);
        return Reply.nullBody(202);
    }

    private Reply legacyDelete(Exchange x) {
        nodes.nodeDeleteOld(x.longParam("node_id"));
        return Reply.nullBody();
    }
}
