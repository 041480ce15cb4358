package io.neonclient.samples;

import io.neonclient.admin.ClusterBootstrap;
import io.neonclient.admin.ClusterReport;
import io.neonclient.admin.ComputeHook;
import io.neonclient.admin.ComputeStore;
import io.neonclient.admin.ComputeRegistry;
import io.neonclient.admin.NodeEvacuation;
import io.neonclient.admin.Placements;
import io.neonclient.admin.PointInTimeRecovery;
import io.neonclient.admin.ShardMove;
import io.neonclient.admin.TimeTravel;
import io.neonclient.admin.WalRecovery;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.TestCompute;
import java.io.PrintWriter;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops demo}: the seed runbook's "Example Run" end to end on an embedded simulated cluster, with the recipes:
 * bootstrap → stop pageserver 1 (shards fail over, the compute is re-pointed) → restart it (secondaries warm up) →
 * migrate shard 0102 back → time travel → point-in-time recovery branch → drain a node → pageserver corruption, rebuilt from
 * WAL → report.
 */
@Command(name = "demo", description = "Run the runbook's Example Run on an embedded simulated Neon cluster.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--time-scale", defaultValue = "100", description = "How much faster than upstream the simulation's intervals run.")
    double timeScale;

    private PrintWriter out;
    /** The testkit compute behind each registry id, to read back what the hook configured. */
    private final Map<String, TestCompute> launched = new ConcurrentHashMap<>();
    private int section;

    @Override
    public Integer call() {
        NeonOps.textOnly(spec, "prints a walkthrough for people");
        out = spec.commandLine().getOut();
        long start = System.nanoTime();
        WaitPolicy wait = new WaitPolicy(Duration.ofSeconds(60), Duration.ofMillis(20), Duration.ofMillis(200), 0.2);
        AtomicReference<StorageControllerClient> storcon = new AtomicReference<>();
        AtomicReference<NeonTestCluster> clusterRef = new AtomicReference<>();
        Path registry;
        try {
            Path tmp = Files.createTempDirectory("neon-demo-");
            registry = tmp.resolve("computes.json");
            // removed when the demo's JVM exits (in reverse order: file, lock, directory)
            tmp.toFile().deleteOnExit();
            tmp.resolve("computes.json.lock").toFile().deleteOnExit();
            registry.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("demo cannot create a temporary directory for the compute registry", e);
        }
        ComputeStore store = ComputeStore.file(registry);
        ComputeRegistry computes = new ComputeRegistry(s -> {
            TestCompute c = clusterRef.get().newCompute();
            ComputeClient client = ComputeClient.create(c.uri().toString());
            launched.put(ComputeRegistry.idOf(client), c);
            return client;
        }, ComputeCtlConfig.empty(), store);
        // The deployed form of the hook: its own HTTP listener with a registry file; the controller is told its address
        // at start-up, like upstream's --control-plane-url, and notifies it over HTTP.
        try (ComputeHook hook = ComputeHook.builder().listen("127.0.0.1:0").store(store).storageController(storcon::get)
                     .retryInterval(Duration.ofMillis(500)).start();
             NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(3).timeScale(timeScale)
                     .controlPlane(hook.uri(), null).build().start()) {
            clusterRef.set(cluster);
            storcon.set(StorageControllerClient.builder().baseUri(cluster.storageController()).config(ClientConfig.defaults()
                    .withWaitPolicy(wait).withRetryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))))
                    .build());
            out.println("Embedded cluster: storage controller " + cluster.storageController() + ", pageservers "
                    + cluster.pageservers().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                    + ", " + cluster.safekeepers().size() + " safekeepers; compute hook at " + hook.uri() + " (registry " + registry + ")");
            // The clock is simulated: intervals run timeScale times faster than upstream's, and the cluster's own time (which
            // time travel and PITR are given) starts at the moment printed here and moves as the demo advances it.
            out.printf("Simulated clock: the controller's intervals run %.0f× faster than upstream's (a 30 s heartbeat timeout takes"
                    + " %.1f s here); the cluster's time starts at %s and the demo moves it forward, so the times below are the cluster's,"
                    + " not this machine's.%n", timeScale, 30 / timeScale, cluster.now());
            demo(cluster, storcon.get(), computes, hook, wait);
        }
        out.printf("%nDemo finished in %.1fs: every step of the Example Run passed.%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private void section(String title) {
        out.printf("%n=== %d. %s%n", ++section, title);
        out.flush();
    }

    private void demo(NeonTestCluster cluster, StorageControllerClient storcon, ComputeRegistry computes, ComputeHook hook,
                      WaitPolicy wait) {
        TenantId tenant = TenantId.generate();
        TimelineId timeline = TimelineId.generate();

        section("Bootstrap: register pageservers and safekeepers, create a 2-shard Attached(1) tenant and its timeline");
        ClusterBootstrap.Builder bootstrap = ClusterBootstrap.builder(storcon).waitPolicy(wait);
        cluster.pageservers().forEach((id, uri) -> bootstrap.pageserver(RegisterNodeRequest.of(NodeId.of(id), uri.getHost(),
                cluster.pageserverPgPort(id), uri.getHost(), uri.getPort(), "az-a")));
        cluster.safekeepers().forEach((id, uri) -> bootstrap.safekeeper(
                UpsertSafekeeperRequest.of(NodeId.of(id), "local", uri.getHost(), 5454, uri.getPort(), "az-a")));
        bootstrap.tenant(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .timeline(timeline, 16);
        RecipeRunner.run(bootstrap.build(), out);

        ComputeSpec computeSpec = ComputeSpec.minimal(tenant, timeline).withPlacement(Placements.of(storcon, tenant));
        ComputeClient compute = computes.start(computeSpec);
        Lsn lsn = cluster.write(tenant, timeline, 64 * 1024);
        out.println("Compute running on " + placement(storcon, tenant) + "; wrote 64 KiB of WAL, last_record_lsn " + lsn);

        section("docker stop pageserver1: shards fail over to pageserver 2, the hook re-points the compute");
        cluster.stopPageserver(1);
        Waiter.await("every shard attached on node 2", wait, () -> storcon.tenant(tenant).describe(),
                d -> d.shards().stream().allMatch(s -> s.attachedNode().filter(NodeId.of(2)::equals).isPresent() && !s.isReconciling())
                        ? WaitVerdict.done() : WaitVerdict.pending(placement(d)), p -> out.println("      ... " + p.reason()));
        Waiter.await("compute re-pointed at node 2", wait, () -> launched.get(ComputeRegistry.idOf(compute)).pageserverNodes(),
                p -> !p.isEmpty() && p.values().stream().allMatch(n -> n == 2) ? WaitVerdict.done()
                        : WaitVerdict.pending("compute's spec points at " + p));
        require(compute.status().status() == ComputeStatus.RUNNING, "compute running after fail-over");
        out.println("Shards now " + placement(storcon, tenant) + "; the hook reconfigured the compute (no restart): " + computeView(compute)
                + ", " + compute.status().status() + "; WAL still flows: last_record_lsn " + cluster.write(tenant, timeline, 8192));

        section("Restart pageserver1: it re-attaches and takes warm secondaries");
        cluster.startPageserver(1);
        Waiter.await("node 1 Active", wait, () -> storcon.node(NodeId.of(1)).describe(),
                n -> n.availability() == NodeAvailability.ACTIVE ? WaitVerdict.done() : WaitVerdict.pending(n.availability().toString()));
        TenantDescription settled = Waiter.await("secondaries on node 1", wait, () -> storcon.tenant(tenant).describe(),
                d -> d.shards().stream().allMatch(s -> s.secondaryNodes().contains(NodeId.of(1)) && !s.isReconciling())
                        ? WaitVerdict.done() : WaitVerdict.pending(placement(d)));
        out.println("Shards " + placement(settled) + " with secondaries on node 1");

        section("Migrate shard 0102 back to pageserver1 (back to one attached shard per pageserver)");
        RecipeRunner.run(ShardMove.of(storcon, TenantShardId.parse(tenant + "-0102"), NodeId.of(1)).withWaitPolicy(wait), out);
        Waiter.await("compute follows shard 0102 to node 1", wait, () -> launched.get(ComputeRegistry.idOf(compute)).pageserverNodes(),
                p -> Long.valueOf(1).equals(p.get("0102")) ? WaitVerdict.done() : WaitVerdict.pending("compute's spec points at " + p));
        out.println("Shards " + placement(storcon, tenant) + "; the hook reconfigured the compute: " + computeView(compute));

        section("Time travel: rewind the tenant to before a bad write");
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn good = cluster.write(tenant, timeline, 16 * 1024);
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant goodTime = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn bad = cluster.write(tenant, timeline, 1024 * 1024);
        cluster.advanceClock(Duration.ofMinutes(1));
        out.println("Good state at " + goodTime + " (last_record_lsn " + good + "); then 1 MiB of bad writes up to " + bad);
        Clock simulated = new SimulatedClock(cluster);
        RecipeRunner.run(TimeTravel.of(storcon, tenant).to(goodTime).withShardCounts(2).withComputes(computes)
                .withClock(simulated).withWaitPolicy(wait), out);
        Lsn after = storcon.tenant(tenant).timeline(timeline).describe().lastRecordLsn();
        require(after.equals(good), "timeline rewound to " + good + " (is " + after + ")");
        out.println("Timeline is back at " + after + "; the restarted compute points at " + placement(storcon, tenant) + "; computes now: "
                + computes.computesOf(tenant).stream().map(this::computeView).collect(Collectors.joining("; ")));

        section("Point-in-time recovery: branch at a timestamp, with a compute on the branch");
        cluster.advanceClock(Duration.ofMinutes(1));
        Lsn before = cluster.write(tenant, timeline, 32 * 1024);
        cluster.advanceClock(Duration.ofMinutes(1));
        Instant pitrTime = cluster.now();
        cluster.advanceClock(Duration.ofMinutes(1));
        cluster.write(tenant, timeline, 32 * 1024);
        PointInTimeRecovery pitr = PointInTimeRecovery.of(storcon, tenant, timeline).at(pitrTime).withComputes(computes).withWaitPolicy(wait);
        TimelineId newBranch = RecipeRunner.run(pitr, out).value(PointInTimeRecovery.BRANCH);
        Lsn branchPoint = storcon.tenant(tenant).timeline(newBranch).describe().ancestorLsn().orElseThrow();
        require(branchPoint.equals(before), "branch point " + branchPoint + " is the last commit before " + pitrTime + " (" + before + ")");
        out.println("Branch " + newBranch + " starts at " + branchPoint + ", the last commit before " + pitrTime);

        section("Drain pageserver2 for maintenance, restart it, fill it again");
        RecipeRunner.run(NodeEvacuation.of(storcon, NodeId.of(2)).withWaitPolicy(wait).withRestarter(node -> {
            cluster.stopPageserver(node.value());
            cluster.startPageserver(node.value());
        }), out);

        walRecoveryAct(cluster, storcon, computes, tenant, wait);

        section("Cluster report");
        ClusterReport report = ClusterReport.collect(storcon,
                n -> io.neonclient.pageserver.PageserverClient.create("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort()));
        out.print(report.toText());
        out.flush();
        require(report.isHealthy(), "report has no findings");
    }

    /**
     * Pageserver corruption → rebuild from WAL: a root timeline with a compute turns Broken on the pageservers;
     * {@link WalRecovery} preserves its initdb, stops the compute, deletes it on the pageservers, re-creates it from the
     * initdb and the safekeepers' WAL, and starts the compute again.
     */
    private void walRecoveryAct(NeonTestCluster cluster, StorageControllerClient storcon, ComputeRegistry computes, TenantId tenant,
                                WaitPolicy wait) {
        section("Pageserver corruption: rebuild a timeline from its preserved initdb and the safekeepers' WAL");
        TimelineId orders = TimelineId.generate();
        storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(orders, 16));
        computes.start(ComputeSpec.minimal(tenant, orders).withPlacement(Placements.of(storcon, tenant))).running().await(wait, p -> { });
        Lsn end = cluster.write(tenant, orders, 256 * 1024);
        cluster.corruptTimeline(tenant, orders, "layer file checksum mismatch");
        out.println("Timeline " + orders + " holds WAL up to " + end + "; its pageserver state is now "
                + storcon.tenant(tenant).timeline(orders).describe().state());
        var safekeepers = cluster.safekeepers().values().stream()
                .map(uri -> SafekeeperClient.builder().baseUri(uri).config(storcon.config()).build()).toList();
        WalRecovery rebuild = WalRecovery.of(storcon, tenant, orders).withSafekeepers(safekeepers).withComputes(computes).withWaitPolicy(wait);
        RecipeRunner.run(rebuild, out);
        Timeline rebuilt = storcon.tenant(tenant).timeline(orders).describe();
        require(!rebuilt.isBroken() && rebuilt.lastRecordLsn().equals(end), "rebuilt timeline at " + end + " (is " + rebuilt.state()
                + " at " + rebuilt.lastRecordLsn() + ")");
        out.println("Timeline " + orders + " is " + rebuilt.state() + " again at " + rebuilt.lastRecordLsn() + ", the end of its WAL");
    }

    /** What a compute runs with, read back from the compute itself: each shard's pageserver in its own spec. */
    private String computeView(ComputeClient compute) {
        TestCompute c = launched.get(ComputeRegistry.idOf(compute));
        return ComputeRegistry.idOf(compute) + " " + c.pageserverNodes().entrySet().stream().map(e -> e.getKey() + "@node" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String placement(StorageControllerClient storcon, TenantId tenant) {
        return placement(storcon.tenant(tenant).describe());
    }

    private static String placement(TenantDescription d) {
        return d.shards().stream().map(s -> s.id().shardIndex() + "@node" + s.attachedNode().map(NodeId::toString).orElse("-")
                + (s.isReconciling() ? "(reconciling)" : "")).collect(Collectors.joining(" "));
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("demo check failed: " + what);
        }
    }

    /** The simulation's wall clock as a {@link Clock}. */
    private static final class SimulatedClock extends Clock {
        private final NeonTestCluster cluster;

        SimulatedClock(NeonTestCluster cluster) {
            this.cluster = cluster;
        }

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
    }
}
