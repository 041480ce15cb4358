package io.neonclient.storcon;

import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;

/**
 * A timeline deletion from {@link TimelineResource#delete()}. The controller answers 200 once every shard reports the
 * timeline gone, or 409 after ~25 s while deletion continues (upstream {@code deletion_wrapper} in
 * {@code storage_controller/src/http.rs}). {@code await} repeats the DELETE until 200; a 404 on a repeat (the tenant
 * itself is gone) also counts as deleted. {@link #isDone()} tells whether the first DELETE already finished it.
 */
public final class TimelineDeletion extends Awaitable<Boolean, TimelineId> {
    private final TenantId tenantId;
    private final TimelineId timelineId;
    private volatile boolean done;

    TimelineDeletion(StorageControllerClient client, TenantId tenantId, TimelineId timelineId) {
        super(client);
        this.tenantId = tenantId;
        this.timelineId = timelineId;
    }

    void firstAttempt() {
        done = client.tenant(tenantId).timeline(timelineId).sendDelete();
    }

    /** The tenant of the timeline. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The timeline being deleted. */
    public TimelineId timelineId() {
        return timelineId;
    }

    /** True once a DELETE answered 200. */
    public boolean isDone() {
        return done;
    }

    @Override
    String awaited() {
        return "timeline " + tenantId + "/" + timelineId + " deleted";
    }

    @Override
    Boolean probe() {
        if (done) {
            return true;
        }
        try {
            done = client.tenant(tenantId).timeline(timelineId).sendDelete();
        } catch (NotFoundException gone) {
            done = true;
        }
        return done;
    }

    @Override
    WaitVerdict judge(Boolean finished) {
        return finished ? WaitVerdict.done() : WaitVerdict.pending("deletion still in progress (409)");
    }

    @Override
    TimelineId result(Boolean finished) {
        return timelineId;
    }

    @Override
    public String toString() {
        return "TimelineDeletion[" + tenantId + "/" + timelineId + (done ? ", done" : ", in progress") + "]";
    }
}
