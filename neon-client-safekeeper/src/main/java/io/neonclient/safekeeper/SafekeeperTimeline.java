package io.neonclient.safekeeper;

import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;

/** {@code /v1/tenant/{tenant_id}/timeline/{timeline_id}} on one safekeeper. Obtain with {@link SafekeeperClient#timeline}. */
public final class SafekeeperTimeline {
    private static final String PATH = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
    private static final Json.Reader<TimelineStatus> STATUS = Json.reader(TimelineStatus.class);
    private static final Json.Reader<TimelineDeleteResult> DELETED = Json.reader(TimelineDeleteResult.class);
    private static final Json.Reader<MembershipSwitch> SWITCH = Json.reader(MembershipSwitch.class);

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

    /** Upstream {@code TimelineCopyRequest}. */
    record CopyRequest(io.neonclient.core.TimelineId targetTimelineId, io.neonclient.core.Lsn untilLsn) {}

    @Override
    public String toString() {
        return "SafekeeperTimeline[" + id.tenantId() + "/" + id.timelineId() + "]";
    }
}
