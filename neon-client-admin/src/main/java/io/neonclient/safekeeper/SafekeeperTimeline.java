package io.neonclient.safekeeper;

import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;

/** {@code /v1/tenant/{tenant_id}/timeline/{timeline_id}} on one safekeeper. Obtain with {@link SafekeeperClient#timeline}. */
public final class SafekeeperTimeline {
    private static final String PATH = "/v1/tenant/{tenant_id}/timeline/{timeline_id}";
    private static final Json.Reader<TimelineStatus> STATUS = Json.reader(TimelineStatus.class);
    private static final Json.Reader<TimelineDeleteResult> DELETED = Json.reader(TimelineDeleteResult.class);

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

    @Override
    public String toString() {
        return "SafekeeperTimeline[" + id.tenantId() + "/" + id.timelineId() + "]";
    }
}
