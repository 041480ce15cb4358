package io.neonclient.pageserver;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.model.internal.BranchCreation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code /v1/tenant/{tenant_shard_id}/timeline}: list and create. Obtain with {@link PageserverTenant#timelines()}. */
public final class PageserverTimelines {
    private static final Json.Reader<List<Timeline>> LIST = Json.reader(new TypeReference<>() {});
    private static final Json.Reader<TimelinesAndOffloaded> BOTH = Json.reader(TimelinesAndOffloaded.class);
    private static final Json.Reader<Timeline> ONE = Json.reader(Timeline.class);

    private final PageserverClient client;
    private final TenantShardId shard;

    PageserverTimelines(PageserverClient client, TenantShardId shard) {
        this.client = client;
        this.shard = shard;
    }

    /** {@code GET /v1/tenant/{tenant_shard_id}/timeline}: every timeline of this shard. */
    public List<Timeline> list() {
        List<Timeline> list = client.transport.call(
                Request.get("/v1/tenant/{tenant_shard_id}/timeline", shard).scope(PageserverClient.SCOPE).build(), LIST);
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * {@code GET /v1/tenant/{tenant_shard_id}/timeline_and_offloaded}: the loaded timelines and the archived ones this
     * pageserver has offloaded (upstream {@code timeline_and_offloaded_list_handler}); {@link #list()} shows only the
     * former.
     */
    public TimelinesAndOffloaded listWithOffloaded() {
        TimelinesAndOffloaded both = client.transport.call(
                Request.get("/v1/tenant/{tenant_shard_id}/timeline_and_offloaded", shard).scope(PageserverClient.SCOPE).build(), BOTH);
        return both == null ? new TimelinesAndOffloaded(List.of(), List.of()) : both;
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/timeline}: creates the timeline and answers {@code 201} with it. A
     * {@linkplain CreateTimelineRequest#isRepeatable() repeatable} request is retried on 503, on {@code 429} ("a creation
     * of this id is already in flight", {@code timeline_create_handler} in upstream {@code pageserver/src/http/routes.rs})
     * and on transport failures, since upstream answers an identical repeat with the same timeline. A branch without an
     * LSN is not repeated blindly: the pageserver picks the ancestor's last record LSN on every attempt
     * ({@code branch_timeline_impl}, {@code pageserver/src/tenant.rs}), so a repeat after a lost answer would conflict
     * (409). After a 429/503 or a lost answer the timeline is read first: if it exists, the request is sent again
     * pinned at the LSN it was branched at (an identical repeat); if not, a 429/503 created nothing and the request is
     * sent as it was, within the client's retry policy, while a transport failure (the first attempt may still be
     * running) is reported. A 409 on such a repeat is checked the same way before it is reported.
     *
     * @throws io.neonclient.core.ConflictException     409: the timeline exists with different parameters
     * @throws io.neonclient.core.BadRequestException   406 ({@code status() == 406}): the ancestor LSN is unusable (below
     *                                                  the GC cutoff, not yet reached) or the ancestor is archived; final
     * @throws io.neonclient.core.UnavailableException  429/503 still failing after the retries
     */
    public Timeline create(CreateTimelineRequest request) {
        Objects.requireNonNull(request, "request");
        return BranchCreation.create(request, client.config().retryPolicy(), this::send, this::describeIfPresent);
    }

    private Timeline send(CreateTimelineRequest request, boolean repeatable) {
        Request.Builder post = Request.post("/v1/tenant/{tenant_shard_id}/timeline", shard).scope(PageserverClient.SCOPE)
                .idempotent(repeatable).json(request);
        return client.transport.call((repeatable ? post.retryOn(429) : post).build(), ONE);
    }

    private Optional<Timeline> describeIfPresent(TimelineId timeline) {
        try {
            return Optional.of(client.timeline(shard, timeline).describe());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PageserverTimelines[" + shard + "]";
    }
}
