package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;

/** The seed runbook's bootstrap, over raw HTTP with upstream-correct bodies. */
final class Scenario {
    final NeonTestCluster cluster;
    final RawHttp storcon;

    Scenario(NeonTestCluster cluster) {
        this.cluster = cluster;
        this.storcon = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.ADMIN));
    }

    RawHttp pageserver(long id) {
        return RawHttp.pageserver(cluster.pageserver(id), cluster.token(Scope.PAGESERVER_API));
    }

    String registerBody(long id) {
        return """
                {"node_id": %d, "listen_pg_addr": "127.0.0.1", "listen_pg_port": %d, "listen_grpc_addr": null,
                 "listen_grpc_port": null, "listen_http_addr": "127.0.0.1", "listen_http_port": %d,
                 "listen_https_port": null, "availability_zone_id": "az-a", "node_ip_addr": null}"""
                .formatted(id, cluster.pageserverPgPort(id), cluster.pageserver(id).getPort());
    }

    /** Registers every pageserver and waits until all are Active. */
    void registerNodes() {
        for (long id : cluster.pageservers().keySet()) {
            RawHttp.Resp r = storcon.post("/control/v1/node", registerBody(id));
            assertEquals(200, r.status(), r.body());
            assertEquals("null", r.body());
        }
        for (long id : cluster.pageservers().keySet()) {
            awaitNode(id, "Active", "Active");
        }
    }

    JsonNode awaitNode(long id, String availability, String scheduling) {
        return Await.until("node " + id + " " + availability + "/" + scheduling, () -> storcon.get("/control/v1/node/" + id).json(),
                n -> n.path("availability").asText().equals(availability) && n.path("scheduling").asText().equals(scheduling));
    }

    /** Creates a tenant (2 shards, Attached(1) unless told) and waits until it is attached and idle. */
    TenantId createTenant(int count, int secondaries) {
        TenantId tenant = TenantId.generate();
        String shardParams = count == 0 ? "" : "\"shard_parameters\": {\"count\": %d, \"stripe_size\": 2048},".formatted(count);
        RawHttp.Resp r = storcon.post("/v1/tenant", """
                {"new_tenant_id": "%s", %s "placement_policy": {"Attached": %d}, "gc_period": "1h"}"""
                .formatted(tenant, shardParams, secondaries));
        assertEquals(201, r.status(), r.body());
        awaitIdle(tenant);
        return tenant;
    }

    /** An unsharded Attached(0) tenant, without waiting for it to settle. */
    TenantId createTenant0NoWait() {
        TenantId tenant = TenantId.generate();
        RawHttp.Resp r = storcon.post("/v1/tenant", "{\"new_tenant_id\": \"" + tenant + "\"}");
        assertEquals(201, r.status(), r.body());
        return tenant;
    }

    JsonNode awaitIdle(TenantId tenant) {
        return Await.until("tenant " + tenant + " idle", () -> storcon.get("/control/v1/tenant/" + tenant).json(), d -> {
            for (JsonNode s : d.path("shards")) {
                if (s.path("is_reconciling").asBoolean() || s.path("node_attached").isNull()
                        || !s.path("last_error").asText().isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    TimelineId createTimeline(TenantId tenant) {
        TimelineId tl = TimelineId.generate();
        RawHttp.Resp r = storcon.post("/v1/tenant/" + tenant + "/timeline/", """
                {"new_timeline_id": "%s", "pg_version": 16}""".formatted(tl));
        assertEquals(201, r.status(), r.body());
        return tl;
    }
}
