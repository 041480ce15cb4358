package io.neonclient.testkit.internal.storcon;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The controller's {@code GET /metrics} in Prometheus text, with upstream's metric names and labels
 * (storage_controller/src/metrics.rs, {@code StorageControllerMetricGroup}) for the families upstream's tests read:
 * shards and nodes (gauges computed from the model when scraped), reconciles (counters kept as they happen) and the
 * leadership gauge. Counters end in {@code _total}, as the {@code measured} crate's text encoder writes them.
 */
public final class StorconMetrics {

    /** {@code ReconcileOutcome} (storage_controller/src/metrics.rs): the label values of a completed reconcile. */
    public enum ReconcileOutcome {
        SUCCESS("ok"), SUCCESS_NO_NOTIFY("ok_no_notify"), ERROR("error"), CANCEL("cancel");

        private final String label;

        ReconcileOutcome(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** {@code LeadershipStatus} (storage_controller/src/service.rs), labelled in snake case. */
    public enum LeadershipStatus {
        LEADER("leader"), STEPPED_DOWN("stepped_down"), CANDIDATE("candidate");

        private final String label;

        LeadershipStatus(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private long reconcileSpawn;
    private final Map<ReconcileOutcome, Long> reconcileComplete = new EnumMap<>(ReconcileOutcome.class);

    /** {@code storage_controller_reconcile_spawn}: a reconcile task was spawned (tenant_shard.rs {@code spawn_reconciler}). */
    synchronized void reconcileSpawned() {
        reconcileSpawn++;
    }

    /** {@code storage_controller_reconcile_complete{status}}: a reconcile ended with {@code outcome}. */
    synchronized void reconcileCompleted(ReconcileOutcome outcome) {
        reconcileComplete.merge(outcome, 1L, Long::sum);
    }

    /** The exposition text for {@code sc}'s current state; takes the controller's monitor. */
    String encode(Storcon sc) {
        StringBuilder b = new StringBuilder();
        synchronized (sc) {
            int shards = 0;
            int reconciling = 0;
            Map<Long, int[]> perNode = new TreeMap<>();
            sc.nodeList().forEach(n -> perNode.put(n.id(), new int[3]));
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    shards++;
                    if (s.reconciling()) {
                        reconciling++;
                    }
                    for (Map.Entry<Long, int[]> e : perNode.entrySet()) {
                        StorconNode n = sc.nodeOrNull(e.getKey());
                        if (s.onNode(n.id())) {
                            e.getValue()[0]++;
                            if (java.util.Objects.equals(s.preferredAz(), n.az())) {
                                e.getValue()[2]++;
                            }
                        }
                        if (s.attached() != null && s.attached() == n.id()) {
                            e.getValue()[1]++;
                        }
                    }
                }
            }
            gauge(b, "storage_controller_tenant_shards", "Number of tenant shards", shards);
            gauge(b, "storage_controller_pageserver_nodes", "Number of pageservers registered", sc.nodeList().size());
            gauge(b, "storage_controller_safekeeper_nodes", "Number of safekeepers registered", sc.safekeeperList().size());
            gauge(b, "storage_controller_pending_reconciles", "Shards with a reconcile running or due", reconciling);
            family(b, "storage_controller_node_shards", "gauge", "Shards whose intent includes the node");
            perNode.forEach((id, c) -> sample(b, "storage_controller_node_shards", nodeLabels(sc, id), c[0]));
            family(b, "storage_controller_node_attached_shards", "gauge", "Shards whose intent attaches them to the node");
            perNode.forEach((id, c) -> sample(b, "storage_controller_node_attached_shards", nodeLabels(sc, id), c[1]));
            family(b, "storage_controller_node_home_shards", "gauge", "Shards on the node in their preferred AZ");
            perNode.forEach((id, c) -> sample(b, "storage_controller_node_home_shards", nodeLabels(sc, id), c[2]));
            family(b, "storage_controller_leadership_status", "gauge", "Leadership status of this instance");
            LeadershipStatus now = sc.steppedDown() ? LeadershipStatus.STEPPED_DOWN : LeadershipStatus.LEADER;
            for (LeadershipStatus l : LeadershipStatus.values()) {
                sample(b, "storage_controller_leadership_status", "status=\"" + l + "\"", l == now ? 1 : 0);
            }
        }
        synchronized (this) {
            family(b, "storage_controller_reconcile_spawn_total", "counter", "Reconciles spawned");
            sample(b, "storage_controller_reconcile_spawn_total", null, reconcileSpawn);
            family(b, "storage_controller_reconcile_complete_total", "counter", "Reconciles completed, by outcome");
            for (ReconcileOutcome o : ReconcileOutcome.values()) {
                sample(b, "storage_controller_reconcile_complete_total", "status=\"" + o + "\"", reconcileComplete.getOrDefault(o, 0L));
            }
        }
        return b.toString();
    }

    private static String nodeLabels(Storcon sc, long id) {
        String az = sc.nodeOrNull(id).az();
        return "az=\"" + (az == null ? "" : az) + "\",node_id=\"" + id + "\"";
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        family(b, name, "gauge", help);
        sample(b, name, null, value);
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, long value) {
        b.append(name);
        if (labels != null) {
            b.append('{').append(labels).append('}');
        }
        b.append(' ').append(value).append('\n');
    }
}
