package io.neonclient.storcon;

import io.neonclient.core.Acceptor;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineDeletion;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.internal.Polling;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controller's side of a {@link TimelineDeletion}, from {@link TimelineResource#delete()}. The controller answers
 * 200 once every shard reports the timeline gone, or 409 after ~25 s while deletion continues (upstream
 * {@code deletion_wrapper} in {@code storage_controller/src/http.rs}). {@code await} repeats the DELETE until 200; a 404
 * on a repeat (the tenant itself is gone) also counts as deleted. The observed state is a {@code Boolean}: whether the
 * last DELETE finished it.
 */
final class ControllerTimelineDeletion implements TimelineDeletion {
    private final TimelineResource timeline;
    private final Polling<Boolean, TimelineId> polling;
    private volatile boolean done;

    ControllerTimelineDeletion(TimelineResource timeline, StorageControllerClient client) {
        this.timeline = timeline;
        this.polling = Polling.<Boolean>of("timeline " + timeline.tenantId() + "/" + timeline.id() + " deleted",
                        client.settings(), this::deleteAgain,
                        Acceptor.judge(b -> "deletion still in progress (409)", List.of(Acceptor.<Boolean>done(b -> b))))
                .map(b -> timeline.id());
    }

    void firstAttempt() {
        done = timeline.sendDelete();
    }

    private Boolean deleteAgain() {
        if (!done) {
            try {
                done = timeline.sendDelete();
            } catch (NotFoundException gone) {
                done = true;
            }
        }
        return done;
    }

    @Override
    public TenantId tenantId() {
        return timeline.tenantId();
    }

    @Override
    public TimelineId timelineId() {
        return timeline.id();
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public TimelineId await() {
        return polling.await();
    }

    @Override
    public TimelineId await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public TimelineId await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
    }

    @Override
    public String toString() {
        return "TimelineDeletion[" + tenantId() + "/" + timelineId() + (done ? ", done" : ", in progress") + "]";
    }
}
