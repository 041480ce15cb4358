package io.neonclient.safekeeper;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SafekeeperClientTest extends SafekeeperTestBase {
    static final String PATH = "/v1/tenant/" + TENANT + "/timeline/" + TIMELINE;

    static final String STATUS = """
            {"tenant_id": "5187ddbeeda5e7bf3a699a26009f434c", "timeline_id": "a913eb80d57355a5ee645fbe9eb17572",
             "mconf": {"generation": 3, "members": [{"id": 1, "host": "safekeeper-1", "pg_port": 5454},
                                                      {"id": 2, "host": "safekeeper-2", "pg_port": 5454}], "new_members": null},
             "acceptor_state": {"term": 4, "epoch": 4, "term_history": [{"term": 1, "lsn": "0/14EE150"}, {"term": 4, "lsn": "0/1520CF8"}]},
             "pg_info": {"pg_version": 160004, "system_id": 17446744073709551615, "wal_seg_size": 16777216},
             "flush_lsn": "0/16B5A50", "timeline_start_lsn": "0/14EE150", "local_start_lsn": "0/14EE150", "commit_lsn": "0/16B5A50",
             "backup_lsn": "0/1000000", "peer_horizon_lsn": "0/16B5A50", "remote_consistent_lsn": "0/1520CF8",
             "peers": [{"sk_id": 2, "term": 4, "last_log_term": 4, "flush_lsn": "0/16B5A50", "commit_lsn": "0/16B5A50",
                        "local_start_lsn": "0/14EE150", "pg_connstr": "safekeeper-2:5454", "http_connstr": "safekeeper-2:7676", "https_connstr": null}],
             "walsenders": [{"Vanilla": {"ttid": {"tenant_id": "5187ddbeeda5e7bf3a699a26009f434c", "timeline_id": "a913eb80d57355a5ee645fbe9eb17572"},
                              "addr": "10.0.0.5:41234", "conn_id": 7, "appname": "pageserver", "feedback": {}}}],
             "walreceivers": [{"conn_id": 3, "status": "Streaming"}, {"conn_id": null, "status": "Voting"}]}
            """;

    @Test
    void create_toBuilder_andConfig_keepTheBaseUriAndTheSettings() {
        server.stubFor(get("/v1/status").willReturn(okJson("{\"id\": 3}")));
        SafekeeperClient plain = SafekeeperClient.create(URI.create("http://127.0.0.1:" + server.port()));
        assertEquals(sk.baseUri(), plain.baseUri());
        assertEquals(ClientConfig.defaults(), plain.config());
        assertEquals(NodeId.of(3), plain.status().id());
        SafekeeperClient copy = sk.toBuilder().configure(c -> c.withRequestTimeout(Duration.ofSeconds(2))).build();
        assertEquals(sk.config().withRequestTimeout(Duration.ofSeconds(2)), copy.config());
        assertEquals(NodeId.of(3), copy.status().id());
        server.verify(1, getRequestedFor(urlEqualTo("/v1/status")).withoutHeader("Authorization"));
        server.verify(1, getRequestedFor(urlEqualTo("/v1/status")).withHeader("Authorization", equalTo("Bearer test-token")));
        assertThrows(IllegalArgumentException.class, () -> SafekeeperClient.builder().build());
    }

    @Test
    void status_andUtilization() {
        server.stubFor(get("/v1/status").willReturn(okJson("{\"id\": 3}")));
        server.stubFor(get("/v1/utilization").willReturn(okJson("{\"timeline_count\": 12}")));
        assertEquals(NodeId.of(3), sk.status().id());
        assertEquals(12, sk.utilization().timelineCount());
        server.verify(getRequestedFor(urlEqualTo("/v1/status")).withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void timelineStatus_decodesLsnsMembershipPeersAndAcceptorState() {
        server.stubFor(get(PATH).willReturn(okJson(STATUS)));
        TimelineStatus s = sk.timeline(TENANT, TIMELINE).status();
        assertEquals(Lsn.parse("0/16B5A50"), s.commitLsn());
        assertEquals(Lsn.parse("0/16B5A50"), s.flushLsn());
        assertEquals(Lsn.parse("0/1000000"), s.backupLsn());
        assertEquals(3, s.mconf().generation());
        assertEquals(new SafekeeperMember(NodeId.of(2), "safekeeper-2", 5454), s.mconf().members().get(1));
        assertEquals(Optional.empty(), s.mconf().newMembers());
        assertEquals(4, s.acceptorState().term());
        assertEquals(Lsn.parse("0/1520CF8"), s.acceptorState().termHistory().get(1).lsn());
        assertEquals(new BigInteger("17446744073709551615"), s.pgInfo().systemId());
        assertEquals(NodeId.of(2), s.peers().get(0).skId());
        assertEquals(new TimelineStatus.WalSender("Vanilla", "10.0.0.5:41234", 7, Optional.of("pageserver")), s.walsenders().get(0));
        assertEquals(Optional.empty(), s.walreceivers().get(1).connId());
    }

    @Test
    void timelineStatus_404() {
        server.stubFor(get(PATH).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"msg\":\"NotFound: timeline not found\"}")));
        assertThrows(NotFoundException.class, () -> sk.timeline(TENANT, TIMELINE).status());
    }

    @Test
    void timelines_list() {
        server.stubFor(get("/v1/tenant/timeline").willReturn(okJson("[{\"tenant_id\":\"" + TENANT + "\",\"timeline_id\":\"" + TIMELINE + "\"}]")));
        assertEquals(List.of(new TenantTimelineId(TENANT, TIMELINE)), sk.timelines());
    }

    @Test
    void timelineDelete_andTenantDelete() {
        server.stubFor(delete(urlPathEqualTo(PATH)).willReturn(okJson("{\"dir_existed\": true}")));
        server.stubFor(delete(urlPathEqualTo("/v1/tenant/" + TENANT)).willReturn(okJson("{\"" + TIMELINE + "\": {\"dir_existed\": false}}")));
        assertTrue(sk.timeline(TENANT, TIMELINE).delete(true).dirExisted());
        assertEquals(Map.of(TIMELINE, new TimelineDeleteResult(false)), sk.tenant(TENANT).delete());
        server.verify(deleteRequestedFor(urlEqualTo(PATH + "?only_local=true")));
        server.verify(deleteRequestedFor(urlEqualTo("/v1/tenant/" + TENANT)));
    }

    @Test
    void pullTimeline_sendsPeersAndReadsSource() {
        server.stubFor(post("/v1/pull_timeline").willReturn(okJson("{\"safekeeper_host\": \"http://safekeeper-1:7676\"}")));
        var pulled = sk.pullTimeline(new PullTimelineRequest(TENANT, TIMELINE, List.of("http://safekeeper-1:7676"), Optional.empty()));
        assertEquals(Optional.of("http://safekeeper-1:7676"), pulled.safekeeperHost());
        server.verify(postRequestedFor(urlEqualTo("/v1/pull_timeline")).withRequestBody(equalToJson(
                "{\"tenant_id\":\"" + TENANT + "\",\"timeline_id\":\"" + TIMELINE + "\",\"http_hosts\":[\"http://safekeeper-1:7676\"]}")));
        assertThrows(IllegalArgumentException.class, () -> new PullTimelineRequest(TENANT, TIMELINE, List.of("safekeeper-1:7676"), Optional.empty()));
    }

    static Membership membership(long generation) {
        return new Membership(generation, List.of(new SafekeeperMember(NodeId.of(1), "safekeeper-1", 5454),
                new SafekeeperMember(NodeId.of(2), "safekeeper-2", 5454)), Optional.empty());
    }

    @Test
    void createTimeline_sendsUpstreamsBodyOnTheRealPath() {
        server.stubFor(post("/v1/tenant/timeline").willReturn(okJson("null")));
        sk.createTimeline(CreateSafekeeperTimelineRequest.of(TENANT, TIMELINE, membership(1), 160004, Lsn.parse("0/14EE150")));
        server.verify(postRequestedFor(urlEqualTo("/v1/tenant/timeline")).withRequestBody(equalToJson("""
                {"tenant_id": "%s", "timeline_id": "%s",
                 "mconf": {"generation": 1, "members": [{"id": 1, "host": "safekeeper-1", "pg_port": 5454},
                                                        {"id": 2, "host": "safekeeper-2", "pg_port": 5454}], "new_members": null},
                 "pg_version": 160004, "start_lsn": "0/14EE150"}""".formatted(TENANT, TIMELINE))));
        assertThrows(IllegalArgumentException.class, () -> CreateSafekeeperTimelineRequest.of(TENANT, TIMELINE, membership(1), 16, Lsn.parse("0/1")));
    }

    @Test
    void membership_switchReturnsBothConfigs() {
        server.stubFor(put(PATH + "/membership").willReturn(okJson("""
                {"previous_conf": {"generation": 1, "members": [], "new_members": null},
                 "current_conf": {"generation": 2, "members": [{"id": 1, "host": "safekeeper-1", "pg_port": 5454}], "new_members": null},
                 "last_log_term": 4, "flush_lsn": "0/16B5A50"}""")));
        MembershipSwitch result = sk.timeline(TENANT, TIMELINE).membership(membership(2));
        assertEquals(2, result.currentConf().generation());
        assertEquals(Lsn.parse("0/16B5A50"), result.flushLsn());
        server.verify(putRequestedFor(urlEqualTo(PATH + "/membership")).withRequestBody(matchingJsonPath("$.generation", equalTo("2"))));
    }

    @Test
    void copyTo_sendsTargetAndUntilLsn() {
        TimelineId target = TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814");
        server.stubFor(post(PATH + "/copy").willReturn(okJson("null")));
        sk.timeline(TENANT, TIMELINE).copyTo(target, Lsn.parse("0/16B5A50"));
        server.verify(postRequestedFor(urlEqualTo(PATH + "/copy")).withRequestBody(equalToJson(
                "{\"target_timeline_id\":\"" + target + "\",\"until_lsn\":\"0/16B5A50\"}")));
        assertThrows(IllegalArgumentException.class, () -> sk.timeline(TENANT, TIMELINE).copyTo(TIMELINE, Lsn.parse("0/1")));
    }

    @Test
    void configureFailpoints_putsTheList() {
        // libs/http-utils/src/failpoints.rs failpoints_handler answers 200 with null
        server.stubFor(put("/v1/failpoints").willReturn(okJson("null")));
        sk.configureFailpoints(List.of(io.neonclient.core.Failpoint.of("sk-pause-walsender", "pause")));
        server.verify(putRequestedFor(urlEqualTo("/v1/failpoints"))
                .withRequestBody(equalToJson("[{\"name\":\"sk-pause-walsender\",\"actions\":\"pause\"}]")));
    }
}
