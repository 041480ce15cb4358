package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process dies inside the fleet, right after a compute was stopped or started: the re-run neither loses the
 * compute nor starts it twice.
 */
class ComputeCrashIT {

    /** A fleet that "kills the process" right after the first stop or start it performs. */
    static final class DyingFleet implements ComputeFleet {
        private final ComputeRegistry delegate;
        private final boolean onStop;
        private boolean died;

        DyingFleet(ComputeRegistry delegate, boolean onStop) {
            this.delegate = delegate;
            this.onStop = onStop;
        }

        @Override
        public List<ComputeClient> computesOf(TenantId tenant) {
            return delegate.computesOf(tenant);
        }

        @Override
        public ComputeClient start(ComputeSpec spec) {
            ComputeClient c = delegate.start(spec);
            dieOnce(!onStop);
            return c;
        }

        @Override
        public void stop(ComputeClient compute) {
            delegate.stop(compute);
            dieOnce(onStop);
        }

        private void dieOnce(boolean now) {
            if (now && !died) {
                died = true;
                throw new RecipeHarness.SimulatedCrash("inside the fleet");
            }
        }
    }

    static TimeTravel travel(ComputeCluster env, Instant to, ComputeFleet fleet, Path journal) {
        return TimeTravel.of(env.storcon, env.tenant).to(to).withShardCounts(2).withComputes(fleet).withClock(env.clock())
                .withWaitPolicy(RecipeHarness.WAIT).withJournal(Journal.file(journal));
    }

    static long running(ComputeCluster env) {
        return env.computes.computesOf(env.tenant).stream().filter(c -> c.status().status() == ComputeStatus.RUNNING).count();
    }

    void crashInsideTheFleet(boolean onStop, Path dir) {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.startCompute();
            env.advance(Duration.ofMinutes(1));
            env.write(8192);
            env.advance(Duration.ofMinutes(1));
            Instant to = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(8192);
            env.advance(Duration.ofMinutes(1));
            Path journal = dir.resolve("travel.json");

            assertThrows(RuntimeException.class, () -> travel(env, to, new DyingFleet(env.computes, onStop), journal).run(e -> { }));
            travel(env, to, env.computes, journal).run(e -> { });

            assertEquals(1, running(env), "exactly one compute runs on the timeline after the re-run");
        }
    }

    @Test
    void crashRightAfterStoppingACompute_rerunStillRestartsIt(@TempDir Path dir) {
        crashInsideTheFleet(true, dir);
    }

    @Test
    void crashRightAfterStartingACompute_rerunDoesNotStartASecond(@TempDir Path dir) {
        crashInsideTheFleet(false, dir);
    }
}
