package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --timelines-onto-safekeepers: placement at timeline create and notify-safekeepers during safekeeper_migrate. */
class SafekeeperMigrationIT {

    @Test
    void safekeeperMigrate_notifiesJointThenNewConfiguration() {
        try (ControlPlaneStub controlPlane = new ControlPlaneStub();
                NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(4).registerNodes(true)
                        .timelinesOntoSafekeepers(true).controlPlane(controlPlane.uri(), null).build().start()) {
            Scenario s = new Scenario(cluster);
            s.awaitNode(1, "Active", "Active");
            Await.until("safekeepers active", () -> s.storcon.get("/control/v1/safekeeper").json(), list -> {
                for (JsonNode sk : list) {
                    if (!sk.path("scheduling_policy").asText().equals("Active")) {
                        return false;
                    }
                }
                return list.size() == 4;
            });
            TenantId tenant = s.createTenant(0, 0);
            TimelineId tl = TimelineId.generate();
            RawHttp.Resp created = s.storcon.post("/v1/tenant/" + tenant + "/timeline", "{\"new_timeline_id\": \"" + tl + "\"}");
            assertEquals(201, created.status(), created.body());
            Shapes.assertShape("storcon.timeline_create.response.json", created.json());
            assertEquals(3, created.json().path("safekeepers").path("safekeepers").size());

            RawHttp.Resp migrated = s.storcon.post("/v1/tenant/" + tenant + "/timeline/" + tl + "/safekeeper_migrate",
                    "{\"new_sk_set\": [2, 3, 4]}");
            assertEquals(200, migrated.status(), migrated.body());
            List<ControlPlaneStub.Call> calls = controlPlane.calls("/notify-safekeepers");
            assertEquals(2, calls.size());
            JsonNode joint = new RawHttp.Resp(200, calls.get(0).body(), null).json();
            Shapes.assertShape("hook.notify_safekeepers.request.json", joint);
            assertEquals(2, joint.path("generation").asInt());
            assertEquals(4, joint.path("safekeepers").size());
            JsonNode fin = new RawHttp.Resp(200, calls.get(1).body(), null).json();
            assertEquals(3, fin.path("generation").asInt());
            assertEquals(2, fin.path("safekeepers").get(0).path("id").asInt());
            JsonNode status = RawHttp.safekeeper(cluster.safekeeper(4), null).get("/v1/tenant/" + tenant + "/timeline/" + tl).json();
            assertEquals(3, status.path("mconf").path("generation").asInt());
            assertEquals(400, s.storcon.post("/v1/tenant/" + tenant + "/timeline/" + tl + "/safekeeper_migrate",
                    "{\"new_sk_set\": [2, 3, 9]}").status());
        }
    }
}
