package io.neonclient.admin;

import io.neonclient.core.ClientConfig;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import io.neonclient.testkit.NeonTestCluster;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Shared set-up for recipe ITs on the testkit. */
final class RecipeHarness {
    private RecipeHarness() {}

    /** Millisecond polling with a deadline generous enough for a loaded CI machine. */
    static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(60), Duration.ofMillis(10), Duration.ofMillis(100), 0.2);

    static StorageControllerClient storcon(NeonTestCluster cluster) {
        return StorageControllerClient.builder().baseUri(cluster.storageController()).config(ClientConfig.defaults().withWaitPolicy(WAIT)
                .withRetryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))).build();
    }

    /** A bootstrap of every pageserver and safekeeper of {@code cluster}, and a 2-shard Attached(1) tenant with a timeline. */
    static ClusterBootstrap.Builder bootstrap(NeonTestCluster cluster, StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {
        ClusterBootstrap.Builder b = ClusterBootstrap.builder(storcon).waitPolicy(WAIT);
        cluster.pageservers().forEach((id, uri) -> b.pageserver(register(cluster, id, uri)));
        cluster.safekeepers().forEach((id, uri) -> b.safekeeper(
                UpsertSafekeeperRequest.of(NodeId.of(id), "local", uri.getHost(), 5454, uri.getPort(), "az-a")));
        return b.tenant(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .timeline(timeline, 16);
    }

    static RegisterNodeRequest register(NeonTestCluster cluster, long id, URI http) {
        return RegisterNodeRequest.of(NodeId.of(id), http.getHost(), cluster.pageserverPgPort(id), http.getHost(), http.getPort(), "az-a");
    }

    /** Bootstraps and returns the client; for ITs of the other recipes. */
    static StorageControllerClient bootstrapped(NeonTestCluster cluster, TenantId tenant, TimelineId timeline) {
        StorageControllerClient storcon = storcon(cluster);
        bootstrap(cluster, storcon, tenant, timeline).build().run(e -> { });
        return storcon;
    }

    /** Thrown by {@link #crashAt} to stand for the process dying. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String at) {
            super("simulated crash at " + at);
        }
    }

    /** A listener that records events and "kills the process" the first time {@code when} matches. */
    static final class Crash implements Consumer<RecipeEvent> {
        final List<RecipeEvent> events = new ArrayList<>();
        private final Predicate<RecipeEvent> when;
        private boolean crashed;

        Crash(Predicate<RecipeEvent> when) {
            this.when = when;
        }

        @Override
        public void accept(RecipeEvent e) {
            events.add(e);
            if (!crashed && when.test(e)) {
                crashed = true;
                throw new SimulatedCrash(e.toString());
            }
        }

        boolean crashed() {
            return crashed;
        }
    }

    static Predicate<RecipeEvent> finished(String stepId) {
        return e -> e instanceof StepFinished f && f.step().name().equals(stepId);
    }

    /** The first sign that a step has sent its request and is waiting, or its end when it does not wait. */
    static Predicate<RecipeEvent> midStep(String stepId) {
        return e -> (e instanceof StillWaiting || e instanceof StepFinished) && e.step().name().equals(stepId);
    }

    /** Runs until the crash, tolerating how it surfaces (directly, or as the step's failure). */
    static void runUntilCrash(Recipe recipe, Crash crash) {
        try {
            recipe.run(crash);
        } catch (SimulatedCrash | RecipeFailedException expected) {
            // the "process" died here
        }
        if (!crash.crashed()) {
            throw new AssertionError("the run never reached the crash point: " + crash.events);
        }
    }
}
