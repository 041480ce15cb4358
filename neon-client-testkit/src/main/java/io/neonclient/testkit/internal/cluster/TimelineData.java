package io.neonclient.testkit.internal.cluster;

import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TenantShardId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A timeline as remote storage knows it: branch point, WAL end, commit timestamps, GC cutoff and leases.
 * Shared by all shards of the tenant (the simulation does not split keyspace). Its fields are private: code reads them
 * through accessors and changes them through the methods below, named after what they record (upstream's index_part,
 * pageserver/src/tenant/remote_timeline_client/index.rs, and the timeline's in-memory state).
 *
 * <p>Locking: every scalar field is volatile, so a single read needs no lock; the commit, inherited-commit, lease and
 * offload collections are concurrent and handed out as read-only views, so they too are read without a lock (a
 * commit list iterates over a snapshot). This object's own monitor guards every change that touches more than one
 * field or reads before it writes ({@link #write}, {@link #lease}, {@link #gc}, {@link #advanceTo},
 * {@link #patchIndexPart}, {@link #detachFrom}, {@link #archive}, time travel's {@link #copyStateFrom} and
 * {@link #rewindTo}); {@link #snapshot} reads under it too, so a detail sees one consistent state. The timelines map of
 * a tenant and operations over several of its timelines (create, detach_ancestor, time travel) are guarded by that
 * tenant's {@link RemoteStorage.TenantData} monitor, taken before this one; no method here takes another lock.
 */
public final class TimelineData {
    /** A committed transaction: the WAL position after it and its commit time. */
    public record Commit(Lsn lsn, Instant at) { }

    /**
     * What a TimelineInfo shows of a timeline, read at one moment (under the monitor): lineage, WAL positions, GC
     * cutoff, state and the index part's fields.
     */
    public record Snapshot(TimelineId id, TimelineId ancestor, Lsn ancestorLsn, Lsn lastRecordLsn, Lsn prevRecordLsn,
            Lsn gcCutoff, Lsn minReadableLsn, Lsn initdbLsn, long logicalSize, int pgVersion, String brokenReason,
            boolean importing, boolean archived, String relSizeMigration, Lsn relSizeMigratedAt, boolean invisible) { }

    /** The safekeeper membership the controller recorded: generation (0 = not placed) and set. */
    public record Membership(int generation, List<Long> set) { }

    /** Upstream's typical initdb end for a fresh cluster. */
    public static final Lsn INITDB_LSN = Lsn.parse("0/14EE150");

    private final TimelineId id;
    /** The parent, or null for a root timeline or one detached from its ancestor ({@code detach_ancestor}). */
    private volatile TimelineId ancestor;
    private volatile Lsn ancestorLsn;
    /**
     * After {@code detach_ancestor}: the ancestor and branch point it was detached from (upstream's index_part
     * {@code lineage}, pageserver/src/tenant/remote_timeline_client/index.rs), so a repeated call answers again.
     */
    private volatile TimelineId detachedFrom;
    private volatile Lsn detachedFromLsn;
    /** Reparented onto a sibling that was detached (index_part {@code lineage.reparenting_history}). */
    private volatile boolean reparented;
    /** The former ancestors' commits up to the branch point, copied at {@code detach_ancestor}: still readable here. */
    private final List<Commit> inherited = new CopyOnWriteArrayList<>();
    private final Lsn initdbLsn;
    private final int pgVersion;
    private final Instant createdAt;
    private final List<Commit> commits = new CopyOnWriteArrayList<>();
    private final Map<Lsn, Instant> leases = new ConcurrentSkipListMap<>();
    private volatile Lsn lastRecordLsn;
    private volatile Lsn prevRecordLsn;
    private volatile Lsn gcCutoff = Lsn.ZERO;
    private volatile Instant deletedAt;
    private volatile boolean deleting;
    private volatile boolean archived;
    private volatile boolean importing;
    private volatile boolean invisible;
    /** Safekeeper membership when the controller places timelines on safekeepers (generation 0 = not placed). */
    private volatile Membership membership = new Membership(0, List.of());
    private volatile boolean readOnly;
    private volatile String importIdempotencyKey;
    /** The controller has started this timeline's import job (it runs once per timeline). */
    private boolean importJobStarted;
    /**
     * Remote storage holds this timeline's {@code initdb.tar.zst} (bootstrapped timelines only; deleted with the
     * timeline), and its preserved copy {@code initdb-preserved.tar.zst}, which survives deletion
     * (pageserver/src/tenant/remote_timeline_client.rs {@code INITDB_PRESERVED_PATH}).
     */
    private volatile boolean initdbArchive;
    private volatile boolean initdbPreserved;
    /** When it was last archived (null: never, or unarchived since). */
    private volatile Instant archivedAt;
    /** The shards whose tenant manifest lists this timeline as offloaded (timeline offload; unarchiving undoes it). */
    private final Map<TenantShardId, Instant> offloadedBy = new ConcurrentHashMap<>();
    private volatile long logicalSize = 23_781_376;
    /**
     * The end of the WAL the safekeepers hold for this timeline id when it is ahead of what the pageserver ingested:
     * a timeline re-created from its initdb replays up to here (null: the pageserver is at the WAL's end).
     */
    private volatile Lsn walEnd;
    /** The safekeepers deleted this timeline's WAL (the controller's timeline delete when it manages safekeepers). */
    private volatile boolean walGone;
    /** {@code RelSizeMigration} as the index part records it ({@code patch_index_part}); TimelineInfo shows it. */
    private volatile String relSizeMigration = "legacy";
    /** The LSN the rel-size migration completed at (null: not recorded). */
    private volatile Lsn relSizeMigratedAt;
    /** {@code GcCompactionState::last_completed_lsn} in the index part (null: never). */
    private volatile Lsn gcCompactionLastCompletedLsn;
    /** Why the pageserver holds this timeline Broken (null: not broken); a corrupt layer in the simulation. */
    private volatile String brokenReason;

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

    public TimelineId id() {
        return id;
    }

    public TimelineId ancestor() {
        return ancestor;
    }

    public Lsn ancestorLsn() {
        return ancestorLsn;
    }

    public TimelineId detachedFrom() {
        return detachedFrom;
    }

    public Lsn detachedFromLsn() {
        return detachedFromLsn;
    }

    public boolean reparented() {
        return reparented;
    }

    /** The former ancestors' commits kept at {@code detach_ancestor} (a read-only view). */
    public List<Commit> inherited() {
        return Collections.unmodifiableList(inherited);
    }

    public Lsn initdbLsn() {
        return initdbLsn;
    }

    public int pgVersion() {
        return pgVersion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The commits, oldest first (a read-only view; iterating it reads a snapshot). */
    public List<Commit> commits() {
        return Collections.unmodifiableList(commits);
    }

    /** The LSN leases: LSN to expiry (a read-only view). */
    public Map<Lsn, Instant> leases() {
        return Collections.unmodifiableMap(leases);
    }

    public Lsn lastRecordLsn() {
        return lastRecordLsn;
    }

    public Lsn prevRecordLsn() {
        return prevRecordLsn;
    }

    public Lsn gcCutoff() {
        return gcCutoff;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public boolean deleting() {
        return deleting;
    }

    public boolean archived() {
        return archived;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    public boolean importing() {
        return importing;
    }

    public boolean invisible() {
        return invisible;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public String importIdempotencyKey() {
        return importIdempotencyKey;
    }

    public boolean initdbArchive() {
        return initdbArchive;
    }

    public boolean initdbPreserved() {
        return initdbPreserved;
    }

    public long logicalSize() {
        return logicalSize;
    }

    public Lsn walEnd() {
        return walEnd;
    }

    public boolean walGone() {
        return walGone;
    }

    public String relSizeMigration() {
        return relSizeMigration;
    }

    public Lsn relSizeMigratedAt() {
        return relSizeMigratedAt;
    }

    public Lsn gcCompactionLastCompletedLsn() {
        return gcCompactionLastCompletedLsn;
    }

    public String brokenReason() {
        return brokenReason;
    }

    /** The safekeeper generation and set the controller recorded (generation 0: not placed). */
    public Membership membership() {
        return membership;
    }

    public int skGeneration() {
        return membership.generation();
    }

    public List<Long> skSet() {
        return membership.set();
    }

    /** What a TimelineInfo shows, read under the monitor. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(id, ancestor, ancestorLsn, lastRecordLsn, prevRecordLsn, gcCutoff, minReadableLsn(), initdbLsn,
                logicalSize, pgVersion, brokenReason, importing, archived, relSizeMigration, relSizeMigratedAt, invisible);
    }

    /** Whether the tenant manifest of {@code shard} lists this timeline as offloaded. */
    public boolean offloadedBy(TenantShardId shard) {
        return offloadedBy.containsKey(shard);
    }

    /** A timeline being created by {@code import_pgdata} with this idempotency key (not active until the import ends). */
    public void markImporting(String idempotencyKey) {
        importIdempotencyKey = idempotencyKey;
        importing = true;
    }

    /** The import job finished: the timeline is active. */
    public void finishImport() {
        importing = false;
    }

    /** Claims the timeline's one import job; false when it already started. */
    public synchronized boolean startImportJob() {
        if (importJobStarted) {
            return false;
        }
        importJobStarted = true;
        return true;
    }

    /** A bootstrap uploaded {@code initdb.tar.zst} (and, reusing this id's preserved copy, keeps that too). */
    public void recordInitdbArchive(boolean preserved) {
        initdbArchive = true;
        initdbPreserved = preserved;
    }

    /** remote_timeline_client/upload.rs {@code preserve_initdb_archive}: the preserved copy now exists. */
    public void preserveInitdbArchive() {
        initdbPreserved = true;
    }

    /** A read-only branch ({@code read_only} at creation). */
    public void markReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The WAL the safekeepers hold for this timeline id ends at {@code end}, ahead of what is ingested. */
    public void recordWalEnd(Lsn end) {
        walEnd = end;
    }

    /** The safekeepers deleted this timeline's WAL. */
    public void markWalGone() {
        walGone = true;
    }

    /** Deletion started ({@code DeleteTimelineFlow}). */
    public void markDeleting() {
        deleting = true;
    }

    /** Deletion finished at {@code at}: the timeline is no longer visible. */
    public void markDeleted(Instant at) {
        deletedAt = at;
    }

    /** Time travel to before the deletion brings the timeline back. */
    public synchronized void undelete() {
        deletedAt = null;
        deleting = false;
    }

    /**
     * tenant.rs {@code apply_timeline_archival_config}: archiving stamps {@code archived_at}; unarchiving clears it and
     * loads an offloaded timeline again.
     */
    public synchronized void archive(boolean archive, Instant now) {
        archived = archive;
        archivedAt = archive ? now : null;
        if (!archive) {
            offloadedBy.clear();
        }
    }

    /** The tenant manifest of {@code shard} lists this timeline as offloaded since {@code at}. */
    public void offload(TenantShardId shard, Instant at) {
        offloadedBy.put(shard, at);
    }

    /** {@code mark_invisible}: the index part records whether the timeline is visible. */
    public void markInvisible(boolean invisible) {
        this.invisible = invisible;
    }

    /** The pageserver holds this timeline Broken for {@code reason} (a corrupt layer). */
    public void markBroken(String reason) {
        brokenReason = reason;
    }

    /**
     * {@code timeline_patch_index_part_handler}: each non-null field is stored ({@code relSizeMigratedAt} with the
     * migration, null included).
     */
    public synchronized void patchIndexPart(String migration, Lsn migratedAt, Lsn gcCompactionLastCompleted, Lsn appliedGcCutoff) {
        if (migration != null) {
            relSizeMigration = migration;
            relSizeMigratedAt = migratedAt;
        }
        if (gcCompactionLastCompleted != null) {
            gcCompactionLastCompletedLsn = gcCompactionLastCompleted;
        }
        if (appliedGcCutoff != null) {
            gcCutoff = appliedGcCutoff;
        }
    }

    /**
     * {@code detach_ancestor}: keeps {@code commits} (the ancestors' up to the branch point) as its own, records the
     * ancestor and branch point it was detached from and loses its ancestor.
     */
    public synchronized void detachFrom(TimelineId from, Lsn at, List<Commit> commits) {
        inherited.addAll(commits);
        detachedFrom = from;
        detachedFromLsn = at;
        ancestor = null;
        ancestorLsn = null;
    }

    /** Reparented onto {@code parent}, a sibling detached from their common ancestor. */
    public synchronized void reparentOnto(TimelineId parent) {
        ancestor = parent;
        reparented = true;
    }

    /** Replays {@code replayed} (commits of WAL the safekeepers hold) into a timeline not yet published. */
    public void addCommits(List<Commit> replayed) {
        commits.addAll(replayed);
    }

    /** The walreceiver ingested WAL up to {@code lsn} (a no-op when already past it). */
    public synchronized void advanceTo(Lsn lsn) {
        if (lsn.isAfter(lastRecordLsn)) {
            prevRecordLsn = lastRecordLsn;
            lastRecordLsn = lsn;
        }
    }

    /** Whether an LSN lease is held at exactly {@code lsn}. */
    public boolean isLeased(Lsn lsn) {
        return leases.containsKey(lsn);
    }

    /** Grants or extends the lease at {@code lsn} to {@code until} (a later expiry wins); returns the lease's expiry. */
    public synchronized Instant lease(Lsn lsn, Instant until) {
        leases.merge(lsn, until, (a, b) -> a.isAfter(b) ? a : b);
        return leases.get(lsn);
    }

    /** GC with a horizon: the cutoff moves to {@code last_record_lsn - horizon}, held back by live leases. */
    public synchronized void gc(long horizon, Instant now) {
        long target = Math.max(0, lastRecordLsn.value() - horizon);
        leases.values().removeIf(until -> until.isBefore(now));
        for (Lsn leased : leases.keySet()) {
            target = Math.min(target, leased.value());
        }
        if (target > gcCutoff.value()) {
            gcCutoff = Lsn.of(target);
        }
    }

    /** The controller placed the timeline on {@code set} (generation 1), or overwrote its record ({@code timeline_import}). */
    public void placeOnSafekeepers(List<Long> set) {
        membership = new Membership(1, List.copyOf(set));
    }

    /** A safekeeper migration moved to the next generation, with {@code set} (null: the same set, the joint step). */
    public synchronized void nextSafekeeperGeneration(List<Long> set) {
        Membership m = membership;
        membership = new Membership(m.generation() + 1, set == null ? m.set() : List.copyOf(set));
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
        membership = v.membership;
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
