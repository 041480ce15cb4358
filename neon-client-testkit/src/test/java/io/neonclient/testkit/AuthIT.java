package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import org.junit.jupiter.api.Test;

/** Scopes per route when auth is on (storage-controller-api.md §6 and §7). */
@NeonCluster(pageservers = 1, safekeepers = 1, auth = true)
class AuthIT {

    @Test
    void controllerRoutes_needTheirScopeOrAdmin(NeonTestCluster cluster) {
        RawHttp anonymous = RawHttp.storcon(cluster.storageController(), null);
        RawHttp.Resp missing = anonymous.get("/control/v1/node");
        assertEquals(401, missing.status());
        assertEquals("Unauthorized: missing authorization header", missing.msg());
        assertEquals(200, anonymous.get("/status").status());

        assertEquals(200, anonymous.withToken(cluster.token(Scope.INFRA)).get("/control/v1/node").status());
        assertEquals(200, anonymous.withToken(cluster.token(Scope.ADMIN)).get("/control/v1/node").status());
        RawHttp.Resp wrong = anonymous.withToken(cluster.token(Scope.PAGESERVER_API)).get("/control/v1/node");
        assertEquals(403, wrong.status());
        assertEquals("Forbidden: JWT authentication error", wrong.msg());
        assertEquals(403, anonymous.withToken("not.a.token").get("/control/v1/node").status());
        assertEquals(403, anonymous.withToken(cluster.token(Scope.INFRA))
                .post("/control/v1/safekeeper/1/scheduling_policy", "{\"scheduling_policy\": \"Pause\"}").status());
        assertEquals(403, anonymous.withToken(cluster.token(Scope.PAGESERVER_API))
                .get("/control/v1/tenant/" + TenantId.generate()).status());
        assertEquals(404, anonymous.withToken(cluster.token(Scope.SCRUBBER))
                .get("/control/v1/tenant/" + TenantId.generate()).status());
    }

    @Test
    void pageserverAndSafekeeper_rejectAdmin(NeonTestCluster cluster) {
        RawHttp ps = RawHttp.pageserver(cluster.pageserver(1), cluster.token(Scope.ADMIN));
        assertEquals(403, ps.get("/v1/tenant").status());
        assertEquals(200, ps.withToken(cluster.token(Scope.PAGESERVER_API)).get("/v1/tenant").status());
        assertEquals(200, ps.withToken(null).get("/v1/status").status());
        TenantId tenant = TenantId.generate();
        assertEquals(404, ps.withToken(cluster.tenantToken(tenant)).get("/v1/tenant/" + tenant).status());
        assertEquals(403, ps.withToken(cluster.tenantToken(TenantId.generate())).get("/v1/tenant/" + tenant).status());
        RawHttp sk = RawHttp.safekeeper(cluster.safekeeper(1), cluster.token(Scope.PAGESERVER_API));
        assertEquals(403, sk.get("/v1/utilization").status());
        assertEquals(200, sk.withToken(cluster.token(Scope.SAFEKEEPER_DATA)).get("/v1/utilization").status());
    }
}
