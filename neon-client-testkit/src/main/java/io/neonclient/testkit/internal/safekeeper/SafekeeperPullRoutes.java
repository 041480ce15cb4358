package io.neonclient.testkit.internal.safekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A safekeeper's {@code POST /v1/pull_timeline} (safekeeper/src/pull_timeline.rs {@code handle_request}) and
 * {@code POST /v1/tenant/{tenant_id}/timeline/{source_timeline_id}/copy} (safekeeper/src/copy_timeline.rs). Both take
 * only a {@code safekeeperdata} token. Peers are asked for their timeline status over their own routes, in-process
 * (so faults injected on them apply), with the safekeeper's own token.
 */
public final class SafekeeperPullRoutes {
    /** Upstream copy_timeline's {@code MAX_BACKUP_LAG}: ten segments. */
    private static final long MAX_BACKUP_LAG = 10 * SafekeeperNode.WAL_SEGMENT_SIZE;

    /** GETs {@code path} from the safekeeper at {@code httpHost}; null when it cannot be reached. */
    @FunctionalInterface
    public interface Peers {
        Reply get(String httpHost, String path);
    }

    private final SafekeeperNode node;
    private final Peers peers;

    public SafekeeperPullRoutes(SafekeeperNode node, Peers peers) {
        this.node = node;
        this.peers = peers;
    }

    public Router register(Router r) {
        r.add("POST", "/v1/pull_timeline", SafekeeperRoutes.SAFEKEEPER_DATA, this::pull);
        r.add("POST", "/v1/tenant/{tenant_id}/timeline/{source_timeline_id}/copy", SafekeeperRoutes.SAFEKEEPER_DATA, this::copy);
        r.add("GET", "/v1/tenant/{tenant_id}/timeline/{timeline_id}/digest", RouteAuth.component("safekeeperdata"), this::digest);
        return r;
    }

    /**
     * PullTimelineRequest {tenant_id, timeline_id, http_hosts, mconf?}: a mconf without this safekeeper is a 400; a
     * timeline already here only switches to mconf ({@code safekeeper_host: null}); else the peers' statuses (one may
     * fail), a peer with a newer generation than mconf is a 409, the most advanced peer (last_log_term, flush_lsn,
     * term, commit_lsn) is copied, a tombstone here is a 409, and the copy switches to mconf.
     */
    private Reply pull(Exchange x) {
        ObjectNode b = x.object();
        TenantId tenant = SafekeeperTimelineRoutes.bodyId(b, "tenant_id", TenantId::parse);
        TimelineId timeline = SafekeeperTimelineRoutes.bodyId(b, "timeline_id", TimelineId::parse);
        JsonNode hostsNode = b.get("http_hosts");
        if (hostsNode == null) {
            throw HttpError.badRequest("Failed to parse json request: missing field `http_hosts`");
        }
        if (!hostsNode.isArray()) {
            throw HttpError.badRequest("Failed to parse json request: http_hosts: invalid type: " + hostsNode + ", expected a sequence");
        }
        List<String> hosts = new ArrayList<>();
        for (JsonNode h : hostsNode) {
            if (!h.isTextual()) {
                throw HttpError.badRequest("Failed to parse json request: http_hosts: invalid type: " + h + ", expected a string");
            }
            hosts.add(h.asText());
        }
        ObjectNode mconf = b.hasNonNull("mconf") ? SafekeeperMembership.parse(b.get("mconf"), "mconf") : null;
        if (mconf != null && !SafekeeperMembership.contains(mconf, node.id())) {
            throw HttpError.badRequest("refused to pull timeline with " + SafekeeperMembership.display(mconf) + ", node " + node.id()
                    + " is not member of it");
        }
        SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(tenant, timeline);
        if (node.lookup(t) == SafekeeperNode.Lookup.PRESENT) {
            if (mconf != null) {
                node.switchMembership(t, mconf);
            }
            return pulled(null);
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
                        + timeline + " already exists with generation " + peerGen + " on " + host);
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
            throw HttpError.conflict("Timeline " + tenant + "/" + timeline + " deleted");
        }
        if (!node.install(t, copyOf(donor.status()))) {
            return pulled(null);
        }
        if (mconf != null) {
            node.switchMembership(t, mconf);
        }
        return pulled(donor.host());
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

    private static Reply pulled(String host) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("safekeeper_host", host);
        return Reply.ok(out);
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
     * TimelineCopyRequest {target_timeline_id, until_lsn}: an existing target is left as is; otherwise the source's WAL
     * up to until_lsn becomes a new timeline (generation 0, no members) whose commit and peer horizon are until_lsn.
     * Every failure is a 500 (copy_timeline's anyhow errors), an unknown source included.
     */
    private Reply copy(Exchange x) {
        ObjectNode b = x.object();
        TimelineId target = SafekeeperTimelineRoutes.bodyId(b, "target_timeline_id", TimelineId::parse);
        Lsn until = SafekeeperTimelineRoutes.lsn(b, "until_lsn", true);
        TenantId tenant = x.tenantId();
        TimelineId sourceId;
        try {
            sourceId = TimelineId.parse(x.param("source_timeline_id"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Cannot parse timeline id '" + x.param("source_timeline_id") + "': " + e.getMessage());
        }
        SafekeeperNode.Ttid dest = new SafekeeperNode.Ttid(tenant, target);
        SafekeeperNode.Ttid source = new SafekeeperNode.Ttid(tenant, sourceId);
        switch (node.lookup(dest)) {
            case PRESENT -> {
                return Reply.nullBody();
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
        return Reply.nullBody();
    }

    /**
     * {@code timeline_digest_handler} and debug_dump.rs {@code calculate_digest}: both LSNs are required (400), from
     * after until and from before the timeline's start are 500s, and the SHA-256 covers the WAL bytes in between, which
     * the simulation derives from whose WAL it is (a copy has its source's bytes) and the range; reading past the WAL's
     * end fails as the WAL reader does.
     */
    private Reply digest(Exchange x) {
        SafekeeperNode.Ttid t = new SafekeeperNode.Ttid(x.tenantId(), x.timelineId());
        Lsn from = queryLsn(x, "from_lsn");
        Lsn until = queryLsn(x, "until_lsn");
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
            return Reply.ok(Json.MAPPER.createObjectNode().put("sha256", java.util.HexFormat.of().formatHex(hash)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Lsn queryLsn(Exchange x, String name) {
        String v = x.query(name);
        if (v == null) {
            throw HttpError.badRequest(name + " is required");
        }
        try {
            return Lsn.parse(v);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse " + name + ": " + e.getMessage());
        }
    }
}
