package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeMetrics;
import io.neonclient.core.AuthException;
import io.neonclient.core.BadRequestException;
import io.neonclient.core.NotFoundException;
import io.neonclient.testkit.TestCompute;
import org.junit.jupiter.api.Test;

/** {@link ComputeClient#metrics()} and {@link ComputeClient#refreshConfiguration()} against the testkit's compute_ctl. */
class ComputeClientIT {

    @Test
    void metrics_recordTheStart_andRefreshIsNotOnTheExternalListener() {
        try (ComputeCluster env = ComputeCluster.start(2, true)) {
            ComputeClient compute = env.startCompute();
            ComputeMetrics m = compute.metrics();
            assertTrue(m.basebackupBytes() > 0, m.toString());
            assertTrue(m.totalStartupMs() >= m.basebackupMs(), m.toString());
            assertEquals(0, m.numExtDownloaded());
            assertThrows(NotFoundException.class, compute::refreshConfiguration,
                    "compute_tools/src/http/server.rs serves /refresh_configuration on the internal listener only");

            TestCompute idle = env.cluster.newCompute();
            ComputeClient anonymous = ComputeClient.create(idle.uri().toString());
            assertThrows(BadRequestException.class, anonymous::metrics, "no bearer token: 400");
            ComputeClient own = anonymous.toBuilder().configure(c -> c.withBearerToken(env.cluster.computeToken(idle))).build();
            assertEquals(new ComputeMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), own.metrics());
            ComputeClient foreign = anonymous.toBuilder().configure(c -> c.withBearerToken(env.cluster.computeToken(env.cluster.newCompute()))).build();
            assertThrows(AuthException.class, foreign::metrics);
        }
    }
}
