package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import org.junit.jupiter.api.Test;

/** Scopes per route when auth is on (check_permissions in upstream storage_controller/src/http.rs, pageserver/src/http/routes.rs). */
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

    @Test
    void authIsCheckedBeforeRouting_exceptOnTheAllowlist(NeonTestCluster cluster) {
        RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
        assertEquals(401, storcon.get("/no/such/route").status());
        RawHttp.Resp unknown = storcon.withToken(cluster.token(Scope.ADMIN)).get("/no/such/route");
        assertEquals(404, unknown.status());
        assertEquals("Not Found", unknown.body());
        RawHttp.Resp basic = storcon.withAuthorization("Basic dXNlcjpwdw==").get("/control/v1/node");
        assertEquals(401, basic.status());
        assertEquals("Unauthorized: malformed authorization header", basic.msg());
        assertEquals(200, storcon.get("/ready").status());
        assertEquals(200, storcon.get("/metrics").status());

        RawHttp ps = RawHttp.pageserver(cluster.pageserver(1), null);
        assertEquals(401, ps.get("/v1/no_such_route").status());
        RawHttp.Resp psUnknown = ps.withToken(cluster.token(Scope.PAGESERVER_API)).get("/v1/no_such_route");
        assertEquals(404, psUnknown.status());
        assertEquals("page not found", psUnknown.msg());
        // routerify has no 405: the pageserver's catch-all answers a wrong method the same way
        assertEquals("page not found", ps.withToken(cluster.token(Scope.PAGESERVER_API)).delete("/v1/tenant").msg());

        RawHttp sk = RawHttp.safekeeper(cluster.safekeeper(1), null);
        assertEquals(401, sk.get("/v1/no_such_route").status());
        assertEquals(200, sk.get("/v1/status").status());
    }

    @Test
    void expiry_allowsUpstreamsLeeway(NeonTestCluster cluster) {
        RawHttp storcon = RawHttp.storcon(cluster.storageController(), null);
        long now = java.time.Instant.now().getEpochSecond();
        String expired = cluster.token(java.util.Map.of("scope", "admin", "exp", now - 3600));
        RawHttp.Resp r = storcon.withToken(expired).get("/control/v1/node");
        assertEquals(403, r.status());
        assertEquals("Forbidden: JWT authentication error", r.msg());
        assertEquals(200, storcon.withToken(cluster.token(java.util.Map.of("scope", "admin", "exp", now - 10))).get("/control/v1/node").status());
        assertEquals(403, storcon.withToken(cluster.token(java.util.Map.of("tenant_id", "x"))).get("/control/v1/node").status());
    }
}
