package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeState;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.testkit.TestCompute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The compute hook on the testkit, with the controller's {@code --control-plane-url} pointing at it over HTTP: the
 * compute follows its shards through fail-over, migration, split and time travel without a restart, is caught up when
 * it comes back after being down, and never takes a stale notification over a newer state.
 */
class ComputeHookIT {

    static Map<String, Long> awaitSpec(ComputeCluster env, TestCompute c, String what, Predicate<Map<String, Long>> done) {
        return Waiter.await(what, RecipeHarness.WAIT, c::pageserverNodes,
                p -> done.test(p) ? WaitVerdict.done() : WaitVerdict.pending("compute's spec points at " + p));
    }

    static long attachedNode(ComputeCluster env, String shardIndex) {
        return env.storcon.tenant(env.tenant).describe().shards().stream().filter(s -> s.id().shardIndex().toString().equals(shardIndex))
                .findFirst().orElseThrow().attachedNode().orElseThrow().value();
    }

    /** Until no shard of the tenant is reconciling or holds a compute notification: the hook has answered the controller. */
    static void awaitControllerAnswered(ComputeCluster env) {
        Waiter.await("the controller has the hook's answer", RecipeHarness.WAIT, () -> env.storcon.tenant(env.tenant).describe(),
                d -> d.shards().stream().noneMatch(s -> s.isReconciling() || s.isPendingComputeNotification()) ? WaitVerdict.done()
                        : WaitVerdict.pending("shards reconciling or pending: " + d.shards().stream()
                                .filter(s -> s.isReconciling() || s.isPendingComputeNotification()).map(s -> s.id().toString()).toList()));
    }

    static void assertRunningWithoutRestart(ComputeClient client, TestCompute c, ComputeState before) {
        ComputeState now = client.status();
        assertEquals(ComputeStatus.RUNNING, now.status(), "compute running; error: " + c.error());
        assertNull(c.error());
        assertEquals(before.startTime(), now.startTime(), "compute_ctl was not restarted");
    }

    @Test
    void pageserverStop_failsOverAndTheComputeIsReconfigured_basebackupWorksWithoutRestart() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            ComputeState before = client.status();
            assertEquals(Map.of("0002", 1L, "0102", 2L).keySet(), c.pageserverNodes().keySet());
            env.cluster.stopPageserver(1);
            awaitSpec(env, c, "compute re-pointed at node 2", p -> p.size() == 2 && p.values().stream().allMatch(n -> n == 2));
            // the hook records the spec after compute_ctl answers and before it answers the controller: read the record
            // once the controller has its answer, as an operator would (the compute alone can be ahead of the record)
            awaitControllerAnswered(env);
            assertRunningWithoutRestart(client, c, before);
            env.write(8192); // WAL flows through the reconfigured compute
            assertTrue(env.hook.pending().isEmpty(), env.hook.pending().toString());
            ComputeRecord recorded = env.hook.store().list().get(0);
            assertEquals(c.pageserverNodes().get("0002"), recorded.spec().pageserverConnectionInfo().orElseThrow().shards().get("0002")
                    .pageservers().get(0).id().orElseThrow().value());
            String metrics = env.hook.scrape();
            assertTrue(metrics.contains("neon_compute_hook_notifications_total{kind=\"attach\",result=\"applied\"}"), metrics);
            assertTrue(metrics.contains("neon_compute_hook_lag_seconds_count"), metrics);
        }
    }

    @Test
    void migrate_theComputeFollowsTheShard() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            ComputeState before = client.status();
            long from = attachedNode(env, "0102");
            long to = from == 1 ? 2 : 1;
            env.storcon.shard(TenantShardId.parse(env.tenant + "-0102")).migrateTo(NodeId.of(to)).await(RecipeHarness.WAIT, p -> { });
            awaitSpec(env, c, "shard 0102 followed to node " + to, p -> Long.valueOf(to).equals(p.get("0102")));
            assertRunningWithoutRestart(client, c, before);
        }
    }

    @Test
    void split_theComputeGetsEveryNewShard() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            ComputeState before = client.status();
            env.storcon.tenant(env.tenant).split(4);
            awaitSpec(env, c, "compute sees 4 shards", p -> p.keySet().equals(java.util.Set.of("0004", "0104", "0204", "0304")));
            for (ShardDescription s : env.storcon.tenant(env.tenant).describe().shards()) {
                assertEquals(s.attachedNode().orElseThrow().value(), c.pageserverNodes().get(s.id().shardIndex().toString()));
            }
            assertRunningWithoutRestart(client, c, before);
        }
    }

    @Test
    void staleAttach_olderShardCountThanTheComputeHas_isNotApplied() throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            env.storcon.tenant(env.tenant).split(4);
            awaitSpec(env, c, "compute sees 4 shards", p -> p.size() == 4);
            // the 2-shard notification from before the split arrives late (a retry of a lost answer)
            String stale = "{\"tenant_id\":\"" + env.tenant + "\",\"preferred_az\":null,\"stripe_size\":2048,"
                    + "\"shards\":[{\"node_id\":1,\"shard_number\":0},{\"node_id\":1,\"shard_number\":1}]}";
            HttpResponse<String> r = put(env.hook.uri(), "notify-attach", stale);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(4, c.pageserverNodes().size());
            assertTrue(env.hook.scrape().contains("neon_compute_hook_notifications_total{kind=\"attach\",result=\"stale\"} 1.0"));
        }
    }

    @Test
    void notifySafekeepers_outOfOrder_theNewerGenerationStays() throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            String body = "{\"tenant_id\":\"%s\",\"timeline_id\":\"%s\",\"generation\":%d,\"safekeepers\":[{\"id\":1,\"hostname\":\"sk1\"}]}";
            assertEquals(200, put(env.hook.uri(), "notify-safekeepers", body.formatted(env.tenant, env.timeline, 5)).statusCode());
            assertEquals(200, put(env.hook.uri(), "notify-safekeepers", body.formatted(env.tenant, env.timeline, 3)).statusCode());
            assertTrue(c.specJson().contains("\"safekeepers_generation\":5"), c.specJson());
            assertEquals(5L, env.hook.store().list().get(0).spec().safekeepersGeneration().orElseThrow());
            var sk = env.storcon.safekeepers().list().get(0);
            assertEquals(java.util.List.of(sk.host() + ":" + sk.port()), env.hook.store().list().get(0).spec().safekeeperConnstrings());
            assertTrue(env.hook.scrape().contains("neon_compute_hook_notifications_total{kind=\"safekeepers\",result=\"stale\"} 1.0"));
        }
    }

    @Test
    void computeDownDuringANotification_isReportedAndCaughtUpWhenBack_andTheControllerRetries() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            ComputeClient client = env.startCompute();
            TestCompute c = env.testCompute(client);
            c.stop();
            env.cluster.stopPageserver(1);
            // the hook answers 423 (recorded, not applied): the controller keeps the shards pending (compute_hook.rs Busy)
            Waiter.await("compute reported pending", RecipeHarness.WAIT, () -> env.hook.pending(),
                    p -> p.size() == 1 ? WaitVerdict.done() : WaitVerdict.pending("pending " + p));
            Waiter.await("controller holds a pending compute notification", RecipeHarness.WAIT, () -> env.storcon.tenant(env.tenant).describe(),
                    d -> d.shards().stream().anyMatch(ShardDescription::isPendingComputeNotification) ? WaitVerdict.done()
                            : WaitVerdict.pending("no shard pending"));
            assertTrue(env.hook.pending().get(0).lastError().isPresent());
            c.start();
            awaitSpec(env, c, "compute caught up with node 2", p -> p.size() == 2 && p.values().stream().allMatch(n -> n == 2));
            Waiter.await("nothing pending", RecipeHarness.WAIT, () -> env.hook.pending(),
                    p -> p.isEmpty() ? WaitVerdict.done() : WaitVerdict.pending("pending " + p));
            // the controller's own re-send now gets a 200 and clears its flag
            Waiter.await("controller's pending notification cleared", RecipeHarness.WAIT, () -> env.storcon.tenant(env.tenant).describe(),
                    d -> d.shards().stream().noneMatch(ShardDescription::isPendingComputeNotification) ? WaitVerdict.done()
                            : WaitVerdict.pending("shards still pending"));
            assertEquals(ComputeStatus.RUNNING, client.status().status());
            assertTrue(env.hook.scrape().contains("neon_compute_hook_retries_total"));
        }
    }

    @Test
    void timeTravel_theRestartedComputeIsRegisteredAndFollowsThePlacement() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            TimeTravelIT.History h = TimeTravelIT.history(env);
            TimeTravelIT.recipe(env, h).run(e -> { });
            assertEquals(h.good(), TimeTravelIT.lastRecordLsn(env));
            var computes = env.computes.computesOf(env.tenant);
            assertEquals(1, computes.size());
            assertEquals(1, env.hook.store().list().size(), "the stopped compute is forgotten, the restarted one registered");
            TestCompute c = env.testCompute(computes.get(0));
            awaitSpec(env, c, "restarted compute on the current placement",
                    p -> p.equals(Map.of("0002", attachedNode(env, "0002"), "0102", attachedNode(env, "0102"))));
            // a later fail-over reaches the restarted compute too
            long node = attachedNode(env, "0002");
            env.cluster.stopPageserver(node);
            long other = node == 1 ? 2 : 1;
            awaitSpec(env, c, "restarted compute follows the fail-over", p -> p.values().stream().allMatch(n -> n == other));
        }
    }

    static HttpResponse<String> put(URI hook, String route, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(hook.resolve("/" + route)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }
}
