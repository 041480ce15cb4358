package io.neonclient.pageserver;

import io.neonclient.core.NotFoundException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.Timeline;
import java.time.Duration;
import java.util.Optional;

/**
 * A timeline deletion the pageserver accepted ({@code 202}). It finishes in the background; the timeline is gone
 * when {@code GET …/timeline/{timeline_id}} answers 404 (upstream {@code timeline_delete_handler},
 * {@code pageserver/src/http/routes.rs}).
 */
public final class TimelineDeletion {
    private final PageserverTimeline timeline;
    private final int attempts;
    private final Start start;

    /** How the DELETE was answered. */
    public enum Start {
        /** 202: deletion started. */
        ACCEPTED,
        /** 409: a deletion was already running. */
        ALREADY_RUNNING,
        /** 404: the timeline was already gone; nothing to wait for. */
        ALREADY_GONE
    }

    TimelineDeletion(PageserverTimeline timeline, int attempts, Start start) {
        this.timeline = timeline;
        this.attempts = attempts;
        this.start = start;
    }

    /** How the DELETE was answered. */
    public Start start() {
        return start;
    }

    /** How many times the DELETE was sent. */
    public int attempts() {
        return attempts;
    }

    /**
     * Polls {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}} until 404, within the client's wait policy
     * and {@code timeout}.
     *
     * @throws io.neonclient.core.WaitTimeoutException with the last timeline state seen
     */
    public void await(Duration timeout) {
        await(timeline.clientWaitPolicy().withTimeout(timeout));
    }

    /** As {@link #await(Duration)} with a full policy. */
    public void await(WaitPolicy policy) {
        if (start == Start.ALREADY_GONE) {
            return;
        }
        Waiter.await("deletion of timeline " + timeline.id() + " on " + timeline.shard(), policy, this::probe,
                seen -> seen.isEmpty() ? WaitVerdict.done()
                        : WaitVerdict.pending("timeline still present, state " + seen.get().state()));
    }

    private Optional<Timeline> probe() {
        try {
            return Optional.of(timeline.describe());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TimelineDeletion[" + timeline.shard() + "/" + timeline.id() + "]";
    }
}
