package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.NeonTestClusterBuilder;
import io.neonclient.testkit.TestCompute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A bootstrapped testkit cluster (2-shard {@code Attached(1)} tenant with one timeline) whose controller notifies a
 * {@link ComputeHook} over HTTP, and a {@link ComputeRegistry} on the hook's store that launches computes on the
 * testkit, wired as {@code samples/.../DemoCommand.java} does.
 */
final class ComputeCluster implements AutoCloseable {
    final NeonTestCluster cluster;
    final StorageControllerClient storcon;
    final ComputeRegistry computes;
    final ComputeHook hook;
    final Map<String, TestCompute> launched;
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    private ComputeCluster(NeonTestCluster cluster, StorageControllerClient storcon, ComputeRegistry computes, ComputeHook hook,
                           Map<String, TestCompute> launched) {
        this.cluster = cluster;
        this.storcon = storcon;
        this.computes = computes;
        this.hook = hook;
        this.launched = launched;
    }

    /** Starts the hook, then the cluster pointing at it, and bootstraps the tenant. */
    static ComputeCluster start(int pageservers) {
        return start(pageservers, false);
    }

    /**
     * As {@link #start(int)}; with {@code auth} every component checks tokens, the clients carry the cluster's
     * per-scope tokens and each compute is driven with a token naming it alone.
     */
    static ComputeCluster start(int pageservers, boolean auth) {
        return start(pageservers, auth, b -> b);
    }

    /** As {@link #start(int, boolean)}, with more cluster settings (e.g. slower reconciles). */
    static ComputeCluster start(int pageservers, boolean auth, UnaryOperator<NeonTestClusterBuilder> more) {
        return start(pageservers, auth, more, ComputeStore.inMemory());
    }

    /** As {@link #start(int, boolean, UnaryOperator)}, with the hook's registry in {@code store}. */
    static ComputeCluster start(int pageservers, boolean auth, UnaryOperator<NeonTestClusterBuilder> more, ComputeStore store) {
        AtomicReference<StorageControllerClient> storcon = new AtomicReference<>();
        AtomicReference<NeonTestCluster> clusterRef = new AtomicReference<>();
        Map<String, TestCompute> launched = new ConcurrentHashMap<>();
        ComputeRegistry computes = new ComputeRegistry(s -> {
            TestCompute c = clusterRef.get().newCompute();
            String token = clusterRef.get().computeToken(c);
            ComputeClient client = ComputeClient.builder().baseUri(c.uri())
                    .configure(config -> token == null ? config : config.withBearerToken(token)).build();
            launched.put(ComputeRegistry.idOf(client), c);
            return client;
        }, ComputeCtlConfig.empty(), store);
        // The hook listens first: the controller gets its address at start-up (upstream --control-plane-url).
        ComputeHook hook = hook(store, storcon::get, launched, clusterRef::get, b -> b);
        try {
            NeonTestCluster cluster = more.apply(NeonTestCluster.builder().pageservers(pageservers).safekeepers(1)
                    .controlPlane(hook.uri(), null).auth(auth)).build().start();
            clusterRef.set(cluster);
            storcon.set(RecipeHarness.storcon(cluster).toBuilder().configure(c -> c.withTokens(cluster.tokens())).build());
            ComputeCluster env = new ComputeCluster(cluster, storcon.get(), computes, hook, launched);
            RecipeHarness.bootstrap(cluster, env.storcon, env.tenant, env.timeline).build().run(e -> { });
            return env;
        } catch (RuntimeException e) {
            hook.close();
            throw e;
        }
    }

    /** A compute hook on {@code store} following the cluster, with each launched compute's token. */
    static ComputeHook hook(ComputeStore store, Supplier<StorageControllerClient> storcon, Map<String, TestCompute> launched,
                            Supplier<NeonTestCluster> cluster, UnaryOperator<ComputeHook.Builder> more) {
        return more.apply(ComputeHook.builder().store(store).storageController(storcon).retryInterval(Duration.ofMillis(200))
                .computeTokens(r -> launched.containsKey(r.computeId()) ? cluster.get().computeToken(launched.get(r.computeId())) : null))
                .start();
    }

    /** The testkit compute behind a registry client. */
    TestCompute testCompute(ComputeClient c) {
        return launched.get(ComputeRegistry.idOf(c));
    }

    /** A compute on the tenant's timeline, configured against the controller's current placement and registered. */
    ComputeClient startCompute() {
        ComputeClient c = computes.start(ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant)));
        c.running().await(RecipeHarness.WAIT, progress -> { });
        return c;
    }

    /** Commits {@code bytes} of WAL on the timeline at the simulation's "now". */
    Lsn write(long bytes) {
        return cluster.write(tenant, timeline, bytes);
    }

    void advance(Duration by) {
        cluster.advanceClock(by);
    }

    Instant now() {
        return cluster.now();
    }

    /** The simulation's wall clock as a {@link Clock}, for recipes that compare times with "now". */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return cluster.now();
            }
        };
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            hook.close();
        }
    }
}
