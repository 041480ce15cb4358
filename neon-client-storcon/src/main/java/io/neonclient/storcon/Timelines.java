package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import java.util.List;

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
     * (shard 0 first) and returns shard 0's view. A 503 ({@code One or more shards in tenant is not yet attached},
     * {@code tenant_timeline_create} in upstream {@code storage_controller/src/service.rs}) is retried, since nothing was created; transport failures and 429 are retried only for a
     * {@linkplain CreateTimelineRequest#isRepeatable() repeatable} request (a branch without an LSN is not).
     *
     * @throws io.neonclient.core.ConflictException when the tenant is Detached/Secondary, or the id exists with other parameters
     * @throws io.neonclient.core.BadRequestException 406 when the ancestor LSN is below the GC cutoff or the ancestor is archived
     */
    public Timeline create(CreateTimelineRequest request) {
        Validate.notNull("request", request);
        return client.call(Request.post("/v1/tenant/{tenant_id}/timeline", tenantId).json(request).scope(Scope.PAGESERVER_API)
                .idempotent(request.isRepeatable()).retryOn(503), Json.reader(Timeline.class));
    }

    /** {@code GET /v1/tenant/{tenant_id}/timeline} (scope pageserverapi; shard 0's list, passed through). */
    public List<Timeline> list() {
        return StorageControllerClient.listOrEmpty(client.call(Request.get("/v1/tenant/{tenant_id}/timeline", tenantId)
                .scope(Scope.PAGESERVER_API), Json.reader(new TypeReference<List<Timeline>>() { })));
    }
}
