package io.neonclient.pageserver;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import java.util.List;

/** {@code /v1/tenant/{tenant_shard_id}/timeline}: list and create. Obtain with {@link PageserverTenant#timelines()}. */
public final class PageserverTimelines {
    private static final Json.Reader<List<Timeline>> LIST = Json.reader(new TypeReference<>() {});
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
     * {@code POST /v1/tenant/{tenant_shard_id}/timeline}: creates the timeline and answers {@code 201} with it.
     * Identical parameters are idempotent, so the call is retried on 503 and on {@code 429} ("a creation of this id is
     * already in flight", {@code timeline_create_handler} in upstream {@code pageserver/src/http/routes.rs}) within the
     * client's retry policy.
     *
     * @throws io.neonclient.core.ConflictException     409: the timeline exists with different parameters
     * @throws io.neonclient.core.BadRequestException   406 ({@code status() == 406}): the ancestor LSN is unusable (below
     *                                                  the GC cutoff, not yet reached) or the ancestor is archived; final
     * @throws io.neonclient.core.UnavailableException  429/503 still failing after the retries
     */
    public Timeline create(CreateTimelineRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("create timeline request must not be null");
        }
        return client.transport.call(Request.post("/v1/tenant/{tenant_shard_id}/timeline", shard)
                .scope(PageserverClient.SCOPE).idempotent(true).retryOn(429).json(request).build(), ONE);
    }

    @Override
    public String toString() {
        return "PageserverTimelines[" + shard + "]";
    }
}
