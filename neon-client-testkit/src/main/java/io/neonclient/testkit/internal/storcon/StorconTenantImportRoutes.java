package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.testkit.internal.http.Exchange;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;

/**
 * {@code POST /debug/v1/tenant/{tenant_id}/import} (storage_controller/src/http.rs {@code handle_tenant_import}): calls
 * {@link StorconTenantImport#tenantImport} (service.rs {@code tenant_import}) and answers {@code 200} with
 * TenantCreateResponse {@code {"shards": [{"shard_id", "node_id", "generation"}]}}.
 */
public final class StorconTenantImportRoutes {
    private final StorconTenantImport model;

    public StorconTenantImportRoutes(Storcon sc) {
        this.model = new StorconTenantImport(sc);
    }

    public void register(Router r) {
        r.add("POST", "/debug/v1/tenant/{tenant_id}/import", RouteAuth.storcon("pageserverapi"), this::importTenant);
    }

    private Reply importTenant(Exchange x) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shards = out.putArray("shards");
        for (StorconTenantImport.ImportedShard s : model.tenantImport(x.tenantId())) {
            shards.addObject().put("shard_id", s.shard().toString()).put("node_id", s.node()).put("generation", s.generation());
        }
        return Reply.ok(out);
    }
}
