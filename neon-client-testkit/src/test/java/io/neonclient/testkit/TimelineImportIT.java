package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TimelineSafekeepers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The controller's {@code POST /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/import}
 * (storage_controller/src/service/safekeeper_service.rs {@code timeline_import}) through the SDK: the record it writes
 * is what {@code locate} reads back.
 */
@NeonCluster(pageservers = 1, safekeepers = 3, registerNodes = true, auth = true)
class TimelineImportIT {

    @Test
    void importSafekeeperPlacement_writesTheRecordLocateReads_evenForATimelineItDoesNotHold(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        StorageControllerClient storcon = cluster.storageControllerClient();

        storcon.tenant(tenant).timeline(tl).importSafekeeperPlacement(Lsn.parse("0/14EE150"), List.of(NodeId.of(2), NodeId.of(3)), true);
        assertEquals(new TimelineSafekeepers(1, List.of(NodeId.of(2), NodeId.of(3)), Optional.empty()),
                storcon.tenant(tenant).timeline(tl).locate());

        TimelineId elsewhere = TimelineId.generate();
        assertThrows(NotFoundException.class, () -> storcon.tenant(tenant).timeline(elsewhere).locate());
        storcon.tenant(tenant).timeline(elsewhere).importSafekeeperPlacement(Lsn.parse("0/1"), List.of(NodeId.of(1)), false);
        assertEquals(List.of(NodeId.of(1)), storcon.tenant(tenant).timeline(elsewhere).locate().skSet(),
                "upstream inserts the record whether or not the timeline exists");

        RawHttp.Resp mismatch = s.storcon.post("/debug/v1/tenant/" + tenant + "/timeline/" + tl + "/import",
                "{\"tenant_id\":\"" + tenant + "\",\"timeline_id\":\"" + elsewhere + "\",\"start_lsn\":\"0/1\",\"sk_set\":[1],\"force_upsert\":false}");
        assertEquals(400, mismatch.status());
        assertTrue(mismatch.body().contains("tenant id or timeline id mismatch"), mismatch.body());
    }
}
