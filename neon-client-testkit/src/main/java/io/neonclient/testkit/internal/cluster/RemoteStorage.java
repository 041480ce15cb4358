package io.neonclient.testkit.internal.cluster;

import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's remote storage (S3 in upstream): every tenant's timelines and the shard counts its prefixes
 * were written under. Pageservers serve what is here for the shards they hold attached, so a fail-over or
 * migration keeps the data. Time travel rewinds it (pageserver/src/tenant/remote_timeline_client.rs,
 * {@code time_travel_recover_tenant}).
 */
public final class RemoteStorage {

    /**
     * One tenant's remote prefix. Its fields are private and guarded by its monitor: every method that reads or
     * changes them is synchronized (the safekeeper copies are a concurrent map), and what it hands out is a copy or a
     * {@link TimelineData}, which guards itself. Callers may hold the monitor across several calls for one consistent
     * step (create, detach_ancestor, a write).
     */
    public static final class TenantData {
        private final TenantId id;
        private final Map<TimelineId, TimelineData> timelines = new LinkedHashMap<>();
        private final Set<Integer> shardCounts = new TreeSet<>();
        /**
         * Each shard prefix a pageserver has written (its tenant manifest, written when it attaches): the highest
         * generation it was attached under and the stripe size the manifest records.
         */
        private final Map<TenantShardId, Manifest> manifests = new TreeMap<>(Comparator.comparing(TenantShardId::toString));
        /**
         * Object versions (S3 bucket versioning, which upstream's time travel reads): the tenant's timelines as they
         * were until each time travel replaced them, oldest first. What a time travel overwrites stays here, so a later
         * time travel to a moment before it brings it back.
         */
        private final List<Version> versions = new ArrayList<>();
        /** Safekeeper copies ({@code POST …/copy}) by target timeline: whose WAL they hold and up to where. */
        private final Map<TimelineId, WalCopy> walCopies = new ConcurrentHashMap<>();

        TenantData(TenantId id) {
            this.id = id;
        }

        public TenantId id() {
            return id;
        }

        /** The timelines not deleted, in creation order (a copy). */
        public synchronized List<TimelineData> visible() {
            List<TimelineData> out = new ArrayList<>();
            for (TimelineData t : timelines.values()) {
                if (t.visible()) {
                    out.add(t);
                }
            }
            return out;
        }

        /** The timeline, or null when there is none or it was deleted. */
        public synchronized TimelineData timeline(TimelineId id) {
            TimelineData t = timelines.get(id);
            return t != null && t.visible() ? t : null;
        }

        /** The timeline's objects, deleted or not (null: none). */
        public synchronized TimelineData stored(TimelineId id) {
            return timelines.get(id);
        }

        /** Every timeline's objects, deleted ones included, in creation order (a copy). */
        public synchronized List<TimelineData> stored() {
            return new ArrayList<>(timelines.values());
        }

        /** Stores {@code t}, replacing any objects of the same timeline id (it then lists last). */
        public synchronized void store(TimelineData t) {
            timelines.remove(t.id());
            timelines.put(t.id(), t);
        }

        /** The tenant's prefixes were written under {@code count} shards (a create, split or import). */
        public synchronized void recordShardCount(int count) {
            shardCounts.add(count);
        }

        /** Every shard count the tenant's prefixes were written under (a copy). */
        public synchronized Set<Integer> shardCounts() {
            return new TreeSet<>(shardCounts);
        }

        /** Each shard prefix's tenant manifest, by shard id (a sorted copy). */
        public synchronized Map<TenantShardId, Manifest> manifests() {
            Map<TenantShardId, Manifest> out = new TreeMap<>(Comparator.comparing(TenantShardId::toString));
            out.putAll(manifests);
            return out;
        }

        /** The safekeeper copy held under timeline id {@code target} (null: none). */
        public WalCopy walCopy(TimelineId target) {
            return walCopies.get(target);
        }

        /** A safekeeper copied WAL into {@code target}; of two copies the one reaching further is kept. */
        public void recordWalCopy(TimelineId target, WalCopy copy) {
            walCopies.merge(target, copy, (a, b) -> a.until().isAfter(b.until()) ? a : b);
        }
    }

    /**
     * The tenant's timeline objects as they were until {@code replacedAt}, when a time travel wrote older versions over
     * them (each object's history up to then is in its commit and creation times).
     */
    public record Version(Instant replacedAt, Map<TimelineId, TimelineData> timelines) {}

    /** A safekeeper copy of {@code origin}'s WAL up to {@code until} (safekeeper/src/copy_timeline.rs). */
    public record WalCopy(TimelineId origin, io.neonclient.core.Lsn until) {}

    /** A shard's tenant manifest (pageserver/src/tenant/remote_timeline_client/manifest.rs): generation and stripe size. */
    public record Manifest(int generation, int stripeSize) {}

    private final Map<TenantId, TenantData> tenants = new ConcurrentHashMap<>();

    /**
     * A pageserver attached {@code shard} under {@code generation}: it writes the shard's prefix (tenant manifest, and
     * index_part for each timeline) under that generation. Generations only grow.
     */
    public void recordAttach(TenantShardId shard, int generation, int stripeSize) {
        TenantData t = tenant(shard.tenantId());
        synchronized (t) {
            Manifest old = t.manifests.get(shard);
            if (old == null || old.generation() <= generation) {
                t.manifests.put(shard, new Manifest(generation, stripeSize));
            }
        }
    }

    public TenantData tenant(TenantId id) {
        return tenants.computeIfAbsent(id, TenantData::new);
    }

    public TenantData existing(TenantId id) {
        return tenants.get(id);
    }

    /** Every tenant prefix (a snapshot). */
    public List<TenantData> tenants() {
        return new ArrayList<>(tenants.values());
    }

    public void delete(TenantId id) {
        tenants.remove(id);
    }

    /**
     * Rewinds a tenant to {@code when}, at {@code now} (pageserver/src/tenant/remote_timeline_client.rs
     * {@code time_travel_recover_tenant}, over S3 object versions): the objects as they were at {@code when} become the
     * current ones, so timelines created later vanish, timelines deleted later return, WAL and commits after it are
     * forgotten. The state replaced is kept as a version: a later time travel to a moment between {@code when} and
     * {@code now} restores it (an undo). The state at {@code when} is read from the first version replaced after it,
     * else from the current objects.
     */
    public synchronized void timeTravel(TenantId id, Instant when, Instant now) {
        TenantData t = tenants.get(id);
        if (t == null) {
            return;
        }
        synchronized (t) {
            Map<TimelineId, TimelineData> source = t.timelines;
            for (Version v : t.versions) {
                if (v.replacedAt().isAfter(when)) {
                    source = v.timelines();
                    break;
                }
            }
            Map<TimelineId, TimelineData> current = new LinkedHashMap<>();
            t.timelines.forEach((k, tl) -> current.put(k, tl.copy()));
            t.versions.add(new Version(now, current));
            Map<TimelineId, TimelineData> restored = new LinkedHashMap<>();
            for (TimelineData version : source.values()) {
                if (version.createdAt().isAfter(when)) {
                    continue;
                }
                // The live object is kept (pageservers hold it) and given the version's state.
                TimelineData tl = t.timelines.get(version.id());
                if (tl == null) {
                    tl = version.copy();
                } else if (tl != version) {
                    tl.copyStateFrom(version);
                }
                if (tl.deletedAt() != null && tl.deletedAt().isAfter(when)) {
                    tl.undelete();
                }
                tl.rewindTo(when);
                restored.put(tl.id(), tl);
            }
            t.timelines.clear();
            t.timelines.putAll(restored);
        }
    }
}
