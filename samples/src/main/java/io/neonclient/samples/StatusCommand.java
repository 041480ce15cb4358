package io.neonclient.samples;

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
        print(storcon, out);
        return 0;
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
