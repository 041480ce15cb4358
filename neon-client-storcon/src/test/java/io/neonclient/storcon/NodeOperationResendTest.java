package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.http.Fault;
import io.neonclient.core.NodeId;
import io.neonclient.core.TransportException;
import io.neonclient.core.UnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drain and fill after a lost answer: the node's scheduling is read before the PUT is sent again. */
class NodeOperationResendTest extends WireMockTestBase {
    static final NodeId N2 = NodeId.of(2);
    static final String DRAIN = "/control/v1/node/2/drain";
    static final String FILL = "/control/v1/node/2/fill";

    int puts(String path) {
        return server.findAll(putRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void drain_whoseAnswerStalls_isNotSentAgain_whenTheNodeIsDraining() {
        server.stubFor(put(DRAIN).willReturn(nullBody(202).withFixedDelay(2_000)));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, NodesTest.node(2, "Active", "Draining"))));
        StorageControllerClient impatient = storcon.toBuilder().configure(c -> c.withRequestTimeout(Duration.ofMillis(200))).build();

        NodeOperation<Node> drain = impatient.node(N2).drain();

        assertEquals("drain", drain.operation());
        assertEquals(1, puts(DRAIN), "the stalled drain had started it: one PUT");
    }

    @Test
    void drain_after503_withTheNodeStillActive_isSentAgain() {
        stubSequence(() -> put(urlEqualTo(DRAIN)), List.of(error(503, "node unavailable"), nullBody(202)));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, NodesTest.node(2, "Active", "Active"))));

        storcon.node(N2).drain();

        assertEquals(2, puts(DRAIN), "Active after the 503: nothing started, so the drain is sent again");
    }

    @Test
    void drain_afterALostAnswer_onANodeNeitherActiveNorDraining_failsWithTheOriginalFailure() {
        server.stubFor(put(DRAIN).willReturn(error(503, "node unavailable")));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, NodesTest.node(2, "Active", "Deleting"))));

        assertThrows(UnavailableException.class, () -> storcon.node(N2).drain());
        assertEquals(1, puts(DRAIN));
    }

    @Test
    void fill_whoseConnectionIsReset_isNotSentAgain_whenTheNodeIsFilling() {
        server.stubFor(put(FILL).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get("/control/v1/node/2").willReturn(json(200, NodesTest.node(2, "Active", "Filling"))));

        assertEquals("fill", storcon.node(N2).fill().operation());
        assertEquals(1, puts(FILL));
    }

    @Test
    void fill_whoseConnectionIsReset_andTheNodeUnreadable_failsWithTheTransportFailure() {
        server.stubFor(put(FILL).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get("/control/v1/node/2").willReturn(error(404, "Node 2 not found")));

        TransportException e = assertThrows(TransportException.class, () -> storcon.node(N2).fill());
        assertEquals(1, e.getSuppressed().length, "the failed read is attached to the original failure");
        assertEquals(1, puts(FILL));
    }
}
