package io.neonclient.testkit.internal.pageserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.Rfc3339;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.cluster.Timing;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Router;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Timeline operations a pageserver performs on remote storage, shared by the pageserver routes and the
 * controller (which calls its pageservers in-process). Mirrors pageserver/src/http/routes.rs and
 * pageserver/src/tenant.rs (branch checks, find_lsn_for_timestamp, LSN leases).
 */
public final class Timelines {
    private final RemoteStorage remote;
    private final Timing timing;

    public Timelines(RemoteStorage remote, Timing timing) {
        this.remote = remote;
        this.timing = timing;
    }

    public RemoteStorage remote() {
        return remote;
    }

    /** The cluster's wall clock (creation and commit times). */
    public Instant now() {
        return timing.now();
    }

    /** The timeline or the pageserver's 404. */
    public TimelineData find(TenantShardId shard, TimelineId id) {
        RemoteStorage.TenantData t = remote.existing(shard.tenantId());
        TimelineData tl = t == null ? null : t.timeline(id);
        if (tl == null) {
            throw HttpError.notFound("Timeline " + shard + "/" + id + " was not found");
        }
        return tl;
    }

    /**
     * A commit of {@code bytes} appended to the timeline's WAL (a compute's transaction, the testkit's write route),
     * under the tenant's monitor; returns the new end, or the pageserver's 404.
     */
    public Lsn write(TenantShardId shard, TimelineId id, long bytes) {
        TimelineData t = find(shard, id);
        synchronized (remote.tenant(shard.tenantId())) {
            return t.write(bytes, timing.now());
        }
    }

    /** Creates (or idempotently re-creates) a timeline; returns it. */
    public TimelineData create(TenantShardId shard, TimelineCreation mode) {
        RemoteStorage.TenantData tenant = remote.tenant(shard.tenantId());
        synchronized (tenant) {
            TimelineData existing = tenant.stored(mode.newTimelineId());
            if (existing != null && existing.visible()) {
                if (sameParameters(existing, mode)) {
                    return existing;
                }
                throw HttpError.conflict("Timeline " + shard + "/" + mode.newTimelineId() + " already exists with different parameters");
            }
            Instant now = timing.now();
            TimelineData created = switch (mode) {
                case TimelineCreation.Bootstrap b -> replay(tenant, existing, bootstrap(tenant, existing, b, now), b.existingInitdb());
                case TimelineCreation.Branch b -> branch(tenant, shard, b, now);
                case TimelineCreation.ImportPgdata i -> {
                    TimelineData t = new TimelineData(i.newTimelineId(), null, null, 17, now);
                    t.markImporting(i.idempotencyKey());
                    yield t;
                }
            };
            tenant.store(created);
            return created;
        }
    }

    /**
     * A bootstrap runs initdb and uploads {@code initdb.tar.zst}; with {@code existing_initdb_timeline_id} it reuses
     * that timeline's archive instead: another timeline's live archive is copied, the timeline's own id falls back to
     * the preserved copy that outlives deletion (pageserver/src/tenant.rs {@code bootstrap_timeline},
     * remote_timeline_client/download.rs {@code download_initdb_tar_zst}); a missing archive is a 500.
     */
    private static TimelineData bootstrap(RemoteStorage.TenantData tenant, TimelineData previous, TimelineCreation.Bootstrap b,
            Instant now) {
        TimelineId source = b.existingInitdb();
        boolean preserved = false;
        if (source != null) {
            TimelineData from = tenant.stored(source);
            boolean live = from != null && from.visible() && from.initdbArchive();
            if (source.equals(b.newTimelineId())) {
                preserved = live ? from.initdbPreserved() : previous != null && previous.initdbPreserved();
                if (!live && !preserved) {
                    throw HttpError.internal("download initdb tar: No file found for the remote object id given");
                }
            } else if (!live) {
                throw HttpError.internal("copy initdb tar: No such file or directory (os error 2)");
            }
        }
        TimelineData t = new TimelineData(b.newTimelineId(), null, null, b.pgVersion() == null ? 17 : b.pgVersion(), now);
        t.recordInitdbArchive(preserved);
        return t;
    }

    /**
     * After a bootstrap from an existing initdb, the pageserver's walreceiver streams whatever WAL the safekeepers hold
     * for the new timeline id (pageserver/src/tenant/timeline/walreceiver): the WAL of a deleted timeline of the same id
     * (WAL-replay recovery), or a safekeeper {@code copy} made into that id. {@code last_record_lsn} climbs to the WAL's
     * end in the background; a fresh initdb has no WAL to replay.
     */
    private TimelineData replay(RemoteStorage.TenantData tenant, TimelineData previous, TimelineData created, TimelineId initdbFrom) {
        if (initdbFrom == null) {
            return created;
        }
        Lsn end = null;
        if (previous != null && !previous.walGone()) {
            end = previous.safekeeperWalEnd();
            Lsn replayTo = end;
            created.addCommits(previous.commits().stream().filter(c -> !c.lsn().isAfter(replayTo)).toList());
        }
        RemoteStorage.WalCopy copy = tenant.walCopy(created.id());
        if (copy != null && (end == null || copy.until().isAfter(end))) {
            end = copy.until();
        }
        if (end == null || !end.isAfter(created.lastRecordLsn())) {
            return created;
        }
        created.recordWalEnd(end);
        Lsn target = end;
        Thread.ofVirtual().name("walreceiver-" + created.id()).start(() -> {
            long steps = 8;
            long from = created.lastRecordLsn().value();
            for (long i = 1; i <= steps; i++) {
                Router.sleep(Math.max(1, timing.reconcileMillis() / 2));
                created.advanceTo(i == steps ? target : Lsn.of((from + (target.value() - from) * i / steps) & ~7L));
            }
        });
        return created;
    }

    private TimelineData branch(RemoteStorage.TenantData tenant, TenantShardId shard, TimelineCreation.Branch b, Instant now) {
        TimelineData ancestor = tenant.timeline(b.ancestor());
        if (ancestor == null) {
            throw HttpError.notFound("Timeline " + shard + "/" + b.ancestor() + " was not found");
        }
        if (ancestor.archived()) {
            throw HttpError.of(406, "ancestor timeline is archived");
        }
        if (ancestor.importing()) {
            throw HttpError.unavailable("Ancestor timeline " + b.ancestor() + " is not active");
        }
        Lsn start = b.startLsn() == null ? ancestor.lastRecordLsn() : b.startLsn();
        if (start.isBefore(ancestor.minReadableLsn())) {
            if (!ancestor.isLeased(start)) {
                throw HttpError.of(406, "invalid branch start lsn: less than latest GC cutoff " + ancestor.minReadableLsn());
            }
        }
        if (start.isAfter(ancestor.lastRecordLsn())) {
            throw HttpError.of(406, "invalid branch start lsn: " + start + " is ahead of the ancestor's last record lsn "
                    + ancestor.lastRecordLsn());
        }
        TimelineData t = new TimelineData(b.newTimelineId(), ancestor.id(), start, ancestor.pgVersion(), now);
        t.markReadOnly(b.readOnly());
        return t;
    }

    private static boolean sameParameters(TimelineData t, TimelineCreation mode) {
        return switch (mode) {
            case TimelineCreation.Bootstrap b -> t.ancestor() == null && t.importIdempotencyKey() == null
                    && (b.pgVersion() == null || b.pgVersion() == t.pgVersion());
            case TimelineCreation.Branch b -> Objects.equals(t.ancestor(), b.ancestor())
                    && (b.startLsn() == null || b.startLsn().equals(t.ancestorLsn()));
            case TimelineCreation.ImportPgdata i -> i.idempotencyKey().equals(t.importIdempotencyKey());
        };
    }

    /** TimelineInfo with the fields of fixture pageserver.timeline_info.response.json, in declaration order. */
    public ObjectNode info(TenantShardId shard, TimelineData timeline) {
        TimelineData.Snapshot t = timeline.snapshot();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", shard.toString());
        n.put("timeline_id", t.id().toString());
        putLsnOrNull(n, "ancestor_timeline_id", t.ancestor() == null ? null : t.ancestor().toString());
        putLsnOrNull(n, "ancestor_lsn", t.ancestorLsn() == null ? null : t.ancestorLsn().toString());
        n.put("last_record_lsn", t.lastRecordLsn().toString());
        n.put("prev_record_lsn", t.prevRecordLsn().toString());
        n.put("applied_gc_cutoff_lsn", t.gcCutoff().toString());
        n.put("min_readable_lsn", t.minReadableLsn().toString());
        n.put("disk_consistent_lsn", t.lastRecordLsn().toString());
        n.put("remote_consistent_lsn", t.lastRecordLsn().toString());
        n.put("remote_consistent_lsn_visible", t.lastRecordLsn().toString());
        n.put("initdb_lsn", t.initdbLsn().toString());
        n.put("current_logical_size", t.logicalSize() + t.lastRecordLsn().minus(t.initdbLsn()));
        n.put("current_logical_size_is_accurate", true);
        ArrayNode dirs = n.putArray("directory_entries_counts");
        for (int c : new int[] {1, 0, 286, 0, 1, 1, 1, 0}) {
            dirs.add(c);
        }
        n.put("current_physical_size", 0);
        n.putNull("current_logical_size_non_incremental");
        n.put("pitr_history_size", 0);
        n.put("within_ancestor_pitr", t.ancestor() != null);
        n.putNull("timeline_dir_layer_file_size_sum");
        n.putNull("wal_source_connstr");
        n.putNull("last_received_msg_lsn");
        n.putNull("last_received_msg_ts");
        n.put("pg_version", t.pgVersion());
        String broken = t.brokenReason();
        if (broken != null) {
            n.putObject("state").putObject("Broken").put("reason", broken).put("backtrace", "");
        } else {
            n.put("state", t.importing() ? "Loading" : "Active");
        }
        n.put("walreceiver_status", "Not active");
        n.put("is_archived", t.archived());
        n.put("rel_size_migration", t.relSizeMigration());
        putLsnOrNull(n, "rel_size_migrated_at", t.relSizeMigratedAt() == null ? null : t.relSizeMigratedAt().toString());
        n.put("is_invisible", t.invisible());
        return n;
    }

    private static void putLsnOrNull(ObjectNode n, String key, String value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    /**
     * {@code get_lsn_by_timestamp} (pageserver/src/pgdatadir_mapping.rs {@code find_lsn_for_timestamp}): a binary
     * search over the LSNs from the lowest readable one to the last record, reading at each the commit timestamps the
     * CLOG holds there. A branch's CLOG holds its ancestors' commits up to the branch point, at every LSN of the
     * branch, so a time before one of those inherited commits is {@code past}, also on a fresh branch with no commit
     * of its own; {@code nodata} needs no commit at all. Otherwise: {@code present} (commits on both sides),
     * {@code future} (after the newest commit). With {@code withLease} the answer's LSN is leased for
     * {@code leaseLength} whatever its kind (pageserver/src/http/routes.rs {@code get_lsn_by_timestamp_handler});
     * a lease that cannot be granted (below the GC cutoff) is left out, not an error.
     */
    public ObjectNode lsnByTimestamp(RemoteStorage.TenantData tenant, TimelineData t, Instant at, boolean withLease,
            Duration leaseLength) {
        Lsn min = t.minReadableLsn();
        Lsn lsn;
        String kind;
        var readable = t.commits().stream().filter(c -> !c.lsn().isBefore(min)).toList();
        List<Instant> inherited = inheritedCommitTimes(tenant, t);
        boolean inheritedAtOrAfter = inherited.stream().anyMatch(c -> !c.isBefore(at));
        if (readable.isEmpty() && inherited.isEmpty()) {
            kind = "nodata";
            lsn = min;
        } else if (inheritedAtOrAfter || (inherited.isEmpty() && at.isBefore(readable.get(0).at()))) {
            kind = "past";
            lsn = min;
        } else if (readable.isEmpty()) {
            // only inherited commits, all before `at`: the search runs to the last record
            kind = "future";
            lsn = t.lastRecordLsn();
        } else if (!at.isBefore(readable.get(readable.size() - 1).at())) {
            kind = "future";
            lsn = readable.get(readable.size() - 1).lsn();
        } else {
            kind = "present";
            lsn = min;
            for (TimelineData.Commit c : readable) {
                if (!c.at().isAfter(at)) {
                    lsn = c.lsn();
                }
            }
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("lsn", lsn.toString());
        n.put("kind", kind);
        if (withLease) {
            try {
                n.put("valid_until", leaseUntil(lease(t, lsn, leaseLength)));
            } catch (HttpError e) {
                // routes.rs: "fail to grant a lease" is logged and the answer goes out without one
            }
        }
        return n;
    }

    /** Commit times a branch inherits: each ancestor's commits up to the point the descendant branched off it. */
    private static List<Instant> inheritedCommitTimes(RemoteStorage.TenantData tenant, TimelineData t) {
        List<Instant> out = new java.util.ArrayList<>();
        if (tenant == null) {
            return out;
        }
        TimelineData at = t;
        t.inherited().forEach(c -> out.add(c.at()));
        synchronized (tenant) {
            for (int depth = 0; at.ancestor() != null && depth < 64; depth++) {
                TimelineData parent = tenant.stored(at.ancestor());
                if (parent == null) {
                    break;
                }
                Lsn branchPoint = at.ancestorLsn();
                parent.commits().stream().filter(c -> !c.lsn().isAfter(branchPoint)).forEach(c -> out.add(c.at()));
                parent.inherited().stream().filter(c -> !c.lsn().isAfter(branchPoint)).forEach(c -> out.add(c.at()));
                at = parent;
            }
        }
        return out;
    }

    /**
     * {@code detach_ancestor} (pageserver/src/tenant/timeline/detach_ancestor.rs {@code prepare},
     * {@code detach_and_reparent}): the timeline keeps its ancestors' data up to the branch point as its own and loses
     * {@code ancestor_timeline_id}/{@code ancestor_lsn}. Default behaviour ({@code no_ancestor_and_reparent}): the
     * ancestor must be a root (else 400 "too many ancestors"), and its other children branched at or before the branch
     * point become children of the detached timeline (400 "archived: …" if one is archived). With
     * {@code multi_level_and_no_reparent} every ancestor level is detached at once when they share the branch point
     * (else 400 "ancestor is not empty") and nothing is reparented. A timeline already detached answers again with
     * its reparented children; one that never had an ancestor is 409 "no ancestors". Returns the reparented ids.
     */
    public java.util.Set<TimelineId> detachAncestor(TenantShardId shard, TimelineId id, boolean multiLevel) {
        RemoteStorage.TenantData tenant = remote.existing(shard.tenantId());
        TimelineData t = find(shard, id);
        synchronized (tenant) {
            java.util.Set<TimelineId> reparented = new java.util.TreeSet<>(java.util.Comparator.comparing(TimelineId::toString));
            if (t.ancestor() == null) {
                if (t.detachedFrom() == null) {
                    throw HttpError.conflict("no ancestors");
                }
                tenant.visible().stream().filter(c -> id.equals(c.ancestor()) && c.reparented()).forEach(c -> reparented.add(c.id()));
                return reparented;
            }
            if (t.archived()) {
                throw HttpError.badRequest("archived: " + id);
            }
            TimelineData ancestor = tenant.timeline(t.ancestor());
            Lsn lsn = t.ancestorLsn();
            List<TimelineData> levels = new java.util.ArrayList<>(List.of(ancestor));
            List<TimelineData> siblings = List.of();
            if (multiLevel) {
                while (ancestor.ancestor() != null) {
                    if (!lsn.equals(ancestor.ancestorLsn())) {
                        throw HttpError.badRequest("ancestor is not empty");
                    }
                    lsn = ancestor.ancestorLsn();
                    ancestor = tenant.timeline(ancestor.ancestor());
                    levels.add(ancestor);
                }
            } else {
                TimelineData parent = ancestor;
                Lsn branchPoint = lsn;
                siblings = tenant.visible().stream().filter(c -> c != t && parent.id().equals(c.ancestor())
                        && !c.ancestorLsn().isAfter(branchPoint) && !c.deleting()).toList();
                for (TimelineData c : siblings) {
                    if (c.archived()) {
                        throw HttpError.badRequest("archived: " + c.id());
                    }
                }
                if (ancestor.ancestor() != null) {
                    throw HttpError.badRequest("too many ancestors");
                }
            }
            List<TimelineData.Commit> copied = new java.util.ArrayList<>();
            Lsn upTo = t.ancestorLsn();
            for (TimelineData level : levels) {
                Lsn branchPoint = upTo;
                level.inherited().stream().filter(c -> !c.lsn().isAfter(branchPoint)).forEach(copied::add);
                level.commits().stream().filter(c -> !c.lsn().isAfter(branchPoint)).forEach(copied::add);
                upTo = level.ancestorLsn();
            }
            copied.sort(java.util.Comparator.comparing(TimelineData.Commit::lsn));
            t.detachFrom(ancestor.id(), lsn, copied);
            for (TimelineData c : siblings) {
                c.reparentOnto(id);
                reparented.add(c.id());
            }
            return reparented;
        }
    }

    /** The commit time of the newest commit at or before {@code lsn}, or 412 when there is none. */
    public String timestampOfLsn(TimelineData t, Lsn lsn) {
        Instant found = null;
        for (TimelineData.Commit c : t.commits()) {
            if (!c.lsn().isAfter(lsn)) {
                found = c.at();
            }
        }
        if (found == null) {
            throw HttpError.precondition("Timestamp for lsn " + lsn + " not found");
        }
        return Rfc3339.format(found);
    }

    /** Grants or extends a lease; returns its expiry. Below the GC cutoff → 400 as upstream. */
    public Instant lease(TimelineData t, Lsn lsn, Duration length) {
        if (lsn.isBefore(t.gcCutoff())) {
            throw HttpError.badRequest("tried to request an lsn lease for an lsn below the latest gc cutoff. requested at "
                    + lsn + " gc cutoff " + t.gcCutoff());
        }
        return t.lease(lsn, timing.now().plus(length));
    }

    /** RFC 3339 with milliseconds, as the pageserver prints {@code valid_until}. */
    public static String leaseUntil(Instant at) {
        Instant ms = at.truncatedTo(ChronoUnit.MILLIS);
        String s = Rfc3339.format(ms);
        return s.contains(".") ? s : s.replace("Z", ".000Z");
    }

    /** GC with a horizon: the cutoff moves to {@code last_record_lsn - horizon}, held back by live leases. */
    public void gc(TimelineData t, long horizon) {
        t.gc(horizon, timing.now());
    }
}
