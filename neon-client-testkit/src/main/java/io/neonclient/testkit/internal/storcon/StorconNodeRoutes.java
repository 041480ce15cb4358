package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Rfc3339;
import io.neonclient.testkit.internal.http.Bodies;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.List;
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
    private final Heartbeats heartbeats;
    private final NodeOperations ops;
    private final StorconGate gate;

    public StorconNodeRoutes(Storcon sc, Heartbeats heartbeats, NodeOperations ops, StorconGate gate) {
        this.sc = sc;
        this.heartbeats = heartbeats;
        this.ops = ops;
        this.gate = gate;
    }

    public void register(Router r) {
        r.add("GET", "/status", RouteAuth.OPEN, x -> Reply.nullBody());
        // handle_ready: 200 once the start-up reconcile is done, 503 (body null) before.
        r.add("GET", "/ready", RouteAuth.OPEN, x -> gate.ready() ? Reply.nullBody() : Reply.nullBody(503));
        r.add("GET", "/live", RouteAuth.OPEN, x -> sc.steppedDown ? Reply.nullBody(503) : Reply.nullBody());
        r.add("GET", "/metrics", RouteAuth.OPEN, x -> Reply.text(200, sc.metrics.encode(sc)));
        r.add("GET", "/control/v1/leader", RouteAuth.storcon("admin"), x -> Reply.ok(Json.MAPPER.createObjectNode()
                .put("address", sc.publicUri + "/").put("started_at", Rfc3339.format(sc.startedAt))));
        r.add("POST", "/control/v1/node", RouteAuth.storcon("infra"), this::registerNode);
        r.add("GET", "/control/v1/node", RouteAuth.storcon("infra"), x -> {
            synchronized (sc) {
                ArrayNode out = Json.MAPPER.createArrayNode();
                sc.nodes.values().forEach(n -> out.add(n.describe()));
                return Reply.ok(out);
            }
        });
        r.add("GET", "/control/v1/node/{node_id}", RouteAuth.storcon("infra"), x -> {
            synchronized (sc) {
                return Reply.ok(sc.node(x.longParam("node_id")).describe());
            }
        });
        r.add("PUT", "/control/v1/node/{node_id}/config", RouteAuth.storcon("admin"), this::configure);
        r.add("GET", "/control/v1/node/{node_id}/shards", RouteAuth.storcon("admin"), this::nodeShards);
        r.add("PUT", "/control/v1/node/{node_id}/drain", RouteAuth.storcon("infra"), x -> start(x, "Drain"));
        r.add("DELETE", "/control/v1/node/{node_id}/drain", RouteAuth.storcon("infra"), x -> cancel(x, "Drain", "drain"));
        r.add("PUT", "/control/v1/node/{node_id}/fill", RouteAuth.storcon("infra"), x -> start(x, "Fill"));
        r.add("DELETE", "/control/v1/node/{node_id}/fill", RouteAuth.storcon("infra"), x -> cancel(x, "Fill", "fill"));
        r.add("PUT", "/control/v1/node/{node_id}/delete", RouteAuth.storcon("admin"), x -> start(x, "Delete"));
        r.add("DELETE", "/control/v1/node/{node_id}/delete", RouteAuth.storcon("infra"), x -> cancel(x, "Delete", "delete"));
        r.add("DELETE", "/control/v1/node/{node_id}", RouteAuth.storcon("admin"), this::legacyDelete);
        new StorconSafekeeperRoutes(sc).register(r);
        new StorconDebugRoutes(sc).register(r);
        r.add("POST", "/debug/v1/reconcile_all", RouteAuth.storcon("admin"), x -> {
            List<ShardState> busy = new ArrayList<>();
            synchronized (sc) {
                for (ShardState s : sc.allShards()) {
                    if (s.reconciling || sc.reconciler.dirty(s)) {
                        busy.add(s);
                    }
                }
            }
            busy.forEach(sc.reconciler::trigger);
            sc.awaitIdle(busy, sc.timing.millis(java.time.Duration.ofSeconds(30)));
            return Reply.ok(busy.size());
        });
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
        synchronized (sc) {
            if (sc.tombstones.contains(id)) {
                throw HttpError.conflict("Node " + id + " is already exists");
            }
            StorconNode n = sc.nodes.get(id);
            if (n != null) {
                if (!n.pgAddr.equals(pgAddr) || n.pgPort != pgPort || !n.httpAddr.equals(httpAddr) || n.httpPort != httpPort
                        || !n.az.equals(az)) {
                    throw HttpError.conflict("Node is already registered with different address");
                }
            } else {
                n = new StorconNode(id);
                sc.nodes.put(id, n);
            }
            n.pgAddr = pgAddr;
            n.pgPort = pgPort;
            n.httpAddr = httpAddr;
            n.httpPort = httpPort;
            n.az = az;
            n.httpsPort = Bodies.optInt(b, "listen_https_port");
            n.grpcAddr = grpcAddr;
            n.grpcPort = grpcPort;
            n.ipAddr = Bodies.optText(b, "node_ip_addr");
        }
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
        boolean offline = false;
        boolean active = false;
        synchronized (sc) {
            StorconNode n = sc.node(id);
            if (sc.operation != null) {
                throw HttpError.precondition("Ongoing background operation forbids configuring: " + sc.operation.kind
                        + " of node " + sc.operation.node);
            }
            if (availability != null && !availability.equals(n.availability)) {
                offline = availability.equals("Offline");
                active = availability.equals("Active");
                n.availability = availability;
                if (active) {
                    n.lastOkNanos = System.nanoTime();
                }
            }
            if (scheduling != null) {
                n.scheduling = scheduling;
            }
        }
        if (offline) {
            heartbeats.setOffline(id);
        } else if (active) {
            heartbeats.activate(id);
        }
        return Reply.nullBody();
    }

    private Reply nodeShards(Exchange x) {
        long id = x.longParam("node_id");
        synchronized (sc) {
            sc.node(id);
            ObjectNode out = Json.MAPPER.createObjectNode().put("node_id", id);
            ArrayNode arr = out.putArray("shards");
            for (ShardState s : sc.allShards()) {
                boolean intended = s.onNode(id);
                String obs = s.observed.get(id);
                if (!intended && obs == null) {
                    continue;
                }
                ObjectNode o = arr.addObject().put("tenant_shard_id", s.id.toString());
                if (obs == null) {
                    o.putNull("is_observed_secondary");
                } else {
                    o.put("is_observed_secondary", obs.equals(ShardState.SECONDARY));
                }
                if (intended) {
                    o.put("is_intended_secondary", s.secondaries.contains(id));
                } else {
                    o.putNull("is_intended_secondary");
                }
            }
            return Reply.ok(out);
        }
    }

    private Reply start(Exchange x, String kind) {
        long id = x.longParam("node_id");
        boolean force = x.queryFlag("force", false);
        Storcon.NodeOperation op = new Storcon.NodeOperation(kind, id);
        synchronized (sc) {
            StorconNode n = sc.node(id);
            if (sc.operation != null) {
                throw HttpError.precondition("Background operation already ongoing for node: " + sc.operation.kind
                        + " (node_id=" + sc.operation.node + ")");
            }
            String busy = switch (kind) {
                case "Drain" -> "Draining";
                case "Fill" -> "Filling";
                default -> "Deleting";
            };
            if (!kind.equals("Delete") && !n.availability.equals("Active")) {
                throw HttpError.unavailable("Node " + id + " is currently unavailable");
            }
            long schedulable = sc.nodes.values().stream().filter(StorconNode::schedulable).count();
            if (kind.equals("Fill") ? sc.nodes.size() < 2 : schedulable == 0) {
                throw HttpError.precondition(kind.equals("Fill") ? "No other nodes to fill from" : "No other schedulable nodes to "
                        + kind.toLowerCase() + " to");
            }
            if (n.scheduling.equals(busy)) {
                throw HttpError.conflict("Node " + id + " has " + kind.toLowerCase() + " in progress");
            }
            boolean allowed = n.scheduling.equals("Active") || (kind.equals("Delete") && n.scheduling.equals("Pause"));
            if (!allowed) {
                String verb = switch (kind) {
                    case "Drain" -> "drained";
                    case "Fill" -> "filled";
                    default -> "deleted";
                };
                throw HttpError.precondition("Node " + id + " cannot be " + verb + " due to " + n.scheduling + " policy");
            }
            n.schedulingBeforeDelete = n.scheduling;
            n.scheduling = busy;
            sc.operation = op;
        }
        Thread.ofVirtual().name(kind + "-" + id).start(() -> {
            switch (kind) {
                case "Drain" -> ops.drain(op);
                case "Fill" -> ops.fill(op);
                default -> ops.delete(op, force);
            }
        });
        return kind.equals("Delete") ? Reply.nullBody() : Reply.nullBody(202);
    }

    private Reply cancel(Exchange x, String kind, String word) {
        long id = x.longParam("node_id");
        synchronized (sc) {
            StorconNode n = sc.node(id);
            if (!kind.equals("Delete") && !n.available()) {
                throw HttpError.unavailable("Node " + id + " is currently unavailable");
            }
            if (sc.operation == null || sc.operation.node != id || !sc.operation.kind.equals(kind)) {
                throw HttpError.precondition("Node " + id + " has no " + word + " in progress");
            }
            sc.operation.cancelled = true;
            sc.notifyAll();
        }
        return Reply.nullBody(202);
    }

    private Reply legacyDelete(Exchange x) {
        long id = x.longParam("node_id");
        List<ShardState> moved = new ArrayList<>();
        synchronized (sc) {
            if (!sc.nodes.containsKey(id)) {
                return Reply.nullBody();
            }
            for (TenantState t : sc.tenants.values()) {
                for (ShardState s : t.shards) {
                    if (!s.onNode(id)) {
                        continue;
                    }
                    s.secondaries.remove(id);
                    if (s.attached != null && s.attached == id) {
                        s.attached = null;
                    }
                    sc.nodes.get(id).scheduling = "Deleting";
                    String err = sc.scheduler.schedule(t.policy, s);
                    if (err != null) {
                        sc.nodes.get(id).scheduling = "Active";
                        throw HttpError.conflict("Scheduling error: " + err);
                    }
                    moved.add(s);
                }
            }
            sc.nodes.remove(id);
            sc.tombstones.add(id);
            moved.forEach(s -> s.observed.remove(id));
        }
        moved.forEach(sc.reconciler::trigger);
        return Reply.nullBody();
    }
}
