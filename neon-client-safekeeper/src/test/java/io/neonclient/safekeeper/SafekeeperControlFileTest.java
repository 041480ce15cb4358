package io.neonclient.safekeeper;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PATCH …/control_file} (safekeeper/src/http/routes.rs {@code patch_control_file_handler}, patch_control_file.rs). */
class SafekeeperControlFileTest extends SafekeeperTestBase {
    static final String PATH = "/v1/tenant/" + TENANT + "/timeline/" + TIMELINE + "/control_file";

    /** TimelinePersistentState as safekeeper/src/state.rs serialises it. */
    static String controlFile(String timelineStartLsn) {
        return """
                {"tenant_id":"%s","timeline_id":"%s",
                 "mconf":{"generation":1,"members":[{"id":1,"host":"safekeeper-1","pg_port":5454}],"new_members":null},
                 "acceptor_state":{"term":2,"term_history":[{"term":2,"lsn":"0/14EE150"}]},
                 "server":{"pg_version":170004,"system_id":7446744073709551615,"wal_seg_size":16777216},
                 "proposer_uuid":"00000000000000000000000000000000","timeline_start_lsn":"%s","local_start_lsn":"0/14EE150",
                 "commit_lsn":"0/16B5A50","backup_lsn":"0/1000000","peer_horizon_lsn":"0/16B5A50","remote_consistent_lsn":"0/1520CF8",
                 "partial_backup":{"segments":[]},"eviction_state":"Present",
                 "creation_ts":{"secs_since_epoch":1730800000,"nanos_since_epoch":0}}""".formatted(TENANT, TIMELINE, timelineStartLsn);
    }

    @Test
    void patchControlFile_sendsUpdatesAndApplyFields_andReadsBothStates() {
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(okJson(
                "{\"old_control_file\":" + controlFile("0/14EE150") + ",\"new_control_file\":" + controlFile("0/1") + "}")));
        ControlFileChange change = sk.timeline(TENANT, TIMELINE).patchControlFile(ControlFilePatch.of("timeline_start_lsn", Lsn.parse("0/1")));
        assertEquals(Lsn.parse("0/14EE150"), change.oldControlFile().timelineStartLsn());
        assertEquals(Lsn.parse("0/1"), change.newControlFile().timelineStartLsn());
        assertEquals(2, change.newControlFile().acceptorState().term());
        server.verify(patchRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer test-token"))
                .withRequestBody(equalToJson("{\"updates\":{\"timeline_start_lsn\":\"0/1\"},\"apply_fields\":[\"timeline_start_lsn\"]}")));
    }

    @Test
    void patchControlFile_namesEveryFieldInOrder() {
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(okJson(
                "{\"old_control_file\":" + controlFile("0/14EE150") + ",\"new_control_file\":" + controlFile("0/14EE150") + "}")));
        sk.timeline(TENANT, TIMELINE).patchControlFile(ControlFilePatch.of("commit_lsn", Lsn.parse("0/2"))
                .with("backup_lsn", Lsn.parse("0/1")));
        server.verify(patchRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"updates\":{\"commit_lsn\":\"0/2\",\"backup_lsn\":\"0/1\"},\"apply_fields\":[\"commit_lsn\",\"backup_lsn\"]}")));
    }

    @Test
    void patchControlFile_404WhenTheTimelineIsNotHere() {
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"msg\":\"timeline " + TENANT + "/" + TIMELINE + " not found\"}")));
        assertThrows(NotFoundException.class,
                () -> sk.timeline(TENANT, TIMELINE).patchControlFile(ControlFilePatch.of("commit_lsn", Lsn.parse("0/2"))));
    }

    @Test
    void controlFilePatch_refusesFieldsThatAreNotLsns_beforeAnyRequest() {
        var e = assertThrows(IllegalArgumentException.class, () -> ControlFilePatch.of("acceptor_state", Lsn.parse("0/1")));
        assertTrue(e.getMessage().startsWith("lsns key must be one of [backup_lsn, commit_lsn"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got 'acceptor_state'"), e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> new ControlFilePatch(Map.of()));
        assertTrue(none.getMessage().contains("at least one"), none.getMessage());
        assertThrows(NullPointerException.class, () -> sk.timeline(TENANT, TIMELINE).patchControlFile(null));
        assertEquals(0, server.getAllServeEvents().size());
    }
}
