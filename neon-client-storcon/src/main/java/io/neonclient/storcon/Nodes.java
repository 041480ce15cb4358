package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.Scope;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.List;

/** The pageserver nodes of the controller: {@code /control/v1/node}. Get one with {@link StorageControllerClient#nodes()}. */
public final class Nodes {
    private final StorageControllerClient client;

    Nodes(StorageControllerClient client) {
        this.client = client;
    }

    /** {@code GET /control/v1/node} (scope infra): every registered node, sorted by id. */
    public List<Node> list() {
        return StorageControllerClient.listOrEmpty(client.call(Request.get("/control/v1/node").scope(Scope.INFRA),
                Json.reader(new TypeReference<List<Node>>() { })));
    }

    /**
     * {@code POST /control/v1/node} (scope infra): registers a pageserver. Repeating the same registration is
     * accepted, so the call is retried on 503 (e.g. the node's DNS name not yet resolvable). A new node starts
     * {@code Offline} until its first heartbeat: wait for {@link NodeAvailability#ACTIVE} before creating tenants.
     *
     * @throws io.neonclient.core.ConflictException when the id is registered with other addresses, or tombstoned
     * @throws io.neonclient.core.PreconditionFailedException when the controller needs an HTTPS port
     */
    public void register(RegisterNodeRequest request) {
        Validate.notNull("request", request);
        client.send(Request.post("/control/v1/node").json(request).scope(Scope.INFRA).idempotent(true));
    }
}
