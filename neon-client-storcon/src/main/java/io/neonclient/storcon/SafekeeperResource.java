package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.Scope;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.Map;

/** One safekeeper: {@code /control/v1/safekeeper/{id}}. Get one with {@link StorageControllerClient#safekeeper(NodeId)}. */
public final class SafekeeperResource {
    private final StorageControllerClient client;
    private final NodeId id;

    SafekeeperResource(StorageControllerClient client, NodeId id) {
        this.client = client;
        this.id = id;
    }

    /** The safekeeper this handle addresses. */
    public NodeId id() {
        return id;
    }

    /**
     * {@code GET /control/v1/safekeeper/{id}} (scope infra).
     *
     * @throws io.neonclient.core.NotFoundException for an unknown id
     */
    public Safekeeper describe() {
        return client.call(Request.get("/control/v1/safekeeper/{id}", id).scope(Scope.INFRA), Json.reader(Safekeeper.class));
    }

    /**
     * {@code POST /control/v1/safekeeper/{id}} (scope infra): registers or updates the safekeeper (answer 204, no body).
     * A new safekeeper starts {@code Activating} and becomes {@code Active} after its first heartbeat. An upsert, so it
     * is retried on 503.
     *
     * @throws IllegalArgumentException when {@code request.id()} is not this safekeeper's id (the controller would answer 400)
     */
    public void upsert(UpsertSafekeeperRequest request) {
        Validate.notNull("request", request);
        if (!request.id().equals(id)) {
            throw new IllegalArgumentException("request id " + request.id() + " must equal the safekeeper id " + id);
        }
        client.send(Request.post("/control/v1/safekeeper/{id}", id).json(request).scope(Scope.INFRA).idempotent(true));
    }

    /**
     * {@code POST /control/v1/safekeeper/{id}/scheduling_policy} (scope admin; infra is not enough) with
     * {@code {"scheduling_policy": …}}. An unknown id gives 500 at the controller, not 404.
     */
    public void schedulingPolicy(SkSchedulingPolicy policy) {
        Validate.notNull("policy", policy);
        client.send(Request.post("/control/v1/safekeeper/{id}/scheduling_policy", id)
                .json(Map.of("scheduling_policy", policy)).scope(Scope.ADMIN).idempotent(true));
    }
}
