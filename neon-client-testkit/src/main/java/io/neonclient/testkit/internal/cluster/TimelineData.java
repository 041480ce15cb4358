package io.neonclient.testkit.internal.cluster;

import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A timeline as remote storage knows it: branch point, WAL end, commit timestamps, GC cutoff and leases.
 * Shared by all shards of the tenant (the simulation does not split keyspace). Guarded by {@link RemoteStorage}.
 */
public final class TimelineData {
    /** A committed transaction: the WAL position after it and its commit time. */
    public record Commit(Lsn lsn, Instant at) { }

    /** Upstream's typical initdb end for a fresh cluster. */
    public static final Lsn INITDB_LSN = Lsn.parse("0/14EE150");

    public final TimelineId id;
    /** The parent, or null for a root timeline or one detached from its ancestor ({@code detach_ancestor}). */
    public volatile TimelineId ancestor;
    public volatile Lsn ancestorLsn;
    /**
     * After {@code detach_ancestor}: the ancestor and branch point it was detached from (upstream's index_part
     * {@code lineage}, pageserver/src/tenant/remote_timeline_client/index.rs), so a repeated call answers again.
     */
    public volatile TimelineId detachedFrom;
    public volatile Lsn detachedFromLsn;
    /** Reparented onto a sibling that was detached (index_part {@code lineage.reparenting_history}). */
    public volatile boolean reparented;
    /** The former ancestors' commits up to the branch point, copied at {@code detach_ancestor}: still readable here. */
    public final List<Commit> inherited = new CopyOnWriteArrayList<>();
    public final Lsn initdbLsn;
    public final int pgVersion;
    public final Instant createdAt;
    public final List<Commit> commits = new CopyOnWriteArrayList<>();
    public final Map<Lsn, Instant> leases = new ConcurrentSkipListMap<>();
    public volatile Lsn lastRecordLsn;
    public volatile Lsn prevRecordLsn;
    public volatile Lsn gcCutoff = Lsn.ZERO;
    public volatile Instant deletedAt;
    public volatile boolean deleting;
    public volatile boolean archived;
    public volatile boolean importing;
    public volatile boolean invisible;
    /** Safekeeper membership when the controller places timelines on safekeepers (generation 0 = not placed). */
    public volatile int skGeneration;
    public volatile List<Long> skSet = List.of();
    public boolean readOnly;
    public String importIdempotencyKey;
    /** The controller has started this timeline's import job (it runs once per timeline). */
    public boolean importJobStarted;
    /**
     * Remote storage holds this timeline's {@code initdb.tar.zst} (bootstrapped timelines only; deleted with the
     * timeline), and its preserved copy {@code initdb-preserved.tar.zst}, which survives deletion
     * (pageserver/src/tenant/remote_timeline_client.rs {@code INITDB_PRESERVED_PATH}).
     */
    public volatile boolean initdbArchive;
    public volatile boolean initdbPreserved;
    /** When it was last archived (null: never, or unarchived since). */
    public volatile Instant archivedAt;
    /** The shards whose tenant manifest lists this timeline as offloaded (timeline offload; unarchiving undoes it). */
    public final Map<io.neonclient.core.TenantShardId, Instant> offloadedBy = new java.util.concurrent.ConcurrentHashMap<>();
    public long logicalSize = 23_781_376;
    /**
     * The end of the WAL the safekeepers hold for this timeline id when it is ahead of what the pageserver ingested:
     * a timeline re-created from its initdb replays up to here (null: the pageserver is at the WAL's end).
     */
    public volatile Lsn walEnd;
    /** The safekeepers deleted this timeline's WAL (the controller's timeline delete when it manages safekeepers). */
    public volatile boolean walGone;
    /** {@code RelSizeMigration} as the index part records it ({@code patch_index_part}); TimelineInfo shows it. */
    public volatile String relSizeMigration = "legacy";
    /** The LSN the rel-size migration completed at (null: not recorded). */
    public volatile Lsn relSizeMigratedAt;
    /** {@code GcCompactionState::last_completed_lsn} in the index part (null: never). */
    public volatile Lsn gcCompactionLastCompletedLsn;
    /** Why the pageserver holds this timeline Broken (null: not broken); a corrupt layer in the simulation. */
    public volatile String brokenReason;

    public TimelineData(TimelineId id, TimelineId ancestor, Lsn ancestorLsn, int pgVersion, Instant createdAt) {
        this(id, ancestor, ancestorLsn, ancestor == null ? INITDB_LSN : ancestorLsn, pgVersion, createdAt);
    }

    /** A root timeline whose data starts at {@code initdbLsn} (an imported basebackup's {@code base_lsn}). */
    public static TimelineData root(TimelineId id, Lsn initdbLsn, int pgVersion, Instant createdAt) {
        return new TimelineData(id, null, null, initdbLsn, pgVersion, createdAt);
    }

    private TimelineData(TimelineId id, TimelineId ancestor, Lsn ancestorLsn, Lsn initdbLsn, int pgVersion, Instant createdAt) {
        this.id = id;
        this.ancestor = ancestor;
        this.ancestorLsn = ancestorLsn;
        this.initdbLsn = initdbLsn;
        this.pgVersion = pgVersion;
        this.createdAt = createdAt;
        this.lastRecordLsn = initdbLsn;
        this.prevRecordLsn = Lsn.of(Math.max(0, lastRecordLsn.value() - 0x38));
    }

    /** Where the safekeepers' WAL for this timeline ends: {@link #walEnd} or, when it is not ahead, {@code last_record_lsn}. */
    public Lsn safekeeperWalEnd() {
        Lsn w = walEnd;
        Lsn l = lastRecordLsn;
        return w != null && w.isAfter(l) ? w : l;
    }

    public boolean visible() {
        return deletedAt == null;
    }

    /** The lowest LSN a branch or read may use: the GC cutoff, but never below the branch point. */
    public Lsn minReadableLsn() {
        Lsn base = initdbLsn;
        return gcCutoff.isAfter(base) ? gcCutoff : base;
    }

    /** Appends {@code bytes} of WAL ending in a commit at {@code at}; returns the new end. */
    public synchronized Lsn write(long bytes, Instant at) {
        long step = Math.max(8, (bytes + 7) & ~7L);
        prevRecordLsn = lastRecordLsn;
        lastRecordLsn = lastRecordLsn.plus(step);
        commits.add(new Commit(lastRecordLsn, at));
        return lastRecordLsn;
    }

    /** A copy of this timeline's objects as they are now: an object version remote storage keeps. */
    public synchronized TimelineData copy() {
        TimelineData c = new TimelineData(id, ancestor, ancestorLsn, initdbLsn, pgVersion, createdAt);
        c.copyStateFrom(this);
        return c;
    }

    /** Makes this timeline's state that of {@code v} (a version of the same timeline): time travel restoring a version. */
    public synchronized void copyStateFrom(TimelineData v) {
        ancestor = v.ancestor;
        ancestorLsn = v.ancestorLsn;
        detachedFrom = v.detachedFrom;
        detachedFromLsn = v.detachedFromLsn;
        reparented = v.reparented;
        inherited.clear();
        inherited.addAll(v.inherited);
        commits.clear();
        commits.addAll(v.commits);
        leases.clear();
        leases.putAll(v.leases);
        lastRecordLsn = v.lastRecordLsn;
        prevRecordLsn = v.prevRecordLsn;
        gcCutoff = v.gcCutoff;
        deletedAt = v.deletedAt;
        deleting = v.deleting;
        archived = v.archived;
        importing = v.importing;
        invisible = v.invisible;
        skGeneration = v.skGeneration;
        skSet = v.skSet;
        readOnly = v.readOnly;
        importIdempotencyKey = v.importIdempotencyKey;
        importJobStarted = v.importJobStarted;
        initdbArchive = v.initdbArchive;
        initdbPreserved = v.initdbPreserved;
        archivedAt = v.archivedAt;
        offloadedBy.clear();
        offloadedBy.putAll(v.offloadedBy);
        logicalSize = v.logicalSize;
        walEnd = v.walEnd;
        walGone = v.walGone;
        brokenReason = v.brokenReason;
    }

    /** Forgets everything after {@code when} (time travel of remote storage). */
    public synchronized void rewindTo(Instant when) {
        commits.removeIf(c -> c.at().isAfter(when));
        Lsn base = initdbLsn;
        lastRecordLsn = commits.isEmpty() ? base : commits.get(commits.size() - 1).lsn();
        prevRecordLsn = Lsn.of(Math.max(0, lastRecordLsn.value() - 0x38));
        if (gcCutoff.isAfter(lastRecordLsn)) {
            gcCutoff = lastRecordLsn;
        }
        leases.clear();
    }
}
