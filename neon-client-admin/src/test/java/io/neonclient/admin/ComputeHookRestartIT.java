package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.testkit.TestCompute;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compute hook that is down while the shards move, then started again on its registry: on start it compares every
 * registered compute with the controller's placement and re-configures the stale ones (the seed runbook's
 * "docker restart compute_hook, then docker restart compute", made unnecessary). Registry in a file here.
 */
class ComputeHookRestartIT {
    @TempDir
    Path dir;

    ComputeStore store() {
        return ComputeStore.file(dir.resolve("computes.json"));
    }

    @Test
    void hookRestartedMidway_reconcilesFromItsRegistry() {
        ComputeStore store = store();
        try (ComputeCluster env = ComputeCluster.start(2, false, b -> b, store)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            int port = env.hook.uri().getPort();
            env.hook.close();
            env.cluster.stopPageserver(1);
            Waiter.await("shards failed over to node 2", RecipeHarness.WAIT, () -> env.storcon.tenant(env.tenant).describe(),
                    d -> d.shards().stream().allMatch(s -> s.attachedNode().filter(n -> n.value() == 2).isPresent())
                            ? WaitVerdict.done() : WaitVerdict.pending("not yet"));
            assertTrue(c.pageserverNodes().containsValue(1L), "with the hook down the compute still points at node 1");
            // a new hook process: a fresh store object on the same registry, the same address
            try (ComputeStore reopened = store();
                 ComputeHook again = ComputeCluster.hook(reopened, () -> env.storcon, env.launched, () -> env.cluster,
                         b -> b.listen("127.0.0.1:" + port))) {
                ComputeHookIT.awaitSpec(env, c, "reconciled onto node 2", p -> p.size() == 2 && p.values().stream().allMatch(n -> n == 2));
                assertEquals(ComputeStatus.RUNNING, client.status().status());
                assertEquals(port, again.uri().getPort());
                Waiter.await("registry records the applied spec", RecipeHarness.WAIT, () -> reopened.list().get(0),
                        r -> r.lastError().isEmpty() && ComputeFollower.describe(r.spec()).equals("0002→2 0102→2") ? WaitVerdict.done()
                                : WaitVerdict.pending(ComputeFollower.describe(r.spec())));
            }
        }
    }
}
