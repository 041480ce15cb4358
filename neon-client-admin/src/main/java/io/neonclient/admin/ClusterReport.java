package io.neonclient.admin;

import io.neonclient.core.Lsn;
import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineState;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.pageserver.ShardLocationConfig;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The runbook's "Diagnostics" in one read-only call: nodes (availability, scheduling, AZ, shard counts), each shard's
 * intended placement against what its pageservers report ({@code GET /v1/location_config}), {@code last_error},
 * pending compute notifications, reconciles in flight, imbalance, safekeepers and each timeline's WAL receiver state,
 * with a list of findings an operator should look at. Print {@link #toText()} or ship {@link #toJson()}.
 *
 * <p>Refuses nothing and can destroy nothing: it sends only {@code GET}s.
 *
 * @param takenAt     when it was collected
 * @param nodes       pageservers as the controller sees them
 * @param shards      every shard of every tenant the controller holds in memory
 * @param timelines   each tenant's timelines as shard 0 reports them
 * @param safekeepers registered safekeepers
 * @param findings    what looks wrong, one line each; empty when healthy
 */
public record ClusterReport(Instant takenAt, List<NodeRow> nodes, List<ShardRow> shards, List<TimelineRow> timelines,
                            List<SafekeeperRow> safekeepers, List<String> findings) {

    /**
     * One pageserver as the report sees it.
     *
     * @param attached    shards attached here (intent)
     * @param secondaries secondary locations here (intent)
     */
    public record NodeRow(NodeId id, String availability, String scheduling, String availabilityZone, int attached, int secondaries) {}

    /**
     * One shard as the report sees it: the controller's intent beside what the pageservers observe.
     *
     * @param observed location mode per node as the pageservers report it ({@code AttachedSingle}, {@code Secondary}, …);
     *                 empty when pageservers were not asked
     */
    public record ShardRow(TenantShardId id, Optional<NodeId> attachedNode, List<NodeId> secondaryNodes, Map<NodeId, String> observed,
                           String lastError, boolean reconciling, boolean pendingComputeNotification) {}

    public record TimelineRow(TenantShardId shard, TimelineId timelineId, Lsn lastRecordLsn, String state, String walReceiver) {}

    public record SafekeeperRow(NodeId id, String host, String schedulingPolicy) {}

    /** How far collection has come: {@code phase} is {@code location_config} or {@code timelines}; {@code done} of {@code total} calls. */
    public record Progress(String phase, int done, int total) {}

    /** Reads the controller only: {@code GET /control/v1/node}, {@code GET /control/v1/tenant}, safekeepers and timelines. */
    public static ClusterReport collect(StorageControllerClient storcon) {
        return collect(storcon, null);
    }

    /**
     * As {@link #collect(StorageControllerClient, Function)} for a fleet: at most {@code concurrency} calls in flight at
     * a time (the per-pageserver {@code GET /v1/location_config} and per-tenant {@code GET /v1/tenant/{tenant_id}/timeline}),
     * reporting {@link Progress} after each.
     *
     * @param pageservers a client for a node, or null to ask the controller only
     * @param concurrency calls in flight at most, 1..256
     * @param progress    told after each call; called from several threads, one call at a time
     */
    public static ClusterReport collect(StorageControllerClient storcon, Function<Node, PageserverClient> pageservers, int concurrency,
                                       Consumer<Progress> progress) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(progress, "progress");
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be 1..256, got " + concurrency);
        }
        return collect(storcon, pageservers, new Bounded(concurrency, progress));
    }

    /**
     * Also asks every Active pageserver what it holds ({@code GET /v1/location_config}) to compare with the intent.
     *
     * @param pageservers a client for a node, e.g. {@code node -> PageserverClient.create("http://" + node.listenHttpAddr() + ":" + node.listenHttpPort())}
     */
    public static ClusterReport collect(StorageControllerClient storcon, Function<Node, PageserverClient> pageservers) {
        return collect(storcon, pageservers, new Bounded(8, p -> { }));
    }

    /** Runs calls on virtual threads, at most {@code limit} at a time, in the order given, reporting progress. */
    private record Bounded(int limit, Consumer<Progress> progress) {
        <T, R> List<R> map(String phase, List<T> inputs, Function<T, R> call) {
            List<R> out = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), null));
            Semaphore slots = new Semaphore(limit);
            AtomicInteger done = new AtomicInteger();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    int index = i;
                    slots.acquireUninterruptibly();
                    futures.add(pool.submit(() -> {
                        try {
                            out.set(index, call.apply(inputs.get(index)));
                        } finally {
                            slots.release();
                            int d = done.incrementAndGet();
                            synchronized (this) {
                                progress.accept(new Progress(phase, d, inputs.size()));
                            }
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while collecting the report", e);
                    }
                }
            }
            return out;
        }
    }

    /** What one pageserver said it holds, or why it did not say. */
    private record Held(Node node, List<ShardLocationConfig> configs, String failure) {}

    private static ClusterReport collect(StorageControllerClient storcon, Function<Node, PageserverClient> pageservers, Bounded bounded) {
        List<Node> nodes = storcon.nodes().list();
        List<TenantDescription> tenants = storcon.tenants().list().toList();
        List<String> findings = new ArrayList<>();

        Map<NodeId, Map<TenantShardId, String>> observed = new LinkedHashMap<>();
        Map<TenantShardId, List<NodeId>> attachedObserved = new LinkedHashMap<>();
        if (pageservers != null) {
            List<Node> active = nodes.stream().filter(n -> n.availability() == NodeAvailability.ACTIVE).toList();
            for (Held held : bounded.map("location_config", active, n -> {
                try {
                    return new Held(n, pageservers.apply(n).locationConfigs(), null);
                } catch (NeonException e) {
                    return new Held(n, List.of(), e.getMessage());
                }
            })) {
                Node n = held.node();
                if (held.failure() != null) {
                    findings.add("pageserver " + n.id() + " did not answer GET /v1/location_config: " + held.failure());
                    continue;
                }
                Map<TenantShardId, String> modes = new LinkedHashMap<>();
                for (ShardLocationConfig c : held.configs()) {
                    modes.put(c.shard(), c.config().map(l -> l.mode().toString()).orElse("(in transition)"));
                    if (c.config().filter(l -> l.mode().isAttached()).isPresent()) {
                        attachedObserved.computeIfAbsent(c.shard(), k -> new ArrayList<>()).add(n.id());
                    }
                }
                observed.put(n.id(), modes);
            }
        }
        Map<NodeId, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        if (nodes.isEmpty()) {
            findings.add("no pageservers are registered: no shard can be placed (register them: POST /control/v1/node)");
        } else if (nodes.stream().noneMatch(n -> n.availability() == NodeAvailability.ACTIVE && n.scheduling() == NodeSchedulingPolicy.ACTIVE)) {
            findings.add("no pageserver is schedulable (Active, with scheduling Active): new shards and secondaries have nowhere to go");
        }

        List<ShardRow> shards = new ArrayList<>();
        Map<NodeId, int[]> counts = new LinkedHashMap<>();
        nodes.forEach(n -> counts.put(n.id(), new int[2]));
        for (TenantDescription t : tenants) {
            for (ShardDescription s : t.shards()) {
                Map<NodeId, String> seen = new LinkedHashMap<>();
                observed.forEach((node, modes) -> {
                    String mode = modes.get(s.id());
                    if (mode != null) {
                        seen.put(node, mode);
                    }
                });
                shards.add(new ShardRow(s.id(), s.attachedNode(), s.secondaryNodes(), seen, s.lastError(), s.isReconciling(),
                        s.isPendingComputeNotification()));
                s.attachedNode().ifPresent(n -> counts.computeIfAbsent(n, k -> new int[2])[0]++);
                s.secondaryNodes().forEach(n -> counts.computeIfAbsent(n, k -> new int[2])[1]++);
                findShardProblems(s, seen, attachedObserved.getOrDefault(s.id(), List.of()), !observed.isEmpty(), findings);
                findPolicyProblems(t.policy(), s, byId, findings);
            }
        }

        List<NodeRow> nodeRows = new ArrayList<>();
        for (Node n : nodes) {
            int[] c = counts.getOrDefault(n.id(), new int[2]);
            nodeRows.add(new NodeRow(n.id(), String.valueOf(n.availability()), String.valueOf(n.scheduling()), n.availabilityZoneId(), c[0], c[1]));
            if (n.availability() != NodeAvailability.ACTIVE) {
                findings.add("node " + n.id() + " is " + n.availability() + " (scheduling " + n.scheduling() + ")");
            }
        }
        List<Integer> attachedOnActive = nodeRows.stream().filter(r -> r.availability().equals(String.valueOf(NodeAvailability.ACTIVE)))
                .map(NodeRow::attached).toList();
        if (attachedOnActive.size() > 1) {
            int max = attachedOnActive.stream().max(Integer::compare).orElse(0);
            int min = attachedOnActive.stream().min(Integer::compare).orElse(0);
            if (max - min > 1) {
                findings.add("attached shards are imbalanced across Active nodes: " + min + " to " + max
                        + " (the optimiser evens this out unless scheduling is Essential/Pause/Stop)");
            }
        }

        List<TimelineRow> timelines = new ArrayList<>();
        List<TenantDescription> attachedTenants = tenants.stream().filter(t -> t.shards().stream().anyMatch(s -> s.attachedNode().isPresent())).toList();
        List<Object> listed = bounded.map("timelines", attachedTenants, t -> {
            try {
                return storcon.tenant(t.tenantId()).timelines().list();
            } catch (NeonException e) {
                return e;
            }
        });
        for (int i = 0; i < attachedTenants.size(); i++) {
            TenantDescription t = attachedTenants.get(i);
            if (listed.get(i) instanceof NeonException e) {
                findings.add("timelines of " + t.tenantId() + " could not be listed: " + e.getMessage());
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Timeline> list = (List<Timeline>) listed.get(i);
            for (Timeline tl : list) {
                timelines.add(new TimelineRow(tl.tenantShardId(), tl.timelineId(), tl.lastRecordLsn(), tl.state().toString(),
                        tl.walreceiverStatus()));
                if (tl.state() instanceof TimelineState.Broken broken) {
                    findings.add("timeline " + tl.timelineId() + " of " + t.tenantId() + " is Broken: " + broken.reason());
                }
            }
        }

        List<SafekeeperRow> sks = new ArrayList<>();
        for (Safekeeper sk : storcon.safekeepers().list()) {
            sks.add(new SafekeeperRow(sk.id(), sk.host() + ":" + sk.port(), String.valueOf(sk.schedulingPolicy())));
            if (sk.schedulingPolicy() != SkSchedulingPolicy.ACTIVE) {
                findings.add("safekeeper " + sk.id() + " is " + sk.schedulingPolicy());
            }
        }
        return new ClusterReport(Instant.now(), nodeRows, shards, timelines, sks, findings);
    }

    /**
     * Placement against policy, as the controller's scheduler intends it ({@code storage_controller/src/tenant_shard.rs}
     * {@code schedule}): {@code Attached(n)} is one attached location and {@code n} secondaries, {@code Secondary} one
     * secondary and no attachment, {@code Detached} nothing; an attachment on a node that is not Active serves nobody.
     * A shard being reconciled is in transit and judged on the next report.
     */
    private static void findPolicyProblems(PlacementPolicy policy, ShardDescription s, Map<NodeId, Node> nodes, List<String> findings) {
        s.attachedNode().map(nodes::get).filter(n -> n.availability() != NodeAvailability.ACTIVE).ifPresent(n ->
                findings.add("shard " + s.id() + " is attached on node " + n.id() + ", which is " + n.availability()
                        + ": its computes cannot be served until it fails over"));
        if (s.isReconciling() || s.isSplitting()) {
            return;
        }
        switch (policy) {
            case PlacementPolicy.Attached a -> {
                if (s.attachedNode().isEmpty()) {
                    findings.add("shard " + s.id() + " is attached nowhere (policy " + policy + ")");
                }
                // A secondary on a node that is not Active protects nothing; the controller also keeps one there when it demotes an
                // attachment off a node that went away (tenant_shard.rs demote_attached), which is not an extra secondary.
                int have = (int) s.secondaryNodes().stream().map(nodes::get)
                        .filter(n -> n != null && n.availability() == NodeAvailability.ACTIVE).count();
                if (have < a.secondaries()) {
                    findings.add("shard " + s.id() + " has " + have + " of the " + a.secondaries() + " secondaries its policy " + policy
                            + " asks for" + (have < s.secondaryNodes().size() ? " on Active nodes" : "")
                            + ": a node loss is an outage until it is re-attached");
                } else if (have > a.secondaries()) {
                    findings.add("shard " + s.id() + " has " + have + " secondaries, more than its policy " + policy + " asks for");
                }
            }
            case PlacementPolicy.Secondary sec -> {
                if (s.attachedNode().isPresent()) {
                    findings.add("shard " + s.id() + " is attached on node " + s.attachedNode().get() + " but its policy is " + policy);
                }
                if (s.secondaryNodes().isEmpty()) {
                    findings.add("shard " + s.id() + " has no secondary location (policy " + policy + ")");
                }
            }
            case PlacementPolicy.Detached d -> {
                if (s.attachedNode().isPresent() || !s.secondaryNodes().isEmpty()) {
                    findings.add("shard " + s.id() + " has locations but its policy is " + policy);
                }
            }
        }
    }

    private static void findShardProblems(ShardDescription s, Map<NodeId, String> seen, List<NodeId> attachedOn, boolean askedPageservers,
                                          List<String> findings) {
        if (!s.lastError().isEmpty()) {
            findings.add("shard " + s.id() + " last_error: " + s.lastError());
        }
        if (s.isPendingComputeNotification()) {
            findings.add("shard " + s.id() + " has a compute notification pending: computes may point at the old pageserver");
        }
        if (askedPageservers && s.attachedNode().isPresent() && !s.isReconciling()) {
            NodeId intended = s.attachedNode().get();
            if (!attachedOn.contains(intended)) {
                String mode = seen.get(intended);
                findings.add("shard " + s.id() + " should be attached on node " + intended + " but that pageserver reports "
                        + (mode == null ? "nothing" : mode));
            }
            if (attachedOn.stream().anyMatch(n -> !n.equals(intended))) {
                findings.add("shard " + s.id() + " is also attached on node(s) " + attachedOn.stream().filter(n -> !n.equals(intended)).toList()
                        + " (stale attachment: computes may be routed to the wrong shard)");
            }
        }
    }

    /** Number of shards being reconciled when the report was taken. */
    public long reconciling() {
        return shards.stream().filter(ShardRow::reconciling).count();
    }

    /** True when there are no findings. */
    public boolean isHealthy() {
        return findings.isEmpty();
    }

    /** The report as aligned text tables. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("Cluster report at ").append(takenAt).append('\n');
        out.append(String.format("%nNODES%n%-6s %-10s %-16s %-10s %8s %11s%n", "id", "avail", "scheduling", "az", "attached", "secondaries"));
        for (NodeRow n : nodes) {
            out.append(String.format("%-6s %-10s %-16s %-10s %8d %11d%n", n.id(), n.availability(), n.scheduling(),
                    n.availabilityZone(), n.attached(), n.secondaries()));
        }
        // A fleet's report lists only what is not ok (the JSON has every row); a small cluster's lists everything.
        boolean fleet = shards.size() > ROWS;
        List<ShardRow> shown = fleet ? shards.stream().filter(s -> !shardState(s).isEmpty()).toList() : shards;
        out.append(String.format("%nSHARDS (%d, %d reconciling%s)%n%-40s %-9s %-12s %-28s %s%n", shards.size(), reconciling(),
                fleet ? "; listing the " + shown.size() + " not ok, --output json has all" : "",
                "shard", "attached", "secondaries", "observed", "state"));
        for (ShardRow s : shown) {
            String state = shardState(s);
            out.append(String.format("%-40s %-9s %-12s %-28s %s%n", s.id(), s.attachedNode().map(NodeId::toString).orElse("-"),
                    nodeList(s.secondaryNodes()), s.observed().isEmpty() ? "-" : observedText(s.observed()), state.isEmpty() ? "ok" : state));
        }
        List<TimelineRow> shownTimelines = timelines.size() > ROWS ? timelines.stream().filter(t -> !t.state().equals("Active")).toList() : timelines;
        if (!timelines.isEmpty()) {
            out.append(String.format("%nTIMELINES (%d%s)%n%-40s %-34s %-14s %-8s %s%n", timelines.size(),
                    shownTimelines.size() < timelines.size() ? "; listing the " + shownTimelines.size() + " not Active" : "",
                    "shard", "timeline", "last_record", "state", "wal receiver"));
            for (TimelineRow t : shownTimelines) {
                out.append(String.format("%-40s %-34s %-14s %-8s %s%n", t.shard(), t.timelineId(), t.lastRecordLsn(), t.state(), t.walReceiver()));
            }
        }
        out.append(String.format("%nSAFEKEEPERS%n"));
        for (SafekeeperRow sk : safekeepers) {
            out.append(String.format("%-6s %-32s %s%n", sk.id(), sk.host(), sk.schedulingPolicy()));
        }
        out.append(String.format("%nFINDINGS%n"));
        if (findings.isEmpty()) {
            out.append("none: every node Active, every shard placed and idle\n");
        }
        findings.stream().limit(ROWS).forEach(f -> out.append("- ").append(f).append('\n'));
        if (findings.size() > ROWS) {
            out.append("- … and ").append(findings.size() - ROWS).append(" more findings (--output json lists them all)\n");
        }
        return out.toString();
    }

    /** Rows and findings a text report lists in full; above this it lists what is not ok. */
    private static final int ROWS = 50;

    private static String shardState(ShardRow s) {
        return ((s.reconciling() ? "reconciling " : "") + (s.pendingComputeNotification() ? "notify-pending " : "")
                + (s.lastError().isEmpty() ? "" : "error: " + s.lastError())).strip();
    }

    /** {@code 2,3}: node ids as Neon prints them, or {@code -}. */
    private static String nodeList(List<NodeId> nodes) {
        return nodes.isEmpty() ? "-" : String.join(",", nodes.stream().map(NodeId::toString).toList());
    }

    /** The report as JSON (snake_case, ids in their wire form). */
    public String toJson() {
        return Json.encodeToString(this);
    }

    /** {@code 1:AttachedSingle 2:Secondary}: node id and the mode its pageserver reports, in Neon's spelling. */
    private static String observedText(Map<NodeId, String> observed) {
        StringBuilder out = new StringBuilder();
        observed.forEach((node, mode) -> out.append(out.isEmpty() ? "" : " ").append(node).append(':').append(mode));
        return out.toString();
    }
}
