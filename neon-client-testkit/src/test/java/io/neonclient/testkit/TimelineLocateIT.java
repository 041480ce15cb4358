package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TimelineSafekeepers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Timeline locate reads what placement and {@code safekeeper_migrate} recorded (safekeeper_service.rs
 * {@code tenant_timeline_locate}): generation 1 and the first three active safekeepers at create, the new set and
 * generation 3 after a migration, 404 for a timeline the controller did not place.
 */
class TimelineLocateIT {

    @Test
    void locate_followsPlacementAndMigration() {
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
            StorageControllerClient storcon = cluster.storageControllerClient();
            TenantId tenant = s.createTenant(0, 0);
            TimelineId tl = TimelineId.generate();
            storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(tl));

            assertEquals(new TimelineSafekeepers(1, List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3)), Optional.empty()),
                    storcon.tenant(tenant).timeline(tl).locate());

            storcon.tenant(tenant).timeline(tl).migrateSafekeepers(List.of(NodeId.of(2), NodeId.of(3), NodeId.of(4)));
            assertEquals(new TimelineSafekeepers(3, List.of(NodeId.of(2), NodeId.of(3), NodeId.of(4)), Optional.empty()),
                    storcon.tenant(tenant).timeline(tl).locate());

            TimelineId unknown = TimelineId.generate();
            assertThrows(NotFoundException.class, () -> storcon.tenant(tenant).timeline(unknown).locate());
        }
    }

    @Test
    void locate_withoutSafekeeperPlacement_isNotFound() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).registerNodes(true).build().start()) {
            Scenario s = new Scenario(cluster);
            s.awaitNode(1, "Active", "Active");
            StorageControllerClient storcon = cluster.storageControllerClient();
            TenantId tenant = s.createTenant(0, 0);
            TimelineId tl = TimelineId.generate();
            storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(tl));
            assertThrows(NotFoundException.class, () -> storcon.tenant(tenant).timeline(tl).locate());
        }
    }
}
