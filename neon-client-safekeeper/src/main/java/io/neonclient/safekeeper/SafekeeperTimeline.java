package io.neonclient.safekeeper;

import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.List;

/** {@code /v1/tenant/{tenant_id}/timeline/{timeline_id}} on one safekeeper. Obtain with {@link SafekeeperClient#timeline}. */
public final class SafekeeperTimeline {
    private static final String PATH = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
    private static final Json.Reader<TimelineStatus> STATUS = Json.reader(TimelineStatus.class);
    private static final Json.Reader<TimelineDeleteResult> DELETED = Json.reader(TimelineDeleteResult.class);
    private static final Json.Reader<List<String>> NAMES = Json.reader(new com.fasterxml.jackson.core.type.TypeReference<>() {});
    private static final Json.Reader<TermBump> TERM_BUMP = Json.reader(TermBump.class);
    private static final Json.Reader<MembershipSwitch> SWITCH = Json.reader(MembershipSwitch.class);
    private static final Json.Reader<ControlFileChange> CONTROL_FILE = Json.reader(ControlFileChange.class);

    private final SafekeeperClient client;
    private final TenantTimelineId id;

    SafekeeperTimeline(SafekeeperClient client, TenantTimelineId id) {
        this.client = client;
        this.id = id;
    }

    /** The timeline this handle addresses. */
    public TenantTimelineId id() {
        return id;
    }

    /**
     * {@code GET /v1/tenant/{tenant_id}/timeline/{timeline_id}}: commit, flush and backup LSNs, membership, acceptor
     * state and peers.
     *
     * @throws io.neonclient.core.NotFoundException when the safekeeper does not hold the timeline
     */
    public TimelineStatus status() {
        return client.transport.call(Request.get(PATH, id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE).build(), STATUS);
    }

    /** {@code DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}}: deletes the timeline here and its remote WAL. */
    public TimelineDeleteResult delete() {
        return delete(false);
    }

    /**
     * {@code DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}?only_local=true}: with {@code onlyLocal}, removes only
     * this safekeeper's copy and keeps the WAL in remote storage.
     */
    public TimelineDeleteResult delete(boolean onlyLocal) {
        Request.Builder r = Request.delete(PATH, id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE).idempotent(true);
        if (onlyLocal) {
            r.query("only_local", true);
        }
        return client.transport.call(r.build(), DELETED);
    }

    /**
     * {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/membership} with the membership itself as the body:
     * switches this safekeeper to {@code mconf} (a step of a safekeeper migration).
     *
     * @throws io.neonclient.core.ConflictException 409 when the safekeeper ignored the switch (it has a newer generation)
     * @throws io.neonclient.core.AuthException     403 when this safekeeper is not a member of {@code mconf}
     */
    public MembershipSwitch membership(Membership mconf) {
        if (mconf == null) {
            throw new NullPointerException("membership must not be null");
        }
        return client.transport.call(Request.put(PATH + "/membership", id.tenantId(), id.timelineId())
                .scope(SafekeeperClient.SCOPE).idempotent(true).json(mconf).build(), SWITCH);
    }

    /**
     * {@code POST /v1/tenant/{tenant_id}/timeline/{source_timeline_id}/copy} with {@code {"target_timeline_id", "until_lsn"}}:
     * registers {@code target} as a copy of this timeline's WAL up to {@code untilLsn} (needs remote storage).
     */
    public void copyTo(io.neonclient.core.TimelineId target, io.neonclient.core.Lsn untilLsn) {
        if (target == null || untilLsn == null) {
            throw new NullPointerException("copyTo needs a target timeline and an LSN");
        }
        if (target.equals(id.timelineId())) {
            throw new IllegalArgumentException("copyTo target must differ from the source timeline " + target);
        }
        client.transport.send(Request.post(PATH + "/copy", id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE)
                .json(new CopyRequest(target, untilLsn)).build());
    }

    /**
     * {@code PATCH /v1/tenant/{tenant_id}/timeline/{timeline_id}/control_file} with
     * {@code {"updates": {…}, "apply_fields": […]}}: overwrites the named LSNs in this timeline's control file and
     * persists it (upstream {@code patch_control_file_handler} → {@code patch_control_file::handle_request}). A repair
     * tool: the safekeeper checks nothing, a wrong value can lose WAL. Repeating the same patch gives the same state, so
     * it is retried.
     *
     * @throws io.neonclient.core.NotFoundException    when the safekeeper does not hold the timeline
     * @throws io.neonclient.core.ServerErrorException 500 when the patched state does not persist
     */
    public ControlFileChange patchControlFile(ControlFilePatch patch) {
        java.util.Objects.requireNonNull(patch, "patch");
        return client.transport.call(Request.patch(PATH + "/control_file", id.tenantId(), id.timelineId())
                .scope(SafekeeperClient.SCOPE).idempotent(true).json(patch.body()).build(), CONTROL_FILE);
    }

    /**
     * {@code GET /v1/tenant/{tenant_id}/timeline/{timeline_id}/digest?from_lsn=…&until_lsn=…}: the SHA-256 of this
     * safekeeper's WAL bytes in {@code [from, until)} (upstream {@code safekeeper/src/debug_dump.rs}
     * {@code calculate_digest}); equal digests of two timelines mean the same WAL over that range.
     *
     * @return the digest, lower-case hex
     * @throws IllegalArgumentException              when {@code from} is after {@code until}
     * @throws io.neonclient.core.ServerErrorException 500 when the range starts before the timeline or ends past its WAL
     * @throws io.neonclient.core.NotFoundException    when the safekeeper does not hold the timeline
     */
    public String digest(io.neonclient.core.Lsn from, io.neonclient.core.Lsn until) {
        java.util.Objects.requireNonNull(from, "from");
        java.util.Objects.requireNonNull(until, "until");
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("digest range: from " + from + " must not be after until " + until);
        }
        return client.transport.call(Request.get(PATH + "/digest", id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE)
                .query("from_lsn", from.toString()).query("until_lsn", until.toString()).build(), DIGEST).sha256();
    }

    /** Upstream {@code TimelineDigest}. */
    record Digest(String sha256) {}

    private static final Json.Reader<Digest> DIGEST = Json.reader(Digest.class);

    /**
     * {@code POST …/term_bump} with {@code {}}: raises this safekeeper's term by one, so the current walproposer loses
     * its leadership here and a new election follows (upstream {@code TimelineState::term_bump},
     * {@code safekeeper/src/state.rs}). Not retried: each call bumps again.
     */
    public TermBump termBump() {
        return client.transport.call(Request.post(PATH + "/term_bump", id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE)
                .json(java.util.Map.of()).build(), TERM_BUMP);
    }

    /**
     * {@code POST …/term_bump} with {@code {"term": term}}: raises the term to {@code term} if it is higher; otherwise
     * leaves it (the answer then shows equal terms). Repeating it is harmless, so it is retried.
     *
     * @throws IllegalArgumentException when {@code term} is negative
     */
    public TermBump termBump(long term) {
        if (term < 0) {
            throw new IllegalArgumentException("term must be >= 0, got " + term);
        }
        return client.transport.call(Request.post(PATH + "/term_bump", id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE)
                .idempotent(true).json(java.util.Map.of("term", term)).build(), TERM_BUMP);
    }

    /**
     * {@code PUT …/exclude} with the membership as the body: removes this safekeeper's copy of the timeline after a
     * migration left it out of {@code mconf} (upstream {@code timeline_exclude_handler}, {@code delete_or_exclude} with
     * {@code Exclude}); the WAL in remote storage stays.
     *
     * @throws io.neonclient.core.AuthException     403 when this safekeeper is a member of {@code mconf} (switch instead)
     * @throws io.neonclient.core.ConflictException 409 when the safekeeper already has a newer generation
     */
    public TimelineDeleteResult exclude(Membership mconf) {
        java.util.Objects.requireNonNull(mconf, "mconf");
        return client.transport.call(Request.put(PATH + "/exclude", id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE)
                .idempotent(true).json(mconf).build(), DELETED);
    }

    /**
     * {@code GET …/snapshot/{destination_id}}: the timeline as a tar stream (control file and WAL segments), as
     * {@code pull_timeline} on safekeeper {@code destination} downloads it (upstream {@code stream_snapshot},
     * {@code safekeeper/src/pull_timeline.rs}). Held in memory, so bounded by the client's {@code maxResponseBytes}.
     */
    public byte[] snapshot(io.neonclient.core.NodeId destination) {
        java.util.Objects.requireNonNull(destination, "destination");
        return client.transport.send(Request.get(PATH + "/snapshot/{destination_id}", id.tenantId(), id.timelineId(), destination)
                .scope(SafekeeperClient.SCOPE).build()).body();
    }

    /**
     * {@code POST …/checkpoint}: persists the timeline's control file now (upstream {@code timeline_checkpoint_handler});
     * needs a {@code safekeeperdata} token.
     */
    public void checkpoint() {
        client.transport.send(Request.post(PATH + "/checkpoint", id.tenantId(), id.timelineId()).scope(SafekeeperClient.SCOPE)
                .idempotent(true).build());
    }

    /**
     * {@code POST …/backup_partial_reset}: forgets the timeline's uploaded partial WAL segment and deletes it from remote
     * storage (upstream {@code backup_partial_reset}, {@code safekeeper/src/wal_backup_partial.rs}); the next partial
     * backup uploads afresh. Returns the names of the deleted objects.
     */
    public List<String> backupPartialReset() {
        List<String> deleted = client.transport.call(Request.post(PATH + "/backup_partial_reset", id.tenantId(), id.timelineId())
                .scope(SafekeeperClient.SCOPE).build(), NAMES);
        return deleted == null ? List.of() : List.copyOf(deleted);
    }

    /** Upstream {@code TimelineCopyRequest}. */
    record CopyRequest(io.neonclient.core.TimelineId targetTimelineId, io.neonclient.core.Lsn untilLsn) {}

    @Override
    public String toString() {
        return "SafekeeperTimeline[" + id.tenantId() + "/" + id.timelineId() + "]";
    }
}
