package io.neonclient.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops status}: controller readiness, nodes and tenants at a glance. */
@Command(name = "status", description = "Show controller readiness, pageservers and tenants.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StorageControllerClient storcon = parent.storcon();
        if (parent.json()) {
            out.println(json(storcon));
            out.flush();
        } else {
            print(storcon, out);
        }
        return 0;
    }

    /** The same as JSON in the controller's own field names ({@code GET /control/v1/node}, {@code GET /control/v1/tenant}). */
    static ObjectNode json(StorageControllerClient storcon) {
        ObjectNode n = CliJson.MAPPER.createObjectNode();
        n.put("controller", storcon.baseUri().toString()).put("ready", storcon.ready());
        ArrayNode nodes = n.putArray("pageservers");
        for (Node node : storcon.nodes().list()) {
            nodes.addObject().put("id", node.id().value()).put("availability", node.availability().toString())
                    .put("scheduling", node.scheduling().toString()).put("listen_pg_addr", node.listenPgAddr()).put("listen_pg_port", node.listenPgPort());
        }
        ArrayNode tenants = n.putArray("tenants");
        storcon.tenants().list().forEach((TenantDescription t) -> {
            ObjectNode tn = tenants.addObject().put("tenant_id", t.tenantId().toString()).put("policy", t.policy().toString())
                    .put("shard_count", t.shardCount());
            ArrayNode shards = tn.putArray("shards");
            t.shards().forEach(s -> {
                ObjectNode sn = shards.addObject().put("tenant_shard_id", s.id().toString());
                s.attachedNode().ifPresentOrElse(a -> sn.put("node_attached", a.value()), () -> sn.putNull("node_attached"));
                sn.put("is_reconciling", s.isReconciling());
            });
        });
        return n;
    }

    static void print(StorageControllerClient storcon, PrintWriter out) {
        out.println("controller " + storcon.baseUri() + ": " + (storcon.ready() ? "ready" : "NOT ready"));
        for (Node n : storcon.nodes().list()) {
            out.printf("  pageserver %-3s %-9s %-16s %s:%d%n", n.id(), n.availability(), n.scheduling(), n.listenPgAddr(), n.listenPgPort());
        }
        storcon.tenants().list().forEach((TenantDescription t) -> out.printf("  tenant %s %s, %d shard(s): %s%n", t.tenantId(), t.policy(),
                t.shardCount(), t.shards().stream().map(s -> s.id().shardIndex() + "@" + s.attachedNode().map(Object::toString).orElse("-")
                        + (s.isReconciling() ? "*" : "")).toList()));
        out.flush();
    }
}
