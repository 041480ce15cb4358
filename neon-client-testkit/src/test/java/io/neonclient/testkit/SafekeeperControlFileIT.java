package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.AuthException;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.safekeeper.ControlFileChange;
import io.neonclient.safekeeper.ControlFilePatch;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.safekeeper.SafekeeperTimeline;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH …/control_file} on a simulated safekeeper (safekeeper/src/patch_control_file.rs), through the SDK's
 * {@link SafekeeperClient}: upstream's own test_patch_control_file moves {@code timeline_start_lsn} to {@code 0/1}.
 */
@NeonCluster(pageservers = 1, safekeepers = 1, registerNodes = true, auth = true)
class SafekeeperControlFileIT {

    @Test
    void patchControlFile_replacesTheLsn_reportsBothStates_andTheStatusShowsIt(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        cluster.write(tenant, tl, 40_000);
        SafekeeperClient sk = SafekeeperClient.builder().baseUri(cluster.safekeeper(1)).config(cluster.clientConfig()).build();
        SafekeeperTimeline timeline = sk.timeline(tenant, tl);
        Lsn before = timeline.status().timelineStartLsn();

        ControlFileChange change = timeline.patchControlFile(ControlFilePatch.of("timeline_start_lsn", Lsn.parse("0/1")));
        assertEquals(before, change.oldControlFile().timelineStartLsn());
        assertEquals(Lsn.parse("0/1"), change.newControlFile().timelineStartLsn());
        assertEquals(change.oldControlFile().commitLsn(), change.newControlFile().commitLsn(), "other fields stay");
        assertEquals(Lsn.parse("0/1"), timeline.status().timelineStartLsn());

        Lsn commit = timeline.status().commitLsn();
        timeline.patchControlFile(ControlFilePatch.of("remote_consistent_lsn", Lsn.parse("0/2")));
        assertEquals(Lsn.parse("0/2"), timeline.status().remoteConsistentLsn());
        assertEquals(commit, timeline.status().commitLsn());

        assertThrows(NotFoundException.class, () -> sk.timeline(tenant, TimelineId.generate())
                .patchControlFile(ControlFilePatch.of("commit_lsn", Lsn.parse("0/1"))));
        SafekeeperClient tenantScoped = SafekeeperClient.builder().baseUri(cluster.safekeeper(1))
                .config(ClientConfig.defaults().withBearerToken(cluster.tenantToken(tenant))).build();
        assertThrows(AuthException.class, () -> tenantScoped.timeline(tenant, tl)
                .patchControlFile(ControlFilePatch.of("commit_lsn", Lsn.parse("0/1"))), "the safekeeper scope only");
    }

    @Test
    void patchControlFile_fieldsMissingFromUpdatesOrState_are500s(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.awaitNode(1, "Active", "Active");
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        RawHttp raw = RawHttp.safekeeper(cluster.safekeeper(1), cluster.token(io.neonclient.core.Scope.SAFEKEEPER_DATA));
        String path = "/v1/tenant/" + tenant + "/timeline/" + tl + "/control_file";
        RawHttp.Resp notInUpdates = raw.patch(path, "{\"updates\": {}, \"apply_fields\": [\"commit_lsn\"]}");
        assertEquals(500, notInUpdates.status());
        assertTrue(notInUpdates.body().contains("key not found in request.updates: commit_lsn"), notInUpdates.body());
        RawHttp.Resp notInState = raw.patch(path, "{\"updates\": {\"epoch\": 3}, \"apply_fields\": [\"epoch\"]}");
        assertEquals(500, notInState.status());
        assertTrue(notInState.body().contains("key not found in original object: epoch"), notInState.body());
    }
}
