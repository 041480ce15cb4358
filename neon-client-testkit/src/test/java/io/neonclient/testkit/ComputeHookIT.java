package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** notify-attach bodies and retry semantics, import_complete. */
class ComputeHookIT {
    private ControlPlaneStub controlPlane;
    private NeonTestCluster cluster;
    private Scenario s;

    @BeforeEach
    void start() {
        controlPlane = new ControlPlaneStub();
        cluster = NeonTestCluster.builder().pageservers(2).controlPlane(controlPlane.uri(), "cp-token").build().start();
        s = new Scenario(cluster);
        s.registerNodes();
    }

    @AfterEach
    void stop() {
        cluster.close();
        controlPlane.close();
    }

    @Test
    void notifyAttach_bodiesMatchFixtures_forShardedAndUnshardedTenants() {
        TenantId sharded = s.createTenant(2, 1);
        TenantId unsharded = s.createTenant(0, 0);
        List<ControlPlaneStub.Call> calls = controlPlane.calls("/notify-attach");
        JsonNode shardedBody = last(calls, sharded);
        Shapes.assertShape("hook.notify_attach.request.json", shardedBody);
        assertEquals(2048, shardedBody.path("stripe_size").asInt());
        assertEquals(2, shardedBody.path("shards").size());
        JsonNode unshardedBody = last(calls, unsharded);
        Shapes.assertShape("hook.notify_attach.unsharded.request.json", unshardedBody);
        assertTrue(unshardedBody.path("stripe_size").isNull());
        assertEquals(1, unshardedBody.path("shards").size());
        assertEquals("Bearer cp-token", calls.get(0).authorization());
    }

    @Test
    void liveMigration_waitsForA2xx_andFailedNotificationIsPendingUntilResent() {
        TenantId tenant = s.createTenant(0, 1);
        long attached = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("node_attached").asLong();
        long other = attached == 1 ? 2 : 1;
        controlPlane.status.set(503);
        RawHttp.Resp timedOut = s.storcon.put("/control/v1/tenant/" + tenant + "/migrate",
                "{\"node_id\": " + other + ", \"migration_config\": {\"prewarm\": false}}");
        assertEquals(408, timedOut.status(), timedOut.body());
        JsonNode stalled = s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0);
        assertTrue(stalled.path("is_reconciling").asBoolean(), "the migration waits for the hook: " + stalled);
        assertTrue(s.pageserver(attached).get("/v1/location_config/" + tenant).json().path("mode").asText().startsWith("Attached"),
                "the old location stays attached until the hook answers 2xx");
        controlPlane.status.set(200);
        s.awaitIdle(tenant);
        assertEquals("Secondary", s.pageserver(attached).get("/v1/location_config/" + tenant).json().path("mode").asText());

        controlPlane.status.set(404);
        TenantId created = s.createTenant0NoWait();
        // The create's own reconcile tolerates the 404 (reconciler.rs, tenant_creation_hint); background re-sends do not.
        Await.until("pending notification", () -> s.storcon.get("/control/v1/tenant/" + created).json().path("shards").get(0),
                sh -> sh.path("is_pending_compute_notification").asBoolean());

        controlPlane.status.set(500);
        JsonNode pending = Await.until("failed notification", () -> s.storcon.get("/control/v1/tenant/" + created).json().path("shards").get(0),
                sh -> sh.path("last_error").asText().startsWith("Reconciliation error"));
        assertTrue(pending.path("is_pending_compute_notification").asBoolean(), pending.toString());
        controlPlane.status.set(200);
        JsonNode resent = Await.until("notification resent", () -> s.storcon.get("/control/v1/tenant/" + created).json().path("shards").get(0),
                sh -> !sh.path("is_pending_compute_notification").asBoolean() && sh.path("last_error").asText().isEmpty());
        assertEquals("", resent.path("last_error").asText());
    }

    @Test
    void importPgdata_runsInBackground_thenCallsImportComplete() {
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = TimelineId.generate();
        RawHttp.Resp r = s.storcon.post("/v1/tenant/" + tenant + "/timeline", """
                {"new_timeline_id": "%s", "import_pgdata": {"idempotency_key": "k1",
                 "location": {"AwsS3": {"region": "us-east-1", "bucket": "b", "key": "p/"}}}}""".formatted(tl));
        assertEquals(201, r.status(), r.body());
        assertTrue(s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0).path("is_importing").asBoolean());
        Await.until("import done", () -> s.storcon.get("/control/v1/tenant/" + tenant).json().path("shards").get(0),
                sh -> !sh.path("is_importing").asBoolean());
        List<ControlPlaneStub.Call> completions = Await.until("import_complete sent", () -> controlPlane.calls("/import_complete"),
                l -> !l.isEmpty());
        JsonNode parsed = new RawHttp.Resp(200, completions.get(0).body(), null).json();
        Shapes.assertShape("hook.import_complete.request.json", parsed);
        assertEquals(tl.toString(), parsed.path("timeline_id").asText());
    }

    private static JsonNode last(List<ControlPlaneStub.Call> calls, TenantId tenant) {
        JsonNode found = null;
        for (ControlPlaneStub.Call c : calls) {
            JsonNode n = new RawHttp.Resp(200, c.body(), null).json();
            if (n.path("tenant_id").asText().equals(tenant.toString())) {
                found = n;
            }
        }
        assertTrue(found != null, "no notify-attach for " + tenant + " in " + calls);
        return found;
    }
}
