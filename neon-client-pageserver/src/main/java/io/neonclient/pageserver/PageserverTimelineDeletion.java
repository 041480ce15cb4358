package io.neonclient.pageserver;

import io.neonclient.model.Timeline;
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
 * A pageserver's side of a {@link TimelineDeletion}, from {@link PageserverTimeline#delete()}: the pageserver accepted
 * the DELETE (202, or 409 when one was already running) and finishes in the background; the timeline is gone when
 * {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}} answers 404 (upstream {@code timeline_delete_handler},
 * {@code pageserver/src/http/routes.rs}). A DELETE answered 404 is done at once. The observed state is the
 * {@link Timeline} while it is still there.
 */
final class PageserverTimelineDeletion implements TimelineDeletion {
    private final PageserverTimeline timeline;
    private final Polling<Timeline, TimelineId> polling;
    private volatile boolean done;

    PageserverTimelineDeletion(PageserverTimeline timeline, boolean alreadyGone) {
        this.timeline = timeline;
        this.done = alreadyGone;
        this.polling = Polling.<Timeline>of("deletion of timeline " + timeline.id() + " on " + timeline.shard(),
                        timeline.client().settings(), this::describeUnlessGone,
                        Acceptor.judge(t -> "timeline still present, state " + t.state(), List.of(Acceptor.<Timeline>doneWhenGone())))
                .map(gone -> {
                    done = true;
                    return timeline.id();
                });
    }

    private Timeline describeUnlessGone() {
        if (done) {
            return null;
        }
        try {
            return timeline.describe();
        } catch (NotFoundException gone) {
            return null;
        }
    }

    @Override
    public TenantId tenantId() {
        return timeline.shard().tenantId();
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
        return "TimelineDeletion[" + timeline.shard() + "/" + timeline.id() + (done ? ", done" : ", in progress") + "]";
    }
}
