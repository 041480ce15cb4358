package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.ConflictException;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.Scope;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodesTest extends WireMockTestBase {
    static final NodeId N1 = NodeId.of(1);
    static final NodeId N2 = NodeId.of(2);

    static String node(int id, String availability, String scheduling) {
        return fixture("storcon.node_describe.response.json").replace("\"id\": 1", "\"id\": " + id)
                .replace("\"availability\": \"Active\"", "\"availability\": \"" + availability + "\"")
                .replace("\"scheduling\": \"Active\"", "\"scheduling\": \"" + scheduling + "\"");
    }

    @Test
    void list_decodesFixture_withInfraScope() {
        server.stubFor(get("/control/v1/node").willReturn(fixtureResponse(200, "storcon.node_list.response.json")));
        List<Node> nodes = storcon.nodes().list();
        assertRequest(onlyRequest(), "GET", "/control/v1/node", Scope.INFRA);
        assertEquals(2, nodes.size());
        Node n2 = nodes.get(1);
        assertEquals(N2, n2.id());
        assertEquals(NodeAvailability.OFFLINE, n2.availability());
        assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, n2.scheduling());
        assertEquals("pageserver-2.storage.svc", n2.listenHttpAddr());
        assertFalse(n2.isSchedulable());
    }

    @Test
    void describe_decodesEveryField() {
        server.stubFor(get("/control/v1/node/1").willReturn(fixtureResponse(200, "storcon.node_describe.response.json")));
        Node n = storcon.node(N1).describe();
        assertRequest(onlyRequest(), "GET", "/control/v1/node/1", Scope.INFRA);
        assertEquals(N1, n.id());
        assertEquals(NodeAvailability.ACTIVE, n.availability());
        assertEquals(NodeSchedulingPolicy.ACTIVE, n.scheduling());
        assertEquals("az-a", n.availabilityZoneId());
        assertEquals(9898, n.listenHttpPort());
        assertEquals(Optional.empty(), n.listenHttpsPort());
        assertEquals("pageserver-1.storage.svc", n.listenPgAddr());
        assertEquals(6400, n.listenPgPort());
        assertEquals(Optional.empty(), n.listenGrpcAddr());
        assertEquals(Optional.empty(), n.listenGrpcPort());
        assertEquals("postgresql://no_user@pageserver-1.storage.svc:6400", n.libpqUrl());
        assertTrue(n.isSchedulable());
    }

    @Test
    void describe_readsNewerValuesAsUnknown_andGrpcAddresses() {
        String body = fixture("storcon.node_describe.response.json").replace("\"Active\",\n  \"scheduling\": \"Active\"",
                "\"Hibernating\",\n  \"scheduling\": \"Frozen\"").replace("\"listen_grpc_addr\": null", "\"listen_grpc_addr\": \"ps-1\"")
                .replace("\"listen_grpc_port\": null", "\"listen_grpc_port\": 51051").replace("\"listen_https_port\": null", "\"listen_https_port\": 9899");
        server.stubFor(get("/control/v1/node/1").willReturn(json(200, body)));
        Node n = storcon.node(N1).describe();
        assertEquals(new NodeAvailability.Unknown("Hibernating"), n.availability());
        assertEquals("Frozen", n.scheduling().toString(), "an unknown value prints as received");
        assertEquals(Optional.of("ps-1"), n.listenGrpcAddr());
        assertEquals(Optional.of(51051), n.listenGrpcPort());
        assertEquals(Optional.of(9899), n.listenHttpsPort());
    }

    @Test
    void describe_unknownNode_isNotFound() {
        server.stubFor(get("/control/v1/node/9").willReturn(error(404, "NotFound: Node 9 not registered")));
        assertThrows(NotFoundException.class, () -> storcon.node(NodeId.of(9)).describe());
    }

    @Test
    void register_sendsFixtureBody_withInfraScope() {
        server.stubFor(post("/control/v1/node").willReturn(nullBody(200)));
        storcon.nodes().register(RegisterNodeRequest.of(N1, "pageserver-1.storage.svc", 6400, "pageserver-1.storage.svc", 9898, "az-a"));
        assertRequest(onlyRequest(), "POST", "/control/v1/node", Scope.INFRA);
        assertBodyIsFixture(onlyRequest(), "storcon.node_register.request.json");
    }

    @Test
    void register_withOptionalAddresses() {
        server.stubFor(post("/control/v1/node").willReturn(nullBody(200)));
        storcon.nodes().register(RegisterNodeRequest.of(N1, "ps", 6400, "ps", 9898, "az-a").withHttpsPort(9899).withGrpc("ps", 51051)
                .withIpAddr("10.0.0.5"));
        LoggedRequestAssert.body(onlyRequest(), "{\"node_id\":1,\"listen_pg_addr\":\"ps\",\"listen_pg_port\":6400,\"listen_grpc_addr\":\"ps\","
                + "\"listen_grpc_port\":51051,\"listen_http_addr\":\"ps\",\"listen_http_port\":9898,\"listen_https_port\":9899,"
                + "\"availability_zone_id\":\"az-a\",\"node_ip_addr\":\"10.0.0.5\"}");
    }

    @Test
    void register_conflict_isConflictException() {
        server.stubFor(post("/control/v1/node").willReturn(error(409, "Conflict: Node is already registered with different address")));
        assertThrows(ConflictException.class, () -> storcon.nodes().register(RegisterNodeRequest.of(N1, "a", 1, "a", 2, "az")));
        assertEquals(1, requests().size());
    }

    @Test
    void register_badInput_rejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> RegisterNodeRequest.of(N1, "ps", 0, "ps", 9898, "az-a"));
        assertThrows(IllegalArgumentException.class, () -> RegisterNodeRequest.of(N1, " ", 6400, "ps", 9898, "az-a"));
        assertThrows(IllegalArgumentException.class, () -> new RegisterNodeRequest(N1, "ps", 6400, "ps", null, "ps", 9898, null, "az", null));
        assertThrows(IllegalArgumentException.class, () -> RegisterNodeRequest.of(N1, "ps", 6400, "ps", 9898, "az").withIpAddr("not-an-ip"));
        assertThrows(NullPointerException.class, () -> storcon.nodes().register(null));
        assertNothingSent();
    }

    @Test
    void configure_sendsFixtureBody_withAdminScope() {
        server.stubFor(put("/control/v1/node/2/config").willReturn(nullBody(200)));
        storcon.node(N2).configure(null, NodeSchedulingPolicy.PAUSE);
        assertRequest(onlyRequest(), "PUT", "/control/v1/node/2/config", Scope.ADMIN);
        assertBodyIsFixture(onlyRequest(), "storcon.node_configure.request.json");
    }

    @Test
    void configure_rejectsNothingToChange_beforeSending() {
        assertThrows(IllegalArgumentException.class, () -> storcon.node(N2).configure(null, null));
        assertThrows(IllegalArgumentException.class, () -> NodeAvailability.fromWire(" "));
        assertNothingSent();
    }

    @Test
    void configure_duringBackgroundOperation_isPreconditionFailed() {
        server.stubFor(put("/control/v1/node/2/config").willReturn(error(412, "Precondition failed: Ongoing background operation forbids configuring")));
        assertThrows(PreconditionFailedException.class, () -> storcon.node(N2).configure(NodeAvailability.OFFLINE, null));
    }

    @Test
    void shards_decodesFixture_withAdminScope() {
        server.stubFor(get("/control/v1/node/1/shards").willReturn(fixtureResponse(200, "storcon.node_shards.response.json")));
        NodeShards s = storcon.node(N1).shards();
        assertRequest(onlyRequest(), "GET", "/control/v1/node/1/shards", Scope.ADMIN);
        assertEquals(N1, s.nodeId());
        assertEquals(SHARD0, s.shards().get(0).tenantShardId());
        assertEquals(Optional.of(false), s.shards().get(0).isObservedSecondary());
        assertEquals(Optional.of(true), s.shards().get(1).isIntendedSecondary());
    }

    @Test
    void shards_nullFlagsAreEmpty() {
        server.stubFor(get("/control/v1/node/1/shards").willReturn(json(200,
                "{\"node_id\":1,\"shards\":[{\"tenant_shard_id\":\"" + SHARD0 + "\",\"is_observed_secondary\":null,\"is_intended_secondary\":false}]}")));
        assertEquals(Optional.empty(), storcon.node(N1).shards().shards().get(0).isObservedSecondary());
    }

    @Test
    void drain_put202NullBody_withInfraScope_thenAwaitsPauseForRestart() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        stubSequence(() -> get(urlEqualTo("/control/v1/node/2")),
                List.of(json(200, node(2, "Active", "Draining")), json(200, node(2, "Active", "Draining")),
                        json(200, node(2, "Active", "PauseForRestart"))));
        NodeOperation<Node> drain = storcon.node(N2).drain();
        assertEquals("drain", drain.operation());
        assertRequest(requests().get(0), "PUT", "/control/v1/node/2/drain", Scope.INFRA);
        assertEquals("", requests().get(0).getBodyAsString());
        Node drained = drain.await(Duration.ofSeconds(5));
        assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, drained.scheduling());
        assertEquals(4, requests().size());
    }

    @Test
    void drain_await_failsWhenDrainStopsWithoutPauseForRestart() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        stubSequence(() -> get(urlEqualTo("/control/v1/node/2")),
                List.of(json(200, node(2, "Active", "Draining")), json(200, node(2, "Active", "Active"))));
        WaitFailedException e = assertThrows(WaitFailedException.class, () -> storcon.node(N2).drain().await(Duration.ofSeconds(5)));
        assertEquals(NodeSchedulingPolicy.ACTIVE, e.lastState(Node.class).orElseThrow().scheduling());
    }

    @Test
    void drain_await_timesOutWithLastNodeSeen() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, node(2, "Active", "Draining"))));
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> storcon.node(N2).drain().await(Duration.ofMillis(40)));
        Node last = e.lastState(Node.class).orElseThrow();
        assertEquals(NodeSchedulingPolicy.DRAINING, last.scheduling());
        assertTrue(e.getMessage().contains("scheduling Draining"), e.getMessage());
    }

    @Test
    void drain_alreadyDraining_isConflict_notRetried() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(error(409, "Conflict: Node 2 has drain in progress")));
        assertThrows(ConflictException.class, () -> storcon.node(N2).drain());
        assertEquals(1, requests().size());
    }

    @Test
    void cancelDrain_deletes_withInfraScope() {
        server.stubFor(delete("/control/v1/node/2/drain").willReturn(nullBody(202)));
        storcon.node(N2).cancelDrain();
        assertRequest(onlyRequest(), "DELETE", "/control/v1/node/2/drain", Scope.INFRA);
    }

    @Test
    void cancelDrain_withoutDrain_isPreconditionFailed() {
        server.stubFor(delete("/control/v1/node/2/drain").willReturn(error(412, "Precondition failed: Node 2 has no drain in progress")));
        assertThrows(PreconditionFailedException.class, () -> storcon.node(N2).cancelDrain());
    }

    @Test
    void fill_thenAwaitsActive() {
        server.stubFor(put("/control/v1/node/2/fill").willReturn(nullBody(202)));
        stubSequence(() -> get(urlEqualTo("/control/v1/node/2")),
                List.of(json(200, node(2, "Active", "Filling")), json(200, node(2, "Active", "Active"))));
        Node filled = storcon.node(N2).fill().await(Duration.ofSeconds(5));
        assertRequest(requests().get(0), "PUT", "/control/v1/node/2/fill", Scope.INFRA);
        assertEquals(NodeSchedulingPolicy.ACTIVE, filled.scheduling());
    }

    @Test
    void fill_await_failsOnPause() {
        server.stubFor(put("/control/v1/node/2/fill").willReturn(nullBody(202)));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, node(2, "Active", "Pause"))));
        assertThrows(WaitFailedException.class, () -> storcon.node(N2).fill().await(Duration.ofSeconds(5)));
    }

    @Test
    void cancelFill_deletes_withInfraScope() {
        server.stubFor(delete("/control/v1/node/2/fill").willReturn(nullBody(202)));
        storcon.node(N2).cancelFill();
        assertRequest(onlyRequest(), "DELETE", "/control/v1/node/2/fill", Scope.INFRA);
    }

    @Test
    void delete_isGracefulPut_withAdmin_andAwaitsNotFound() {
        server.stubFor(put("/control/v1/node/2/delete").willReturn(nullBody(200)));
        stubSequence(() -> get(urlEqualTo("/control/v1/node/2")),
                List.of(json(200, node(2, "Active", "Deleting")), error(404, "NotFound: Node 2 not registered")));
        NodeOperation<NodeId> deletion = storcon.node(N2).delete();
        assertRequest(requests().get(0), "PUT", "/control/v1/node/2/delete", Scope.ADMIN);
        assertEquals(N2, deletion.nodeId());
        assertEquals(N2, deletion.await(Duration.ofSeconds(5)));
    }

    @Test
    void delete_force_sendsQuery() {
        server.stubFor(put("/control/v1/node/2/delete?force=true").willReturn(nullBody(200)));
        storcon.node(N2).delete(true);
        assertRequest(onlyRequest(), "PUT", "/control/v1/node/2/delete?force=true", Scope.ADMIN);
    }

    @Test
    void delete_await_failsWhenCancelled() {
        server.stubFor(put("/control/v1/node/2/delete").willReturn(nullBody(200)));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, node(2, "Active", "Pause"))));
        assertThrows(WaitFailedException.class, () -> storcon.node(N2).delete().await(Duration.ofSeconds(5)));
    }

    @Test
    void cancelDelete_deletes_withInfraScope() {
        server.stubFor(delete("/control/v1/node/2/delete").willReturn(nullBody(202)));
        storcon.node(N2).cancelDelete();
        assertRequest(onlyRequest(), "DELETE", "/control/v1/node/2/delete", Scope.INFRA);
    }

    @Test
    void deleteImmediately_isLegacyDelete_withAdmin() {
        server.stubFor(delete("/control/v1/node/2").willReturn(nullBody(200)));
        storcon.node(N2).deleteImmediately();
        assertRequest(onlyRequest(), "DELETE", "/control/v1/node/2", Scope.ADMIN);
    }

    @Test
    void drain_await_reportsProgress_andTreatsAPolicyNewerThanTheSdkAsNotYet() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        stubSequence(() -> get(urlEqualTo("/control/v1/node/2")),
                List.of(json(200, node(2, "Active", "Draining")), json(200, node(2, "Active", "SomethingNewer")),
                        json(200, node(2, "Active", "PauseForRestart"))));
        List<WaitProgress<?>> progress = new ArrayList<>();
        Node drained = storcon.node(N2).drain().await(fastWait(Duration.ofSeconds(5)), progress::add);
        assertEquals(NodeSchedulingPolicy.PAUSE_FOR_RESTART, drained.scheduling());
        assertEquals(2, progress.size());
        assertTrue(progress.get(0).reason().startsWith("scheduling "), progress.get(0).reason());
        assertTrue(progress.get(1).toString().contains("node 2 drained"), progress.get(1).toString());
    }

    @Test
    void drain_await_failsAtOnceWhenTheNodeIsDeleted() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        stubSequence(() -> get(urlEqualTo("/control/v1/node/2")),
                List.of(json(200, node(2, "Active", "Draining")), error(404, "NotFound: Node 2 not registered")));
        WaitFailedException e = assertThrows(WaitFailedException.class, () -> storcon.node(N2).drain().await());
        assertTrue(e.reason().contains("no longer registered"), e.reason());
        assertEquals(NodeSchedulingPolicy.DRAINING, e.lastState(Node.class).orElseThrow().scheduling());
        assertEquals(3, requests().size());
    }

    @Test
    void handles_exposeTheirNode() {
        server.stubFor(put("/control/v1/node/2/drain").willReturn(nullBody(202)));
        assertSame(N2, storcon.node(N2).drain().nodeId());
    }
}
