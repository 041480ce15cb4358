package io.neonclient.admin;

import io.neonclient.core.Lsn;
import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.Timeline;
import io.neonclient.model.TimelineState;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.pageserver.ShardLocationConfig;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
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

    /** @param attached shards attached here (intent), @param secondaries secondary locations here (intent) */
    public record NodeRow(NodeId id, String availability, String scheduling, String availabilityZone, int attached, int secondaries) {}

    /**
     * @param observed location mode per node as the pageservers report it ({@code AttachedSingle}, {@code Secondary}, …);
     *                 empty when pageservers were not asked
     */
    public record ShardRow(TenantShardId id, Optional<NodeId> attachedNode, List<NodeId> secondaryNodes, Map<NodeId, String> observed,
                           String lastError, boolean reconciling, boolean pendingComputeNotification) {}

    public record TimelineRow(TenantShardId shard, TimelineId timelineId, Lsn lastRecordLsn, String state, String walReceiver) {}

    public record SafekeeperRow(NodeId id, String host, String schedulingPolicy) {}

    /** Reads the controller only: {@code GET /control/v1/node}, {@code GET /control/v1/tenant}, safekeepers and timelines. */
    public static ClusterReport collect(StorageControllerClient storcon) {
        return collect(storcon, null);
    }

    /**
     * Also asks every Active pageserver what it holds ({@code GET /v1/location_config}) to compare with the intent.
     *
     * @param pageservers a client for a node, e.g. {@code node -> PageserverClient.create("http://" + node.listenHttpAddr() + ":" + node.listenHttpPort())}
     */
    public static ClusterReport collect(StorageControllerClient storcon, Function<Node, PageserverClient> pageservers) {
        List<Node> nodes = storcon.nodes().list();
        List<TenantDescription> tenants = storcon.tenants().list().toList();
        List<String> findings = new ArrayList<>();

        Map<NodeId, Map<TenantShardId, String>> observed = new LinkedHashMap<>();
        Map<TenantShardId, List<NodeId>> attachedObserved = new LinkedHashMap<>();
        if (pageservers != null) {
            for (Node n : nodes) {
                if (n.availability() != NodeAvailability.ACTIVE) {
                    continue;
                }
                try {
                    Map<TenantShardId, String> modes = new LinkedHashMap<>();
                    for (ShardLocationConfig c : pageservers.apply(n).locationConfigs()) {
                        modes.put(c.shard(), c.config().map(l -> l.mode().toString()).orElse("(in transition)"));
                        if (c.config().filter(l -> l.mode().isAttached()).isPresent()) {
                            attachedObserved.computeIfAbsent(c.shard(), k -> new ArrayList<>()).add(n.id());
                        }
                    }
                    observed.put(n.id(), modes);
                } catch (NeonException e) {
                    findings.add("pageserver " + n.id() + " did not answer GET /v1/location_config: " + e.getMessage());
                }
            }
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
        for (TenantDescription t : tenants) {
            boolean attached = t.shards().stream().anyMatch(s -> s.attachedNode().isPresent());
            if (!attached) {
                continue;
            }
            try {
                for (Timeline tl : storcon.tenant(t.tenantId()).timelines().list()) {
                    timelines.add(new TimelineRow(tl.tenantShardId(), tl.timelineId(), tl.lastRecordLsn(), tl.state().toString(),
                            tl.walreceiverStatus()));
                    if (tl.state() instanceof TimelineState.Broken broken) {
                        findings.add("timeline " + tl.timelineId() + " of " + t.tenantId() + " is Broken: " + broken.reason());
                    }
                }
            } catch (NeonException e) {
                findings.add("timelines of " + t.tenantId() + " could not be listed: " + e.getMessage());
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
        out.append(String.format("%nSHARDS (%d, %d reconciling)%n%-40s %-9s %-12s %-28s %s%n", shards.size(), reconciling(),
                "shard", "attached", "secondaries", "observed", "state"));
        for (ShardRow s : shards) {
            String state = (s.reconciling() ? "reconciling " : "") + (s.pendingComputeNotification() ? "notify-pending " : "")
                    + (s.lastError().isEmpty() ? "" : "error: " + s.lastError());
            out.append(String.format("%-40s %-9s %-12s %-28s %s%n", s.id(), s.attachedNode().map(NodeId::toString).orElse("-"),
                    s.secondaryNodes(), s.observed().isEmpty() ? "-" : observedText(s.observed()), state.isEmpty() ? "ok" : state.strip()));
        }
        if (!timelines.isEmpty()) {
            out.append(String.format("%nTIMELINES%n%-40s %-34s %-14s %-8s %s%n", "shard", "timeline", "last_record", "state", "wal receiver"));
            for (TimelineRow t : timelines) {
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
        findings.forEach(f -> out.append("- ").append(f).append('\n'));
        return out.toString();
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
