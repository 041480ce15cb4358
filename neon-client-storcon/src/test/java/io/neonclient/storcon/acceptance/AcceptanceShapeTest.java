package io.neonclient.storcon.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Lsn;
import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The acceptance shape of issue 3, written from outside the package exactly as a user would. */
class AcceptanceShapeTest {
    static final String T = "5187ddbeeda5e7bf3a699a26009f434c";
    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = AcceptanceShapeTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theIssuesAcceptanceCallsCompileAndWork() throws IOException {
        String url = "http://127.0.0.1:" + server.port();
        String token = "admin-token";
        TenantId tenantId = TenantId.parse(T);
        TenantShardId shardId = TenantShardId.parse(T + "-0002");
        TimelineId parentId = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
        TimelineId newId = TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814");
        Lsn lsn = Lsn.parse("0/1520CF8");
        Instant travelTo = Instant.parse("2024-05-01T12:00:00Z");
        Instant doneIfAfter = Instant.parse("2024-05-02T12:00:00Z");
        Instant instant = travelTo;

        String attachedOn1 = fixture("storcon.tenant_describe.response.json").replace("\"is_reconciling\": true", "\"is_reconciling\": false");
        server.stubFor(get("/control/v1/tenant/" + T).willReturn(okJson(attachedOn1)));
        server.stubFor(put("/control/v1/tenant/" + T + "-0002/migrate").willReturn(okJson("{}")));
        server.stubFor(put("/control/v1/tenant/" + T + "/policy").willReturn(okJson("null")));
        server.stubFor(put(urlPathEqualTo("/v1/tenant/" + T + "/time_travel_remote_storage")).willReturn(okJson("null")));
        server.stubFor(post("/v1/tenant/" + T + "/timeline").willReturn(okJson(fixture("storcon.timeline_create.response.json")).withStatus(201)));
        server.stubFor(get(urlPathEqualTo("/v1/tenant/" + T + "/timeline/" + parentId + "/get_lsn_by_timestamp"))
                .willReturn(okJson(fixture("storcon.get_lsn_by_timestamp.response.json"))));
        server.stubFor(put("/control/v1/node/2/drain").willReturn(okJson("null").withStatus(202)));
        server.stubFor(get("/control/v1/node/2").willReturn(okJson(fixture("storcon.node_describe.response.json")
                .replace("\"id\": 1", "\"id\": 2").replace("\"scheduling\": \"Active\"", "\"scheduling\": \"PauseForRestart\""))));
        server.stubFor(get("/control/v1/node").willReturn(okJson(fixture("storcon.node_list.response.json"))));

        var storcon = StorageControllerClient.builder().baseUri(URI.create(url)).config(ClientConfig.defaults().withBearerToken(token)).build();
        TenantDescription d = storcon.tenant(tenantId).describe();        // d.shards(), d.policy()
        ShardDescription s = storcon.shard(shardId).migrateTo(NodeId.of(1)).await(Duration.ofMinutes(5));
        server.stubFor(get("/control/v1/tenant/" + T).willReturn(okJson("{\"msg\":\"NotFound: Tenant not found\"}").withStatus(404)));
        storcon.tenant(tenantId).updatePolicy(PlacementPolicy.detached()).await(Duration.ofMinutes(2));
        storcon.tenant(tenantId).timeTravelRemoteStorage(travelTo, doneIfAfter, List.of(2));
        Timeline child = storcon.tenant(tenantId).timelines().create(CreateTimelineRequest.branch(newId, parentId).at(lsn));
        LsnForTimestamp at = storcon.tenant(tenantId).timeline(parentId).lsnByTimestamp(instant);
        Node drained = storcon.node(NodeId.of(2)).drain().await(Duration.ofMinutes(10));
        List<Node> nodes = storcon.nodes().list();

        assertEquals(2, d.shards().size());
        assertEquals(PlacementPolicy.attached(1), d.policy());
        assertEquals(NodeId.of(1), s.attachedNode().orElseThrow());
        assertEquals(lsn, child.ancestorLsn().orElseThrow());
        assertEquals(LsnForTimestamp.Kind.PRESENT, at.kind());
        assertEquals(NodeId.of(2), drained.id());
        assertEquals(2, nodes.size());
        server.getAllServeEvents().forEach(e -> assertEquals("Bearer admin-token", e.getRequest().getHeader("Authorization")));
    }

    @Test
    void aMissingTenant_throwsNotFoundException_aNeonException() {
        var storcon = StorageControllerClient.create("http://127.0.0.1:" + server.port());
        server.stubFor(get("/control/v1/tenant/" + T).willReturn(okJson("{\"msg\":\"NotFound: Tenant " + T + " not found\"}").withStatus(404)));
        NeonException e = assertThrows(NotFoundException.class, () -> storcon.tenant(TenantId.parse(T)).describe());
        assertTrue(e.getMessage().contains("GET /control/v1/tenant/{tenant_id}"), e.getMessage());
    }
}
