package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * compute_ctl's own token rules with auth on (compute_tools/src/http/middleware/authorize.rs): a compute token names
 * the compute, an admin token needs the {@code compute} audience, and the failures have their own statuses.
 */
@NeonCluster(pageservers = 1, safekeepers = 1, auth = true)
class ComputeAuthIT {

    private static String error(RawHttp.Resp r) {
        return r.json().path("error").asText();
    }

    @Test
    void computeToken_opensItsOwnComputeOnly(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute mine = cluster.startCompute(tenant, tl);
        TestCompute other = cluster.newCompute();
        assertEquals("compute-" + mine.id(), mine.computeId());

        RawHttp http = RawHttp.compute(mine.uri()).withToken(cluster.computeToken(mine));
        RawHttp.Resp status = http.get("/status");
        assertEquals(200, status.status(), status.body());
        assertEquals("running", status.json().path("status").asText());

        RawHttp.Resp foreign = RawHttp.compute(mine.uri()).withToken(cluster.computeToken(other)).get("/status");
        assertEquals(403, foreign.status());
        assertEquals("invalid compute ID in authorization token claims", error(foreign));

        RawHttp.Resp noId = RawHttp.compute(mine.uri()).withToken(cluster.token(Map.of("sub", "someone"))).get("/status");
        assertEquals(403, noId.status());
        assertEquals("missing compute_id in authorization token claims", error(noId));

        RawHttp.Resp term = http.post("/terminate", "");
        assertEquals(200, term.status(), term.body());
    }

    @Test
    void adminToken_needsTheComputeAudience(NeonTestCluster cluster) {
        TestCompute compute = cluster.newCompute();
        RawHttp anonymous = RawHttp.compute(compute.uri());

        assertEquals(200, anonymous.withToken(cluster.token(Scope.COMPUTE_CTL_ADMIN)).get("/status").status());
        RawHttp.Resp noAud = anonymous.withToken(cluster.token(Map.of("scope", "compute_ctl:admin"))).get("/status");
        assertEquals(401, noAud.status());
        assertEquals("missing audience in authorization token claims", error(noAud));
        RawHttp.Resp wrongAud = anonymous.withToken(cluster.token(Map.of("scope", "compute_ctl:admin", "aud", List.of("pageserver"))))
                .get("/status");
        assertEquals(401, wrongAud.status());
        assertEquals("invalid audience in authorization token claims", error(wrongAud));
    }

    @Test
    void tokensThatDoNotVerify_are401_andAMissingHeaderIs400(NeonTestCluster cluster) {
        TestCompute compute = cluster.newCompute();
        RawHttp anonymous = RawHttp.compute(compute.uri());

        RawHttp.Resp missing = anonymous.get("/status");
        assertEquals(400, missing.status());
        assertEquals("invalid authorization token", error(missing));
        assertEquals(400, anonymous.withAuthorization("Basic dXNlcjpwdw==").get("/status").status());
        // Wrong method on an authenticated route: the auth layer answers first.
        assertEquals(400, anonymous.get("/configure").status());
        assertEquals(405, anonymous.withToken(cluster.computeToken(compute)).get("/configure").status());

        for (String bad : new String[] {
                "not.a.token",
                cluster.token(Scope.ADMIN), // a storage scope does not deserialize as ComputeClaims
                cluster.token(Map.of("compute_id", compute.computeId(), "exp", Instant.now().minusSeconds(3600).getEpochSecond())),
                cluster.token(Map.of("compute_id", compute.computeId(), "aud", "compute")), // aud must be a list
        }) {
            RawHttp.Resp r = anonymous.withToken(bad).get("/status");
            assertEquals(401, r.status(), bad);
            assertEquals("failed to verify authorization token", error(r));
        }
        // jsonwebtoken's 60 s leeway on exp
        String recent = cluster.token(Map.of("compute_id", compute.computeId(), "exp", Instant.now().minusSeconds(10).getEpochSecond()));
        assertEquals(200, anonymous.withToken(recent).get("/status").status());
    }

    @Test
    void unknownPaths_are404WithoutAuth_andStandaloneComputesCarryTheirToken(NeonTestCluster cluster) {
        TestCompute compute = cluster.newCompute();
        RawHttp.Resp unknown = RawHttp.compute(compute.uri()).get("/no/such/route");
        assertEquals(404, unknown.status());
        assertEquals("", unknown.body());

        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        RawHttp admin = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.ADMIN));
        RawHttp.Resp started = admin.post("/testkit/v1/compute?tenant_id=" + tenant + "&timeline_id=" + tl, "");
        assertEquals(201, started.status(), started.body());
        assertEquals("running", started.json().path("status").asText());
        String url = started.json().path("url").asText();
        String token = started.json().path("token").asText(null);
        assertNotNull(token);
        RawHttp.Resp status = RawHttp.compute(java.net.URI.create(url)).withToken(token).get("/status");
        assertEquals(200, status.status(), status.body());
        assertEquals(tenant.toString(), status.json().path("tenant").asText());
        assertEquals(400, admin.post("/testkit/v1/compute?tenant_id=" + tenant, "").status());
        assertEquals(2, admin.get("/testkit/v1/compute").json().size());
    }
}
