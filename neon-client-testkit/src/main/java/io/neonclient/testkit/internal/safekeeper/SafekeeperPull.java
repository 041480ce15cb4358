package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Timelines a safekeeper takes from others: safekeeper/src/pull_timeline.rs {@code handle_request} (from the most
 * advanced peer), safekeeper/src/copy_timeline.rs {@code handle_request} (a local copy up to an LSN) and
 * safekeeper/src/debug_dump.rs {@code calculate_digest} (which compares copies). Peers are asked for their timeline
 * status over their own routes, in-process (so faults injected on them apply), never with this node's monitor held.
 */
public final class SafekeeperPull {
    /** Upstream copy_timeline's {@code MAX_BACKUP_LAG}: ten segments. */
    private static final long MAX_BACKUP_LAG = 10 * SafekeeperNode.WAL_SEGMENT_SIZE;

    /** GETs {@code path} from the safekeeper at {@code httpHost}; null when it cannot be reached. */
    @FunctionalInterface
    public interface Peers {
        Reply get(String httpHost, String path);
    }

    private final SafekeeperNode node;
    private final Peers peers;

    public SafekeeperPull(SafekeeperNode node, Peers peers) {
        this.node = node;
        this.peers = peers;
    }

    /**
     * pull_timeline.rs {@code handle_request}: a mconf without this safekeeper is a 400; a timeline already here only
     * switches to mconf (answers null); else the peers' statuses (one may fail), a peer with a newer generation than
     * mconf is a 409, the most advanced peer (last_log_term, flush_lsn, term, commit_lsn) is copied, a tombstone here is
     * a 409, and the copy switches to mconf. Answers the donor's host, or null when nothing was pulled.
     */
    public String pullTimeline(SafekeeperNode.Ttid t, List<String> hosts, ObjectNode mconf) {
        if (mconf != null && !SafekeeperMembership.contains(mconf, node.id())) {
            throw HttpError.badRequest("refused to pull timeline with " + SafekeeperMembership.display(mconf) + ", node " + node.id()
                    + " is not member of it");
        }
        if (node.lookup(t) == SafekeeperNode.Lookup.PRESENT) {
            if (mconf != null) {
                node.switchMembership(t, mconf);
            }
            return null;
        }
        record Donor(JsonNode status, String host) { }
        List<Donor> statuses = new ArrayList<>();
        for (String host : hosts) {
            JsonNode status = peerStatus(host, t);
            if (status == null) {
                continue;
            }
            long peerGen = status.path("mconf").path("generation").asLong();
            if (mconf != null && peerGen > SafekeeperMembership.generation(mconf)) {
                throw HttpError.conflict("cannot pull timeline with generation " + SafekeeperMembership.generation(mconf) + ": timeline "
                        + t.timeline() + " already exists with generation " + peerGen + " on " + host);
            }
            statuses.add(new Donor(status, host));
        }
        // (http_hosts.len() - 1).max(1) in usize: an empty list wraps around in a release build
        String required = hosts.isEmpty() ? Long.toUnsignedString(-1L) : String.valueOf(Math.max(hosts.size() - 1, 1));
        if (hosts.isEmpty() || statuses.size() < Long.parseLong(required)) {
            throw HttpError.internal("only got " + statuses.size() + " successful status responses. required: " + required);
        }
        Donor donor = statuses.stream().max(Comparator
                .comparingLong((Donor d) -> d.status().path("acceptor_state").path("epoch").asLong())
                .thenComparing(d -> lsnOf(d.status(), "flush_lsn"))
                .thenComparingLong(d -> d.status().path("acceptor_state").path("term").asLong())
                .thenComparing(d -> lsnOf(d.status(), "commit_lsn"))).orElseThrow();
        if (node.hasTombstone(t)) {
            // load_temp_timeline refuses a deleted timeline; handle_request maps TimelineError::Deleted to 409
            throw HttpError.conflict("Timeline " + t.tenant() + "/" + t.timeline() + " deleted");
        }
        if (!node.install(t, copyOf(donor.status()))) {
            return null;
        }
        if (mconf != null) {
            node.switchMembership(t, mconf);
        }
        return donor.host();
    }

    private JsonNode peerStatus(String host, SafekeeperNode.Ttid t) {
        Reply r = peers.get(host, "/v1/tenant/" + t.tenant() + "/timeline/" + t.timeline());
        if (r == null || r.status() != 200) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** The donor's control file and WAL, as the snapshot carries them. */
    private static SafekeeperNode.Held copyOf(JsonNode s) {
        SafekeeperNode.Held h = new SafekeeperNode.Held((ObjectNode) s.get("mconf").deepCopy(), (ObjectNode) s.get("pg_info").deepCopy(),
                lsnOf(s, "timeline_start_lsn"), lsnOf(s, "local_start_lsn"));
        h.commit = lsnOf(s, "commit_lsn");
        h.flush = lsnOf(s, "flush_lsn");
        h.backup = lsnOf(s, "backup_lsn");
        h.peerHorizon = lsnOf(s, "peer_horizon_lsn");
        h.remoteConsistent = lsnOf(s, "remote_consistent_lsn");
        h.term = s.path("acceptor_state").path("term").asLong();
        s.path("acceptor_state").path("term_history").forEach(e -> h.termHistory.add(e.deepCopy()));
        return h;
    }

    private static Lsn lsnOf(JsonNode status, String field) {
        return Lsn.parse(status.path(field).asText("0/0"));
    }

    /**
     * copy_timeline.rs {@code handle_request} (TimelineCopyRequest): an existing target is left as is; otherwise the
     * source's WAL up to {@code until} becomes a new timeline (generation 0, no members) whose commit and peer horizon
     * are {@code until}. Every failure is a 500 (copy_timeline's anyhow errors), an unknown source included.
     */
    public void copyTimeline(SafekeeperNode.Ttid source, SafekeeperNode.Ttid dest, Lsn until) {
        switch (node.lookup(dest)) {
            case PRESENT -> {
                return;
            }
            case DELETED -> throw HttpError.internal("Timeline " + dest + " has been deleted");
            case NOT_FOUND -> { }
        }
        switch (node.lookup(source)) {
            case PRESENT -> { }
            case DELETED -> throw HttpError.internal("Timeline " + source + " has been deleted");
            case NOT_FOUND -> throw HttpError.internal("Timeline " + source + " was not found in global map");
        }
        ObjectNode s = node.status(source);
        Lsn start = lsnOf(s, "timeline_start_lsn");
        if (start.equals(Lsn.ZERO)) {
            throw HttpError.internal("timeline is not initialized");
        }
        Lsn flush = lsnOf(s, "flush_lsn");
        Lsn backup = lsnOf(s, "backup_lsn");
        if (until.isAfter(flush)) {
            throw HttpError.internal("requested LSN " + until + " is beyond the end of the timeline " + flush);
        }
        if (until.isBefore(start)) {
            throw HttpError.internal("requested LSN " + until + " is before the start of the timeline " + start);
        }
        if (backup.isBefore(until) && until.value() - backup.value() > MAX_BACKUP_LAG) {
            throw HttpError.internal("too many segments are not backed up");
        }
        long segSize = s.path("pg_info").path("wal_seg_size").asLong();
        if (segSize == 0) {
            throw HttpError.internal("wal_seg_size is not set");
        }
        Lsn lastSegmentStart = Lsn.of(Long.divideUnsigned(until.value(), segSize) * segSize);
        Lsn maxBackup = backup.isBefore(lastSegmentStart) ? backup : lastSegmentStart;
        SafekeeperNode.Held h = new SafekeeperNode.Held(SafekeeperMembership.empty(), (ObjectNode) s.get("pg_info").deepCopy(), start, start);
        h.commit = until;
        h.flush = until;
        h.backup = maxBackup.isAfter(start) ? maxBackup : start;
        h.peerHorizon = until;
        h.termHistory.addObject().put("term", 0).put("lsn", start.toString());
        h.walOrigin = node.walOrigin(source);
        if (node.install(dest, h)) {
            node.recordCopy(dest, h.walOrigin, until);
        }
        return;
    }

    /**
     * debug_dump.rs {@code calculate_digest}: from after until and from before the timeline's start are 500s, and the
     * SHA-256 covers the WAL bytes in between, which the simulation derives from whose WAL it is (a copy has its
     * source's bytes) and the range; reading past the WAL's end fails as the WAL reader does. Answers the hex digest.
     */
    public String calculateDigest(SafekeeperNode.Ttid t, Lsn from, Lsn until) {
        ObjectNode s = node.status(t);
        if (from.isAfter(until)) {
            throw HttpError.internal("from_lsn is greater than until_lsn");
        }
        if (lsnOf(s, "timeline_start_lsn").isAfter(from)) {
            throw HttpError.internal("requested LSN is before the start of the timeline");
        }
        if (until.isAfter(lsnOf(s, "flush_lsn"))) {
            throw HttpError.internal("wal_reader.read returned 0 bytes");
        }
        SafekeeperNode.Ttid origin = node.walOrigin(t);
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((origin + " " + from + " " + until).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
