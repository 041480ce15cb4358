package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.ApiException;
import io.neonclient.core.AuthException;
import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.testkit.TestCompute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recipes on a cluster with auth on: every storage call carries its scope's token (the testkit checks them
 * before routing, as upstream's auth middleware does) and every compute is driven with a token naming it.
 */
class AuthenticatedClusterIT {

    @Test
    void timeTravel_withComputes_runsWithPerScopeAndPerComputeTokens() {
        try (ComputeCluster env = ComputeCluster.start(2, true)) {
            ComputeClient before = env.startCompute();
            TimeTravelIT.History h = TimeTravelIT.history(env);
            TimeTravelIT.recipe(env, h)
                    .withPageservers(n -> PageserverClient.builder().baseUri("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort())
                            .config(env.storcon.config()).build())
                    .run(e -> { });
            TimeTravelIT.assertRewoundAndServed(env, h);
            assertEquals(ComputeStatus.TERMINATED, before.status().status());
        }
    }

    @Test
    void timeTravel_withItsDefaultPageserverClients_scansAndVerifiesWithThePageserverToken() {
        try (ComputeCluster env = ComputeCluster.start(2, true)) {
            env.startCompute();
            TimeTravelIT.History h = TimeTravelIT.history(env);
            RecipeResult r = TimeTravelIT.recipe(env, h).run(e -> { });
            assertEquals(List.of(2), r.value(TimeTravel.CHECK).shardCounts(), "remote storage scanned with the pageserverapi token");
            assertEquals(2, r.value(TimeTravel.VERIFY), "each shard's pageserver asked with the pageserverapi token");
            TimeTravelIT.assertRewoundAndServed(env, h);
        }
    }

    @Test
    void pointInTimeRecovery_branchesAndStartsAComputeWithItsToken() {
        try (ComputeCluster env = ComputeCluster.start(2, true)) {
            env.advance(Duration.ofMinutes(1));
            Lsn good = env.write(8 * 1024);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(32 * 1024);
            TimelineId branch = TimelineId.generate();
            PointInTimeRecoveryIT.recipe(env, at, branch).run(e -> { });
            PointInTimeRecoveryIT.assertBranchedWithCompute(env, branch, good);
        }
    }

    @Test
    void aComputeClientWithoutItsToken_getsTypedErrorsCarryingTheStatus() {
        try (ComputeCluster env = ComputeCluster.start(2, true)) {
            TestCompute compute = env.cluster.newCompute();
            TestCompute other = env.cluster.newCompute();

            ApiException missing = assertThrows(ApiException.class, () -> ComputeClient.create(compute.uri().toString()).status());
            assertEquals(400, missing.status());
            assertEquals("invalid authorization token", missing.serverMessage());

            AuthException foreign = assertThrows(AuthException.class, () -> ComputeClient.builder().baseUri(compute.uri())
                    .configure(c -> c.withBearerToken(env.cluster.computeToken(other))).build().status());
            assertEquals(403, foreign.status());
            assertTrue(foreign.getMessage().contains("invalid compute ID"), foreign.getMessage());

            assertEquals(ComputeStatus.EMPTY, ComputeClient.builder().baseUri(compute.uri()).config(env.storcon.config()).build()
                    .status().status(), "compute_ctl:admin with the compute audience opens any compute");
            assertEquals(ComputeStatus.EMPTY, ComputeClient.builder().baseUri(compute.uri())
                    .configure(c -> c.withBearerToken(env.cluster.computeToken(compute))).build().status().status());
        }
    }
}
