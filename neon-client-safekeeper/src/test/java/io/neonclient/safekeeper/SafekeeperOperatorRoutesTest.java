package io.neonclient.safekeeper;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.AuthException;
import io.neonclient.core.ConflictException;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** term_bump, exclude, snapshot and debug_dump (safekeeper/src/http/routes.rs): request bytes and upstream's answers. */
class SafekeeperOperatorRoutesTest extends SafekeeperTestBase {
    static final String PATH = "/v1/tenant/" + TENANT + "/timeline/" + TIMELINE;

    @Test
    void termBump_sendsEmptyObjectOrTerm_andReadsBothTerms() {
        server.stubFor(post(PATH + "/term_bump").willReturn(okJson("{\"previous_term\":4,\"current_term\":5}")));
        TermBump bump = sk.timeline(TENANT, TIMELINE).termBump();
        assertEquals(new TermBump(4, 5), bump);
        assertTrue(bump.bumped());
        server.verify(postRequestedFor(urlEqualTo(PATH + "/term_bump")).withRequestBody(equalToJson("{}"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
        server.stubFor(post(PATH + "/term_bump").willReturn(okJson("{\"previous_term\":5,\"current_term\":5}")));
        assertFalse(sk.timeline(TENANT, TIMELINE).termBump(3).bumped());
        server.verify(postRequestedFor(urlEqualTo(PATH + "/term_bump")).withRequestBody(equalToJson("{\"term\":3}")));
        assertThrows(IllegalArgumentException.class, () -> sk.timeline(TENANT, TIMELINE).termBump(-1));
    }

    static final String MCONF = "{\"generation\":3,\"members\":[{\"id\":2,\"host\":\"safekeeper-2\",\"pg_port\":5454}],\"new_members\":null}";

    static Membership mconf() {
        return new Membership(3, List.of(new SafekeeperMember(NodeId.of(2), "safekeeper-2", 5454)), Optional.empty());
    }

    @Test
    void exclude_sendsTheMembershipItself_andReadsDeleteResult() {
        server.stubFor(put(PATH + "/exclude").willReturn(okJson("{\"dir_existed\":true}")));
        assertEquals(new TimelineDeleteResult(true), sk.timeline(TENANT, TIMELINE).exclude(mconf()));
        server.verify(putRequestedFor(urlEqualTo(PATH + "/exclude")).withRequestBody(equalToJson(MCONF)));
    }

    @Test
    void exclude_refusalsKeepTheirStatus() {
        // timeline_exclude_handler: Forbidden when this node is a member; DeleteOrExcludeError::Conflict is 409
        server.stubFor(put(PATH + "/exclude").willReturn(jsonResponse(
                "{\"msg\":\"refused to exclude timeline with gen=3, members=[id=1, ep=safekeeper-1:5454], new_members=none, node 1 is member of it\"}", 403)));
        assertThrows(AuthException.class, () -> sk.timeline(TENANT, TIMELINE).exclude(mconf()));
        server.stubFor(put(PATH + "/exclude").willReturn(jsonResponse("{\"msg\":\"refused to switch into excluding mconf gen=3, "
                + "members=[id=2, ep=safekeeper-2:5454], new_members=none, current: gen=5, members=[id=2, ep=safekeeper-2:5454], "
                + "new_members=none\"}", 409)));
        assertThrows(ConflictException.class, () -> sk.timeline(TENANT, TIMELINE).exclude(mconf()));
        assertThrows(NullPointerException.class, () -> sk.timeline(TENANT, TIMELINE).exclude(null));
    }

    @Test
    void snapshot_returnsTheTarBytes() {
        byte[] tar = {'s', 'a', 'f', 'e', 0, 1, 2};
        server.stubFor(get(PATH + "/snapshot/3").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(tar)));
        assertArrayEquals(tar, sk.timeline(TENANT, TIMELINE).snapshot(NodeId.of(3)));
        assertThrows(NullPointerException.class, () -> sk.timeline(TENANT, TIMELINE).snapshot(null));
    }

    @Test
    void debugDump_sendsFlags_andReadsControlFileAndDiskContent() {
        server.stubFor(get(urlPathEqualTo("/v1/debug_dump")).willReturn(okJson("""
                {"start_time":"2024-11-05T10:00:00.000001Z","finish_time":"2024-11-05T10:00:00.002Z",
                 "timelines":[{"tenant_id":"%s","timeline_id":"%s",
                   "control_file":{"tenant_id":"%s","timeline_id":"%s","mconf":%s,
                     "acceptor_state":{"term":4,"term_history":[{"term":1,"lsn":"0/14EE150"},{"term":4,"lsn":"0/1520CF8"}]},
                     "server":{"pg_version":160004,"system_id":7446744073709551615,"wal_seg_size":16777216},
                     "proposer_uuid":"00000000000000000000000000000000","timeline_start_lsn":"0/14EE150","local_start_lsn":"0/14EE150",
                     "commit_lsn":"0/16B5A50","backup_lsn":"0/1000000","peer_horizon_lsn":"0/16B5A50","remote_consistent_lsn":"0/1520CF8",
                     "partial_backup":{"segments":[]},"eviction_state":"Present",
                     "creation_ts":{"secs_since_epoch":1730800000,"nanos_since_epoch":0}},
                   "memory":null,
                   "disk_content":{"files":[{"name":"000000010000000000000001.partial","size":16777216,
                     "created":"2024-11-05T09:00:00Z","modified":"2024-11-05T09:59:00Z","start_zeroes":0,"end_zeroes":15000000}]},
                   "wal_last_modified":"2024-11-05T09:59:00Z"}],
                 "timelines_count":1,
                 "config":{"id":1,"workdir":"/data/safekeeper","listen_pg_addr":"0.0.0.0:5454","listen_http_addr":"0.0.0.0:7676",
                   "no_sync":false,"max_offloader_lag_bytes":134217728,"wal_backup_enabled":true}}"""
                .formatted(TENANT, TIMELINE, TENANT, TIMELINE, MCONF))));
        SafekeeperDebugDump dump = sk.debugDump(DebugDumpOptions.defaults().withControlFile(true).withDiskContent(true)
                .withTimeline(new TenantTimelineId(TENANT, TIMELINE)));
        server.verify(getRequestedFor(urlEqualTo("/v1/debug_dump?dump_control_file=true&dump_disk_content=true&tenant_id=" + TENANT
                + "&timeline_id=" + TIMELINE)));
        assertEquals(1, dump.timelinesCount());
        assertEquals(NodeId.of(1), dump.config().id());
        SafekeeperDebugDump.Timeline t = dump.timelines().get(0);
        SafekeeperDebugDump.ControlFile cf = t.controlFile().orElseThrow();
        assertEquals(4, cf.acceptorState().term());
        assertEquals(new TimelineStatus.TermSwitch(4, Lsn.parse("0/1520CF8")), cf.acceptorState().termHistory().get(1));
        assertEquals(mconf(), cf.mconf());
        assertEquals(Lsn.parse("0/16B5A50"), cf.commitLsn());
        assertEquals(15000000L, t.diskContent().orElseThrow().files().get(0).endZeroes());
        assertEquals(Optional.of(Instant.parse("2024-11-05T09:59:00Z")), t.walLastModified());
    }

    @Test
    void filesystemUsage_checkpoint_andBackupPartialReset() {
        server.stubFor(get("/v1/debug/filesystem_usage").willReturn(okJson(
                "{\"data_dir\":\"/data/safekeeper\",\"capacity_bytes\":107374182400,\"usage_bytes\":33554432}")));
        assertEquals(new FilesystemUsage("/data/safekeeper", 107374182400L, 33554432L), sk.filesystemUsage());
        server.stubFor(post(PATH + "/checkpoint").willReturn(okJson("null")));
        sk.timeline(TENANT, TIMELINE).checkpoint();
        server.verify(postRequestedFor(urlEqualTo(PATH + "/checkpoint")).withHeader("Authorization", equalTo("Bearer test-token")));
        String partial = "000000010000000000000001_4_00000000016B5A50_00000000016B5A50_sk1.partial";
        server.stubFor(post(PATH + "/backup_partial_reset").willReturn(okJson("[\"" + partial + "\"]")));
        assertEquals(List.of(partial), sk.timeline(TENANT, TIMELINE).backupPartialReset());
    }

    @Test
    void debugDump_withDefaults_sendsNoFlags_andOmittedPartsAreEmpty() {
        server.stubFor(get("/v1/debug_dump").willReturn(okJson("""
                {"start_time":"2024-11-05T10:00:00Z","finish_time":"2024-11-05T10:00:00Z",
                 "timelines":[{"tenant_id":"%s","timeline_id":"%s","control_file":null,"memory":null,"disk_content":null,
                   "wal_last_modified":null}],
                 "timelines_count":1,"config":{"id":1,"workdir":"/data","listen_pg_addr":"a:1","listen_http_addr":"a:2",
                   "no_sync":true,"max_offloader_lag_bytes":0,"wal_backup_enabled":false}}""".formatted(TENANT, TIMELINE))));
        SafekeeperDebugDump.Timeline t = sk.debugDump().timelines().get(0);
        assertEquals(Optional.empty(), t.controlFile());
        assertEquals(Optional.empty(), t.diskContent());
        assertThrows(NullPointerException.class, () -> sk.debugDump(null));
    }
}
