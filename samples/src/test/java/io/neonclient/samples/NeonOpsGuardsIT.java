package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code neon-ops} refusing what would silently destroy data or report a removal that did not happen, and running the
 * recipes on a cluster with auth on, with one token per scope read from the environment.
 */
class NeonOpsGuardsIT {

    record Run(int exit, String out, String err) {}

    static Run neonOps(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env::get);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A 2-shard Attached(1) tenant with a timeline on a cluster whose pageservers registered themselves. */
    record Env(NeonTestCluster cluster, StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {}

    static Env start(NeonTestCluster cluster) {
        StorageControllerClient storcon = cluster.storageControllerClient();
        Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> !nodes.isEmpty() && nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                        ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()), p -> { });
        TenantId tenant = TenantId.generate();
        TimelineId timeline = TimelineId.generate();
        storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));
        return new Env(cluster, storcon, tenant, timeline);
    }

    /**
     * A good write, a time after it and a bad write, each more than a second apart on the wall clock: the CLI's recipes
     * read "now" from the system clock, so the simulation's clock is not moved.
     */
    record History(Lsn good, Instant goodTime, Lsn bad) {}

    static History history(Env env) throws InterruptedException {
        Lsn good = env.cluster().write(env.tenant(), env.timeline(), 16 * 1024);
        Thread.sleep(1_200);
        Instant goodTime = env.cluster().now();
        Thread.sleep(1_200);
        Lsn bad = env.cluster().write(env.tenant(), env.timeline(), 512 * 1024);
        Thread.sleep(1_200);
        return new History(good, goodTime, bad);
    }

    static Lsn lastRecordLsn(Env env) {
        return env.storcon().tenant(env.tenant()).timeline(env.timeline()).describe().lastRecordLsn();
    }

    @Test
    void removeNode_ofANodeNeverRegistered_exitsWith3NamingIt_andReportsNoRemoval() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start()) {
            Env env = start(cluster);
            Run r = neonOps(Map.of(), "--storcon", cluster.storageController().toString(), "remove-node", "--node", "9", "--yes");
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("NodeRemoval stopped at step 'check'") && r.err().contains("node 9 is not registered"), r.err());
            assertTrue(r.err().contains("next: nothing changed"), r.err());
            assertFalse(r.out().contains("done"), r.out());
            assertEquals(2, env.storcon().nodes().list().size());
        }
    }

    @Test
    void timeTravel_toBeforeABranchExisted_isRefusedListingIt_untilErasingIsConfirmed() throws InterruptedException {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start()) {
            Env env = start(cluster);
            History h = history(env);
            TimelineId branch = TimelineId.generate();
            env.storcon().tenant(env.tenant()).timelines().create(CreateTimelineRequest.branch(branch, env.timeline()));
            String url = cluster.storageController().toString();

            Run refused = neonOps(Map.of(), "--storcon", url, "time-travel", "--yes", "--tenant", env.tenant().toString(), "--to",
                    h.goodTime().toString(), "--computes-stopped");
            assertEquals(3, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains(branch.toString()) && refused.err().contains("--erase-newer-timelines"), refused.err());
            assertEquals(PlacementPolicy.attached(1), env.storcon().tenant(env.tenant()).describe().policy(), "never detached");
            assertEquals(h.bad(), lastRecordLsn(env));

            Run wrongCounts = neonOps(Map.of(), "--storcon", url, "time-travel", "--yes", "--tenant", env.tenant().toString(), "--to",
                    h.goodTime().toString(), "--computes-stopped", "--erase-newer-timelines", "--shard-counts", "0,2");
            assertEquals(3, wrongCounts.exit(), wrongCounts.out() + wrongCounts.err());
            assertTrue(wrongCounts.err().contains("shardCounts [0, 2] disagree with remote storage") && wrongCounts.err().contains("[2]"),
                    wrongCounts.err());

            Run erased = neonOps(Map.of(), "--storcon", url, "time-travel", "--yes", "--tenant", env.tenant().toString(), "--to",
                    h.goodTime().toString(), "--computes-stopped", "--erase-newer-timelines");
            assertEquals(0, erased.exit(), erased.out() + erased.err());
            assertEquals(h.good(), lastRecordLsn(env));
            assertEquals(java.util.List.of(env.timeline()),
                    env.storcon().tenant(env.tenant()).timelines().list().stream().map(Timeline::timelineId).toList());
        }
    }

    @Test
    void onAnAuthOnCluster_theRecipesThatTouchPageserversRun_withOneTokenPerScopeFromTheEnvironment() throws InterruptedException {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).auth(true).build()
                .start()) {
            Env env = start(cluster);
            History h = history(env);
            String url = cluster.storageController().toString();
            Map<String, String> tokens = new HashMap<>();
            tokens.put("NEON_ADMIN_TOKEN", cluster.token(Scope.ADMIN));
            tokens.put("NEON_PAGESERVER_TOKEN", cluster.token(Scope.PAGESERVER_API));
            tokens.put("NEON_SAFEKEEPER_TOKEN", cluster.token(Scope.SAFEKEEPER_DATA));
            tokens.put("NEON_COMPUTE_TOKEN", cluster.token(Scope.COMPUTE_CTL_ADMIN));

            Run noTokens = neonOps(Map.of(), "--storcon", url, "status");
            assertNotEquals(0, noTokens.exit(), "the cluster checks tokens: " + noTokens.out());

            Run travel = neonOps(tokens, "--storcon", url, "time-travel", "--yes", "--tenant", env.tenant().toString(), "--to",
                    h.goodTime().toString(), "--computes-stopped");
            assertEquals(0, travel.exit(), travel.out() + travel.err());
            assertTrue(travel.out().contains("== TimeTravel done"), travel.out());
            assertEquals(h.good(), lastRecordLsn(env), "rewound; the scan and the verify reached the pageservers with their token");

            Run report = neonOps(tokens, "--storcon", url, "report", "--json");
            assertEquals(0, report.exit(), report.out() + report.err());
            // Ids and timestamps may contain the digits 401/403: look for the refusals themselves.
            assertFalse(java.util.regex.Pattern.compile("\\b40[13] (Unauthorized|Forbidden)").matcher(report.out()).find(), report.out());

            TimelineId into = TimelineId.generate();
            Run pitr = neonOps(tokens, "--storcon", url, "pitr", "--tenant", env.tenant().toString(), "--timeline",
                    env.timeline().toString(), "--at", h.goodTime().toString(), "--into", into.toString());
            assertEquals(0, pitr.exit(), pitr.out() + pitr.err());
            assertEquals(h.good(), env.storcon().tenant(env.tenant()).timeline(into).describe().ancestorLsn().orElseThrow());

            Run move = neonOps(tokens, "--storcon", url, "migrate", "--shard", env.tenant() + "-0102", "--node",
                    otherNode(env).toString());
            assertEquals(0, move.exit(), move.out() + move.err());
        }
    }

    static io.neonclient.core.NodeId otherNode(Env env) {
        io.neonclient.core.NodeId at = env.storcon().tenant(env.tenant()).describe().shards().get(1).attachedNode().orElseThrow();
        return env.storcon().nodes().list().stream().map(n -> n.id()).filter(id -> !id.equals(at)).findFirst().orElseThrow();
    }
}
