package io.neonclient.core;

/**
 * A timeline deletion, from the storage controller ({@code storcon.tenant(t).timeline(tl).delete()}) or straight from
 * a pageserver ({@code pageserver.timeline(shard, tl).delete()}). Both answer before the data is gone; {@code await}
 * finishes the job the way that component needs (the controller: repeat the DELETE until it answers 200; a pageserver:
 * poll the timeline until it answers 404) and returns the timeline id.
 */
public interface TimelineDeletion extends Awaitable<TimelineId> {

    /** The tenant of the timeline. */
    TenantId tenantId();

    /** The timeline being deleted. */
    TimelineId timelineId();

    /**
     * True once an answer said the timeline is gone (the first one may already say so); {@code await} then returns
     * without another request.
     */
    boolean isDone();
}
