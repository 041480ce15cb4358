package io.neonclient.testkit.internal.storcon;

import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.testkit.internal.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controller's pageserver registry (storage_controller/src/service.rs): {@code node_register},
 * {@code node_list}, {@code get_node}, {@code node_configure}, {@code get_node_shards}, {@code start_node_drain},
 * {@code start_node_fill}, {@code start_node_delete}, their {@code cancel_node_*} and {@code node_delete_old}. Each
 * method takes the {@link Storcon} monitor for its reads and changes and does its waiting and its calls to
 * pageservers without it.
 */
public final class StorconNodes {
    private final Storcon sc;
    private final Heartbeats heartbeats;
    private final NodeOperations ops;

    public StorconNodes(Storcon sc, Heartbeats heartbeats, NodeOperations ops) {
        this.sc = sc;
        this.heartbeats = heartbeats;
        this.ops = ops;
    }

    /** The background node operations upstream runs (background_node_operations.rs {@code Operation}). */
    public enum OperationKind {
        DRAIN("Drain", NodeSchedulingPolicy.DRAINING, "drained"),
        FILL("Fill", NodeSchedulingPolicy.FILLING, "filled"),
        DELETE("Delete", NodeSchedulingPolicy.DELETING, "deleted");

        private final String wire;
        private final NodeSchedulingPolicy busy;
        private final String verb;

        OperationKind(String wire, NodeSchedulingPolicy busy, String verb) {
            this.wire = wire;
            this.busy = busy;
            this.verb = verb;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /**
     * service.rs {@code node_register}: a new node starts {@code Offline} until its first heartbeat; registering again
     * with the same addresses is accepted (and updates the optional fields), with others it is a conflict; a deleted
     * node's id stays taken.
     */
    public void nodeRegister(long id, StorconNode.Registration registration) {
        synchronized (sc) {
            if (sc.tombstoned(id)) {
                throw HttpError.conflict("Node " + id + " is already exists");
            }
            StorconNode n = sc.nodeOrNull(id);
            if (n == null) {
                sc.addNode(new StorconNode(id, registration));
                return;
            }
            if (!n.registration().sameAddresses(registration)) {
                throw HttpError.conflict("Node is already registered with different address");
            }
            n.register(registration);
        }
    }

    /** service.rs {@code node_list}: every registered node, by id. */
    public List<StorconNode> nodeList() {
        synchronized (sc) {
            return new ArrayList<>(sc.nodeList());
        }
    }

    /**
     * service.rs {@code node_configure}: refused while a background operation runs. Setting {@code Offline} fails the
     * node's attached shards over (heartbeater.rs's transition); setting {@code Active} counts as a heartbeat and
     * reconciles what is intended there.
     */
    public void nodeConfigure(long id, Optional<NodeAvailability> availability, Optional<NodeSchedulingPolicy> scheduling) {
        boolean offline = false;
        boolean active = false;
        synchronized (sc) {
            StorconNode n = sc.node(id);
            if (sc.operation() != null) {
                throw HttpError.precondition("Ongoing background operation forbids configuring: " + sc.operation().kind()
                        + " of node " + sc.operation().node());
            }
            if (availability.isPresent() && !availability.get().equals(n.availability())) {
                offline = availability.get() == NodeAvailability.OFFLINE;
                active = availability.get() == NodeAvailability.ACTIVE;
                n.availability(availability.get());
                if (active) {
                    n.heardFrom(System.nanoTime());
                }
            }
            scheduling.ifPresent(n::scheduling);
        }
        if (offline) {
            heartbeats.setOffline(id);
        } else if (active) {
            heartbeats.activate(id);
        }
    }

    /**
     * One shard on a node as {@code get_node_shards} reports it: whether it is intended or observed there as a secondary,
     * empty when it is not intended (resp. observed) there at all.
     */
    public record NodeShard(String tenantShardId, Optional<Boolean> isIntendedSecondary, Optional<Boolean> isObservedSecondary) {}

    /** service.rs {@code get_node_shards}: every shard intended or observed on the node. */
    public List<NodeShard> getNodeShards(long id) {
        synchronized (sc) {
            sc.node(id);
            List<NodeShard> out = new ArrayList<>();
            for (ShardState s : sc.allShards()) {
                boolean intended = s.onNode(id);
                LocationConfigMode observed = s.observed().get(id);
                if (!intended && observed == null) {
                    continue;
                }
                out.add(new NodeShard(s.id().toString(), intended ? Optional.of(s.secondaries().contains(id)) : Optional.empty(),
                        observed == null ? Optional.empty() : Optional.of(observed == LocationConfigMode.SECONDARY)));
            }
            return out;
        }
    }

    /**
     * service.rs {@code start_node_drain}, {@code start_node_fill} and {@code start_node_delete}: one background
     * operation at a time, on an available node (delete: any) whose policy allows it; the node's scheduling policy
     * becomes the busy one and the operation runs on its own thread.
     */
    public void startNodeOperation(long id, OperationKind kind, boolean force) {
        Storcon.NodeOperation op = new Storcon.NodeOperation(kind.toString(), id);
        synchronized (sc) {
            StorconNode n = sc.node(id);
            if (sc.operation() != null) {
                throw HttpError.precondition("Background operation already ongoing for node: " + sc.operation().kind()
                        + " (node_id=" + sc.operation().node() + ")");
            }
            if (kind != OperationKind.DELETE && n.availability() != NodeAvailability.ACTIVE) {
                throw HttpError.unavailable("Node " + id + " is currently unavailable");
            }
            long schedulable = sc.nodeList().stream().filter(StorconNode::schedulable).count();
            if (kind == OperationKind.FILL ? sc.nodeList().size() < 2 : schedulable == 0) {
                throw HttpError.precondition(kind == OperationKind.FILL ? "No other nodes to fill from"
                        : "No other schedulable nodes to " + kind.toString().toLowerCase() + " to");
            }
            if (n.scheduling().equals(kind.busy)) {
                throw HttpError.conflict("Node " + id + " has " + kind.toString().toLowerCase() + " in progress");
            }
            boolean allowed = n.scheduling() == NodeSchedulingPolicy.ACTIVE
                    || (kind == OperationKind.DELETE && n.scheduling() == NodeSchedulingPolicy.PAUSE);
            if (!allowed) {
                throw HttpError.precondition("Node " + id + " cannot be " + kind.verb + " due to " + n.scheduling() + " policy");
            }
            n.startOperation(kind.busy);
            sc.startOperation(op);
        }
        Thread.ofVirtual().name(kind + "-" + id).start(() -> {
            switch (kind) {
                case DRAIN -> ops.drain(op);
                case FILL -> ops.fill(op);
                case DELETE -> ops.delete(op, force);
            }
        });
    }

    /** service.rs {@code cancel_node_drain}, {@code cancel_node_fill} and {@code cancel_node_delete}. */
    public void cancelNodeOperation(long id, OperationKind kind) {
        synchronized (sc) {
            StorconNode n = sc.node(id);
            if (kind != OperationKind.DELETE && !n.available()) {
                throw HttpError.unavailable("Node " + id + " is currently unavailable");
            }
            if (sc.operation() == null || sc.operation().node() != id || !sc.operation().kind().equals(kind.toString())) {
                throw HttpError.precondition("Node " + id + " has no " + kind.toString().toLowerCase() + " in progress");
            }
            sc.operation().cancel();
            sc.notifyAll();
        }
    }

    /**
     * service.rs {@code node_delete_old}: reschedules every shard intended on the node elsewhere at once (a scheduling
     * failure is a conflict and leaves the node), forgets the node and tombstones its id, then reconciles the moved
     * shards. An unknown node is not an error.
     */
    public void nodeDeleteOld(long id) {
        List<ShardState> moved = new ArrayList<>();
        synchronized (sc) {
            StorconNode node = sc.nodeOrNull(id);
            if (node == null) {
                return;
            }
            for (TenantState t : sc.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (!s.onNode(id)) {
                        continue;
                    }
                    s.removeSecondary(id);
                    if (s.attached() != null && s.attached() == id) {
                        s.setAttached(null);
                    }
                    node.scheduling(NodeSchedulingPolicy.DELETING);
                    String err = sc.scheduler().schedule(t.policy(), s);
                    if (err != null) {
                        node.scheduling(NodeSchedulingPolicy.ACTIVE);
                        throw HttpError.conflict("Scheduling error: " + err);
                    }
                    moved.add(s);
                }
            }
            sc.tombstone(id);
            moved.forEach(s -> s.forgetObserved(id));
        }
        moved.forEach(sc.reconciler()::trigger);
    }
}
