package io.neonclient.testkit.internal.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Places shards on nodes (storage_controller/src/scheduler.rs and tenant_shard.rs {@code schedule}): attached
 * locations prefer a healthy existing secondary, then the schedulable node with the fewest attached shards in
 * the preferred AZ; secondaries go to the least loaded other schedulable nodes. Callers hold the
 * {@link Storcon} monitor.
 */
public final class Scheduler {
    private final Storcon storcon;

    Scheduler(Storcon storcon) {
        this.storcon = storcon;
    }

    /** Shards attached to {@code node} (intent). */
    public int attachedCount(long node) {
        int n = 0;
        for (TenantState t : storcon.tenantsView()) {
            for (ShardState s : t.shards()) {
                if (s.attached() != null && s.attached() == node) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Per node, the shards attached there and the shards placed there at all (intent), counted in one pass over every
     * shard but those being scheduled ({@code live}), whose own placement (when they are the controller's shards) is
     * added as it is when asked: so a pick made while they are being scheduled sees their current intent, as a fresh
     * count would, and one pass serves all the picks of a batch.
     */
    private final class Load {
        private final List<ShardState> live = new ArrayList<>();
        private final Map<Long, int[]> byNode = new HashMap<>();

        Load(List<ShardState> scheduling) {
            Set<ShardState> batch = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            batch.addAll(scheduling);
            for (TenantState t : storcon.tenantsView()) {
                for (ShardState s : t.shards()) {
                    if (batch.contains(s)) {
                        live.add(s);
                        continue;
                    }
                    if (s.attached() != null) {
                        counts(s.attached())[0]++;
                        counts(s.attached())[1]++;
                    }
                    for (int i = 0; i < s.secondaries().size(); i++) {
                        Long sec = s.secondaries().get(i);
                        if (!sec.equals(s.attached()) && s.secondaries().indexOf(sec) == i) {
                            counts(sec)[1]++;     // once per shard, as ShardState.onNode counts it
                        }
                    }
                }
            }
        }

        private int[] counts(long node) {
            return byNode.computeIfAbsent(node, k -> new int[2]);
        }

        int attached(long node) {
            int[] c = byNode.get(node);
            int n = c == null ? 0 : c[0];
            for (ShardState s : live) {
                if (s.attached() != null && s.attached() == node) {
                    n++;
                }
            }
            return n;
        }

        int total(long node) {
            int[] c = byNode.get(node);
            int n = c == null ? 0 : c[1];
            for (ShardState s : live) {
                if (s.onNode(node)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A node to attach {@code s} to, or null: a usable secondary first, then the least loaded schedulable node. */
    public Long pickAttached(ShardState s, Set<Long> exclude) {
        return pickAttached(s, exclude, new Load(List.of(s)));
    }

    private Long pickAttached(ShardState s, Set<Long> exclude, Load load) {
        for (Long sec : s.secondaries()) {
            StorconNode n = storcon.nodeOrNull(sec);
            if (n != null && !exclude.contains(sec) && n.availability() == NodeAvailability.ACTIVE && usable(n)) {
                return sec;
            }
        }
        return storcon.nodeList().stream()
                .filter(n -> n.schedulable() && !exclude.contains(n.id()))
                .min(Comparator.comparing((StorconNode n) -> !Objects.equals(n.az(), s.preferredAz()))
                        .thenComparingInt(n -> load.attached(n.id())).thenComparingInt(n -> load.total(n.id()))
                        .thenComparingLong(n -> n.id()))
                .map(n -> n.id()).orElse(null);
    }

    /** A node for a new secondary of {@code s}, or null. */
    public Long pickSecondary(ShardState s, Set<Long> exclude) {
        return pickSecondary(s, exclude, new Load(List.of(s)));
    }

    private Long pickSecondary(ShardState s, Set<Long> exclude, Load load) {
        return storcon.nodeList().stream()
                .filter(n -> n.schedulable() && !exclude.contains(n.id()) && !s.onNode(n.id()))
                .min(Comparator.comparingInt((StorconNode n) -> load.total(n.id())).thenComparingLong(n -> n.id()))
                .map(n -> n.id()).orElse(null);
    }

    /**
     * Schedules {@code shards} one after the other under {@code policy}, as {@link #schedule} would one at a time, with
     * one count of the other shards' load for all of them; returns each shard's error text (null: placed).
     */
    public List<String> scheduleAll(PlacementPolicy policy, List<ShardState> shards) {
        Load load = new Load(shards);
        List<String> errors = new ArrayList<>();
        for (ShardState s : shards) {
            errors.add(schedule(policy, s, load));
        }
        return errors;
    }

    private static boolean usable(StorconNode n) {
        return n.scheduling() == NodeSchedulingPolicy.ACTIVE || n.scheduling() == NodeSchedulingPolicy.FILLING;
    }

    /**
     * Brings the intent of {@code s} in line with {@code policy}; returns an error text when a location could not
     * be placed (the intent is kept as far as it got, as upstream does).
     */
    public String schedule(PlacementPolicy policy, ShardState s) {
        return schedule(policy, s, null);
    }

    /** {@link #schedule}, with {@code load} counted for a batch that holds {@code s} (null: counted when needed). */
    private String schedule(PlacementPolicy policy, ShardState s, Load given) {
        java.util.function.Supplier<Load> load = given != null ? () -> given : new java.util.function.Supplier<>() {
            private Load counted;

            @Override
            public Load get() {
                if (counted == null) {
                    counted = new Load(List.of(s));
                }
                return counted;
            }
        };
        switch (policy) {
            case PlacementPolicy.Detached d -> {
                s.setAttached(null);
                s.clearSecondaries();
                return null;
            }
            case PlacementPolicy.Secondary sec -> {
                if (s.attached() != null) {
                    if (!s.secondaries().contains(s.attached())) {
                        s.addSecondary(0, s.attached());
                    }
                    s.setAttached(null);
                }
                while (s.secondaries().size() > 1) {
                    s.removeSecondaryAt(s.secondaries().size() - 1);
                }
                if (s.secondaries().isEmpty()) {
                    Long n = pickSecondary(s, Set.of(), load.get());
                    if (n == null) {
                        return "No pageservers available to schedule a secondary location";
                    }
                    s.addSecondary(n);
                }
                return null;
            }
            case PlacementPolicy.Attached a -> {
                if (s.attached() != null && !storcon.available(s.attached())) {
                    // Fail-over: demote the attached location on an unavailable node to a secondary.
                    if (!s.secondaries().contains(s.attached())) {
                        s.addSecondary(s.attached());
                    }
                    s.setAttached(null);
                }
                if (s.attached() == null) {
                    Long n = pickAttached(s, Set.of(), load.get());
                    if (n == null) {
                        return "No pageservers available to schedule shard " + s.id();
                    }
                    s.removeSecondary(n);
                    s.setAttached(n);
                }
                while (s.secondaries().size() > a.secondaries()) {
                    Long drop = s.secondaries().stream().filter(x -> !x.equals(s.migrationTarget()))
                            .min(Comparator.comparing((Long x) -> storcon.available(x))).orElse(null);
                    if (drop == null) {
                        break;
                    }
                    s.removeSecondary(drop);
                }
                while (s.secondaries().size() < a.secondaries()) {
                    Set<Long> exclude = new HashSet<>(s.secondaries());
                    exclude.add(s.attached());
                    Long n = pickSecondary(s, exclude, load.get());
                    if (n == null) {
                        return "No pageservers available to schedule a secondary location for shard " + s.id();
                    }
                    s.addSecondary(n);
                }
                return null;
            }
        }
    }
}
