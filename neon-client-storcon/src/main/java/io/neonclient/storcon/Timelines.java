package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.model.internal.BranchCreation;
import java.util.List;
import java.util.Optional;

/** A tenant's timelines: {@code /v1/tenant/{tenant_id}/timeline}. Get one with {@link TenantResource#timelines()}. */
public final class Timelines {
    private final StorageControllerClient client;
    private final TenantId tenantId;

    Timelines(StorageControllerClient client, TenantId tenantId) {
        this.client = client;
        this.tenantId = tenantId;
    }

    /**
     * {@code POST /v1/tenant/{tenant_id}/timeline} (scope pageserverapi, 201): creates the timeline on every shard
     * (shard 0 first) and returns shard 0's view. A {@linkplain CreateTimelineRequest#isRepeatable() repeatable}
     * request (a bootstrap, an import, a branch at an explicit LSN) is retried on 503 ({@code One or more shards in
     * tenant is not yet attached}) and transport failures, since an identical repeat is answered with the same
     * timeline. A branch without an LSN is not repeated blindly: the controller creates it on shard 0 first, which picks
     * the LSN, and a later shard's 503 may come after that ({@code tenant_timeline_create_pageservers} in upstream
     * {@code storage_controller/src/service.rs}), while a repeat would pick a newer LSN and get 409
     * ({@code branch_timeline_impl}, {@code pageserver/src/tenant.rs}). So after a 503 or a lost answer the timeline is
     * read ({@code GET /v1/tenant/{tenant_id}/timeline/{timeline_id}}): if shard 0 holds it, the request is sent again
     * pinned at the LSN shard 0 chose, which completes the other shards; if not, a 503 created nothing and the request
     * is sent as it was, within the client's retry policy, while a transport failure (the first attempt may still be
     * running) is reported. A 409 on such a repeat is checked the same way before it is reported.
     *
     * @throws io.neonclient.core.ConflictException when the tenant is Detached/Secondary, or the id exists with other parameters
     * @throws io.neonclient.core.BadRequestException 406 when the ancestor LSN is below the GC cutoff or the ancestor is archived
     */
    public Timeline create(CreateTimelineRequest request) {
        Validate.notNull("request", request);
        return BranchCreation.create(request, client.config().retryPolicy(), this::send, this::describeIfPresent);
    }

    private Timeline send(CreateTimelineRequest request, boolean repeatable) {
        Request.Builder post = Request.post("/v1/tenant/{tenant_id}/timeline", tenantId).json(request).scope(Scope.PAGESERVER_API)
                .idempotent(repeatable);
        return client.call(repeatable ? post.retryOn(503) : post, Json.reader(Timeline.class));
    }

    private Optional<Timeline> describeIfPresent(TimelineId timeline) {
        try {
            return Optional.of(client.tenant(tenantId).timeline(timeline).describe());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    /** {@code GET /v1/tenant/{tenant_id}/timeline} (scope pageserverapi; shard 0's list, passed through). */
    public List<Timeline> list() {
        return StorageControllerClient.listOrEmpty(client.call(Request.get("/v1/tenant/{tenant_id}/timeline", tenantId)
                .scope(Scope.PAGESERVER_API), Json.reader(new TypeReference<List<Timeline>>() { })));
    }
}
