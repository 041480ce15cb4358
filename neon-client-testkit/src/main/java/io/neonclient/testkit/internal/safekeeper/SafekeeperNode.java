package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.pageserver.Timelines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One safekeeper's timelines (safekeeper/src/timelines_global_map.rs {@code GlobalTimelines}). A timeline is here
 * when this safekeeper created, pulled or copied it ("held", with its own control-file state), or, as before
 * safekeepers had their own state in the simulation, when remote storage has it (WAL reaches every safekeeper);
 * deleting one here leaves a tombstone that hides it from this safekeeper only, as upstream's
 * {@code timeline_tombstones} and {@code tenant_tombstones} do (they are not expired: tombstone TTLs are not
 * simulated). WAL written to a timeline (compute writes, {@code cluster.write}) advances the LSNs of held copies too.
 */
public final class SafekeeperNode {
    /** Upstream's {@code WAL_SEGMENT_SIZE}. */
    static final long WAL_SEGMENT_SIZE = 16L * 1024 * 1024;

    /** {@code TenantTimelineId}, printed {@code tenant/timeline}. */
    public record Ttid(TenantId tenant, TimelineId timeline) {
        @Override
        public String toString() {
            return tenant + "/" + timeline;
        }
    }

    /** What {@code GlobalTimelines::get} finds. */
    enum Lookup { PRESENT, NOT_FOUND, DELETED }

    /** A timeline's control file here ({@code TimelinePersistentState}, safekeeper/src/state.rs). */
    static final class Held {
        ObjectNode mconf;
        final ObjectNode pgInfo;
        final Lsn timelineStart;
        final Lsn localStart;
        Lsn commit;
        Lsn flush;
        Lsn backup;
        Lsn peerHorizon;
        Lsn remoteConsistent = Lsn.ZERO;
        long term;
        /** The timeline whose WAL this copy holds (null: its own). */
        Ttid walOrigin;
        final ArrayNode termHistory = Json.MAPPER.createArrayNode();

        Held(ObjectNode mconf, ObjectNode pgInfo, Lsn timelineStart, Lsn localStart) {
            this.mconf = mconf;
            this.pgInfo = pgInfo;
            this.timelineStart = timelineStart;
            this.localStart = localStart;
        }
    }

    private final long id;
    private final List<Long> members;
    private final Timelines timelines;
    private final Map<Ttid, Held> held = new LinkedHashMap<>();
    /** Membership switched on a timeline known from remote storage. */
    private final Map<Ttid, ObjectNode> switched = new HashMap<>();
    private final Set<Ttid> tombstones = new HashSet<>();
    private final Set<TenantId> tenantTombstones = new HashSet<>();
    /** Flush LSN at the last partial-backup reset: the partial segment uploaded up to there is gone. */
    private final Map<Ttid, Lsn> partialResetAt = new HashMap<>();
    /** Terms bumped on timelines known from remote storage (held copies keep theirs in {@link Held#term}). */
    private final Map<Ttid, Long> bumpedTerms = new HashMap<>();
    /** Control-file LSNs patched through {@code PATCH …/control_file}, with the simulation's value when patched. */
    private final Map<Ttid, Map<String, Patch>> patches = new HashMap<>();

    private record Patch(Lsn value, Lsn derivedAt) { }

    public SafekeeperNode(long id, List<Long> members, Timelines timelines) {
        this.id = id;
        this.members = members;
        this.timelines = timelines;
    }

    public long id() {
        return id;
    }

    synchronized Lookup lookup(Ttid t) {
        if (held.containsKey(t)) {
            return Lookup.PRESENT;
        }
        if (tombstones.contains(t) || tenantTombstones.contains(t.tenant())) {
            return Lookup.DELETED;
        }
        return remote(t) != null ? Lookup.PRESENT : Lookup.NOT_FOUND;
    }

    /** The timeline or {@code From<TimelineError> for ApiError}'s 404 (safekeeper/src/timeline.rs). */
    synchronized void require(Ttid t) {
        switch (lookup(t)) {
            case PRESENT -> { }
            case DELETED -> throw HttpError.notFound("timeline " + t + " deleted");
            case NOT_FOUND -> throw HttpError.notFound("timeline " + t + " not found");
        }
    }

    /** Every timeline here, for {@code GET /v1/tenant/timeline} and utilization. */
    synchronized List<Ttid> list() {
        List<Ttid> out = new ArrayList<>(held.keySet());
        for (RemoteStorage.TenantData tenant : timelines.remote().tenants()) {
            List<TimelineData> visible;
            synchronized (tenant) {
                visible = new ArrayList<>();
                for (TimelineData d : tenant.stored()) {
                    if (!d.walGone()) {
                        visible.add(d);
                    }
                }
            }
            for (TimelineData d : visible) {
                Ttid t = new Ttid(tenant.id(), d.id());
                if (!held.containsKey(t) && lookup(t) == Lookup.PRESENT) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** TimelineStatus (libs/safekeeper_api/src/models.rs) as {@code timeline_status_handler} builds it. */
    synchronized ObjectNode status(Ttid t) {
        require(t);
        Held h = held.get(t);
        ObjectNode n = h != null ? held(t, h) : fromRemote(t, remote(t));
        patches.getOrDefault(t, Map.of()).forEach((field, p) -> {
            // a patched LSN shows until the simulation's own value for it moves on (WAL arriving moves it upstream too)
            if (p.derivedAt().equals(Lsn.parse(n.path(field).asText()))) {
                n.put(field, p.value().toString());
            }
        });
        return n;
    }

    /**
     * {@code patch_control_file::handle_request} (safekeeper/src/patch_control_file.rs) for the LSN fields of
     * {@code TimelinePersistentState}: each replaces the persisted value as given, unchecked.
     */
    synchronized void patchLsns(Ttid t, Map<String, Lsn> lsns) {
        require(t);
        Held h = held.get(t);
        ObjectNode derived = h != null ? held(t, h) : fromRemote(t, remote(t));
        Map<String, Patch> mine = patches.computeIfAbsent(t, k -> new HashMap<>());
        lsns.forEach((field, v) -> mine.put(field, new Patch(v, Lsn.parse(derived.path(field).asText()))));
    }

    /** The current membership configuration. */
    synchronized ObjectNode mconf(Ttid t) {
        return status(t).path("mconf").deepCopy();
    }

    /**
     * {@code TimelineState::membership_switch} (safekeeper/src/state.rs): switches only to a higher generation;
     * returns {previous, current}.
     */
    synchronized ObjectNode[] switchMembership(Ttid t, ObjectNode to) {
        ObjectNode before = mconf(t);
        if (SafekeeperMembership.generation(to) > SafekeeperMembership.generation(before)) {
            Held h = held.get(t);
            if (h != null) {
                h.mconf = to.deepCopy();
            } else {
                switched.put(t, to.deepCopy());
            }
        }
        return new ObjectNode[] {before, mconf(t)};
    }

    /**
     * timelines_global_map.rs {@code GlobalTimelines::create} with state.rs {@code TimelinePersistentState::new}'s
     * checks: an existing timeline is left as is (false), a deleted one is refused, a zero segment size or PostgreSQL
     * version and a commit LSN before the start are 500s. The new timeline starts in term 0 with history
     * [(0, start)] and every LSN at {@code start} but commit_lsn (and flush_lsn, where find_end_of_wal starts) at
     * {@code commit}.
     */
    synchronized boolean create(Ttid t, ObjectNode mconf, long pgVersion, java.math.BigInteger systemId, long walSegSize,
            Lsn start, Lsn commit) {
        if (lookup(t) == Lookup.PRESENT) {
            return false;
        }
        if (hasTombstone(t)) {
            throw HttpError.internal("Timeline " + t + " has been deleted");
        }
        if (walSegSize == 0) {
            throw HttpError.internal("Timeline " + t + " is not initialized, wal_seg_size is zero");
        }
        if (pgVersion == 0) {
            throw HttpError.internal("Timeline " + t + " is not initialized, pg_version is unknown");
        }
        if (commit.isBefore(start)) {
            throw HttpError.internal("commit_lsn " + commit + " is smaller than start_lsn " + start);
        }
        ObjectNode pgInfo = Json.MAPPER.createObjectNode();
        pgInfo.put("pg_version", pgVersion).put("system_id", systemId).put("wal_seg_size", walSegSize);
        Held h = new Held(mconf, pgInfo, start, start);
        h.commit = commit;
        h.flush = commit;
        h.backup = start;
        h.peerHorizon = start;
        if (!commit.equals(Lsn.ZERO)) {
            h.termHistory.addObject().put("term", 0).put("lsn", start.toString());
        }
        return install(t, h);
    }

    /** The outcome of a membership switch: both configurations and the timeline's last log term and flush LSN. */
    record Switched(ObjectNode previous, ObjectNode current, long lastLogTerm, String flushLsn) { }

    /**
     * timeline.rs {@code membership_switch} as {@code timeline_membership_handler} calls it: the timeline must be here
     * (404), this safekeeper a member of {@code to} (403); 409 unless the requested generation is current afterwards
     * (an older one is ignored).
     */
    synchronized Switched membershipSwitch(Ttid t, ObjectNode to) {
        require(t);
        if (!SafekeeperMembership.contains(to, id)) {
            throw HttpError.of(403, "Forbidden: refused to switch into " + SafekeeperMembership.display(to) + ", node " + id
                    + " is not a member of it");
        }
        ObjectNode[] switched = switchMembership(t, to);
        long requested = SafekeeperMembership.generation(to);
        long current = SafekeeperMembership.generation(switched[1]);
        if (requested != current) {
            throw HttpError.conflict("request to switch into " + requested + " ignored, current generation " + current);
        }
        ObjectNode status = status(t);
        return new Switched(switched[0], switched[1], status.path("acceptor_state").path("epoch").asLong(),
                status.path("flush_lsn").asText());
    }

    /**
     * routes.rs {@code timeline_exclude_handler}: a member must switch membership instead (403); then
     * {@link #exclude}.
     */
    synchronized boolean excludeTimeline(Ttid t, ObjectNode mconf) {
        if (SafekeeperMembership.contains(mconf, id)) {
            throw HttpError.of(403, "Forbidden: refused to exclude timeline with " + SafekeeperMembership.display(mconf)
                    + ", node " + id + " is member of it");
        }
        return exclude(t, mconf);
    }

    /** routes.rs {@code timeline_checkpoint_handler}: the control file is persisted on every change here, so it is done. */
    synchronized void checkpoint(Ttid t) {
        require(t);
    }

    /** Bytes the timelines' WAL and control files take on disk ({@code /v1/debug/filesystem_usage}). */
    synchronized long filesystemUsage() {
        long used = 0;
        for (Ttid t : list()) {
            ObjectNode s = status(t);
            used += Lsn.parse(s.path("flush_lsn").asText()).minus(Lsn.parse(s.path("local_start_lsn").asText())) + 512;
        }
        return used;
    }

    /** Any timeline or tenant tombstone ({@code has_tombstone}; deletions leave generation-less, permanent ones). */
    synchronized boolean hasTombstone(Ttid t) {
        return tombstones.contains(t) || tenantTombstones.contains(t.tenant());
    }

    /**
     * {@code load_temp_timeline}: installs a created, pulled or copied timeline; false when it appeared meanwhile
     * ({@code AlreadyExists}), 500 {@code has been deleted} behind a tombstone.
     */
    synchronized boolean install(Ttid t, Held h) {
        if (lookup(t) == Lookup.PRESENT) {
            return false;
        }
        if (hasTombstone(t)) {
            throw HttpError.internal("Timeline " + t + " has been deleted");
        }
        held.put(t, h);
        return true;
    }

    /** {@code delete_or_exclude} with Delete/DeleteLocal: whether the timeline's directory existed. */
    synchronized boolean delete(Ttid t) {
        if (tombstones.contains(t)) {
            return false;
        }
        boolean existed = held.containsKey(t) || (!tenantTombstones.contains(t.tenant()) && remote(t) != null);
        held.remove(t);
        switched.remove(t);
        patches.remove(t);
        tombstones.add(t);
        return existed;
    }

    /** {@code delete_all_for_tenant}: a tenant tombstone first, then every timeline of the tenant held here. */
    synchronized Map<TimelineId, Boolean> deleteTenant(TenantId tenant) {
        List<Ttid> of = new ArrayList<>();
        for (Ttid t : list()) {
            if (t.tenant().equals(tenant)) {
                of.add(t);
            }
        }
        tenantTombstones.add(tenant);
        Map<TimelineId, Boolean> out = new LinkedHashMap<>();
        for (Ttid t : of) {
            held.remove(t);
            switched.remove(t);
            patches.remove(t);
            tombstones.add(t);
            out.put(t.timeline(), true);
        }
        return out;
    }

    /**
     * {@code TimelineState::term_bump} (safekeeper/src/state.rs): to {@code max(term, to)}, or {@code term + 1} without
     * {@code to}; answers {previous_term, current_term}.
     */
    synchronized ObjectNode termBump(Ttid t, Long to) {
        require(t);
        Held h = held.get(t);
        long before = h != null ? h.term : bumpedTerms.getOrDefault(t, 1L);
        long after = to == null ? before + 1 : Math.max(before, to);
        if (h != null) {
            h.term = after;
        } else {
            bumpedTerms.put(t, after);
        }
        return Json.MAPPER.createObjectNode().put("previous_term", before).put("current_term", after);
    }

    /**
     * {@code delete_or_exclude} with {@code Exclude(mconf)} (safekeeper/src/timelines_global_map.rs): nothing to do
     * behind a tombstone; 409 when this copy's generation is newer than the excluding configuration's; otherwise the
     * local copy goes (its WAL stays in remote storage). Answers whether the timeline's directory existed.
     */
    synchronized boolean exclude(Ttid t, ObjectNode mconf) {
        if (tombstones.contains(t)) {
            return false;
        }
        if (lookup(t) == Lookup.PRESENT) {
            ObjectNode current = mconf(t);
            if (SafekeeperMembership.generation(current) > SafekeeperMembership.generation(mconf)) {
                throw HttpError.conflict("refused to switch into excluding mconf " + SafekeeperMembership.display(mconf)
                        + ", current: " + SafekeeperMembership.display(current));
            }
        }
        bumpedTerms.remove(t);
        return delete(t);
    }

    /**
     * {@code backup_partial_reset} (safekeeper/src/wal_backup_partial.rs): the uploaded partial segment (named
     * {@code <segment>_<term>_<flush>_<commit>_sk<id>.partial}) is deleted and its name answered; none is uploaded again
     * until the WAL moves on.
     */
    synchronized com.fasterxml.jackson.databind.node.ArrayNode backupPartialReset(Ttid t) {
        ObjectNode s = status(t);
        Lsn flush = Lsn.parse(s.path("flush_lsn").asText());
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
        if (flush.value() % WAL_SEGMENT_SIZE != 0 && !flush.equals(partialResetAt.get(t))) {
            long segno = flush.value() / WAL_SEGMENT_SIZE;
            out.add(String.format("%08X%08X%08X_%d_%016X_%016X_sk%d.partial", 1, segno / 0x100, segno % 0x100,
                    s.path("acceptor_state").path("term").asLong(), flush.value(), Lsn.parse(s.path("commit_lsn").asText()).value(), id));
        }
        partialResetAt.put(t, flush);
        return out;
    }

    /**
     * The WAL remote storage has for {@code t}: a timeline the pageservers deleted keeps its WAL here (deleting a
     * timeline on a pageserver does not touch the safekeepers), unless the safekeepers' copies were deleted too.
     */
    private TimelineData remote(Ttid t) {
        RemoteStorage.TenantData tenant = timelines.remote().existing(t.tenant());
        if (tenant == null) {
            return null;
        }
        synchronized (tenant) {
            TimelineData d = tenant.stored(t.timeline());
            return d == null || d.walGone() ? null : d;
        }
    }

    /** Records that {@code target} holds {@code origin}'s WAL up to {@code until}, for a pageserver timeline created on it. */
    void recordCopy(Ttid target, Ttid origin, Lsn until) {
        timelines.remote().tenant(target.tenant()).recordWalCopy(target.timeline(), new RemoteStorage.WalCopy(origin.timeline(), until));
    }

    /**
     * Whose WAL bytes {@code t} holds: a copy holds its source's ({@code copy_timeline}), anything else its own; two
     * timelines with the same origin have equal digests over the same range.
     */
    synchronized Ttid walOrigin(Ttid t) {
        require(t);
        Held h = held.get(t);
        return h != null && h.walOrigin != null ? h.walOrigin : t;
    }

    private ObjectNode held(Ttid t, Held h) {
        TimelineData wal = remote(t);
        Lsn end = wal == null ? Lsn.ZERO : wal.safekeeperWalEnd();
        Lsn flush = max(h.flush, end);
        long lastLogTerm = 0;
        for (JsonNode e : h.termHistory) {
            if (!Lsn.parse(e.path("lsn").asText()).isAfter(flush)) {
                lastLogTerm = e.path("term").asLong();
            }
        }
        ObjectNode n = head(t, h.mconf);
        ObjectNode acceptor = n.putObject("acceptor_state");
        acceptor.put("term", h.term);
        acceptor.put("epoch", lastLogTerm);
        acceptor.set("term_history", h.termHistory.deepCopy());
        n.set("pg_info", h.pgInfo.deepCopy());
        return lsns(n, flush, h.timelineStart, h.localStart, max(h.commit, end), max(h.backup, end), max(h.peerHorizon, end),
                max(h.remoteConsistent, end));
    }

    /** A timeline known from remote storage: a compute has voted (term 1) and WAL is committed up to its end. */
    private ObjectNode fromRemote(Ttid t, TimelineData d) {
        TimelineData.Membership placed = d.membership();
        ObjectNode shared = SafekeeperMembership.of(Math.max(1, placed.generation()), placed.generation() > 0 ? placed.set() : members);
        ObjectNode own = switched.get(t);
        ObjectNode n = head(t, own != null && SafekeeperMembership.generation(own) >= SafekeeperMembership.generation(shared)
                ? own : shared);
        ObjectNode acceptor = n.putObject("acceptor_state");
        acceptor.put("term", bumpedTerms.getOrDefault(t, 1L));
        acceptor.put("epoch", 1);
        acceptor.putArray("term_history").addObject().put("term", 1).put("lsn", d.initdbLsn().toString());
        ObjectNode pg = n.putObject("pg_info");
        pg.put("pg_version", d.pgVersion() * 10000);
        pg.put("system_id", 7_000_000_000_000_000_000L + Math.abs(d.id().hashCode()));
        pg.put("wal_seg_size", WAL_SEGMENT_SIZE);
        Lsn end = d.safekeeperWalEnd();
        return lsns(n, end, d.initdbLsn(), d.initdbLsn(), end, end, end, end);
    }

    private static ObjectNode head(Ttid t, ObjectNode mconf) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", t.tenant().toString());
        n.put("timeline_id", t.timeline().toString());
        n.set("mconf", mconf.deepCopy());
        return n;
    }

    private static ObjectNode lsns(ObjectNode n, Lsn flush, Lsn start, Lsn localStart, Lsn commit, Lsn backup, Lsn peerHorizon,
            Lsn remoteConsistent) {
        n.put("flush_lsn", flush.toString());
        n.put("timeline_start_lsn", start.toString());
        n.put("local_start_lsn", localStart.toString());
        n.put("commit_lsn", commit.toString());
        n.put("backup_lsn", backup.toString());
        n.put("peer_horizon_lsn", peerHorizon.toString());
        n.put("remote_consistent_lsn", remoteConsistent.toString());
        n.putArray("peers");
        n.putArray("walsenders");
        n.putArray("walreceivers");
        return n;
    }

    private static Lsn max(Lsn a, Lsn b) {
        return a.isAfter(b) ? a : b;
    }
}
