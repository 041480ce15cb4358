package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.Scope;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.List;

/** The safekeepers registered with the controller: {@code /control/v1/safekeeper}. */
public final class Safekeepers {
    private final StorageControllerClient client;

    Safekeepers(StorageControllerClient client) {
        this.client = client;
    }

    /** {@code GET /control/v1/safekeeper} (scope infra): every safekeeper, sorted by id. */
    public List<Safekeeper> list() {
        return StorageControllerClient.listOrEmpty(client.call(Request.get("/control/v1/safekeeper").scope(Scope.INFRA),
                Json.reader(new TypeReference<List<Safekeeper>>() { })));
    }
}
