package io.neonclient.core.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.neonclient.core.AuthException;
import io.neonclient.core.BadRequestException;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.ConflictException;
import io.neonclient.core.NeonException;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.ProtocolException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.TransportException;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.testing.CapturedLogs;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpTransportTest {
    static final String ADMIN = "admin-secret-token-1";
    static final String PS = "pageserverapi-secret-token-2";
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final String PATH = "/control/v1/tenant/" + TENANT;

    WireMockServer server;
    HttpTransport transport;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        transport = transport(c -> c);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpTransport transport(java.util.function.UnaryOperator<ClientConfig> tweak) {
        ClientConfig config = ClientConfig.defaults()
                .withTokens(TokenProvider.perScope(Map.of(Scope.ADMIN, ADMIN, Scope.PAGESERVER_API, PS)))
                .withRetryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(4)))
                .withRequestTimeout(Duration.ofSeconds(5));
        return new HttpTransport(new ClientSettings("storage controller", URI.create("http://127.0.0.1:" + server.port()),
                tweak.apply(config)));
    }

    /** A loopback port nothing listens on (just released). */
    static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A transport's settings for a controller on loopback {@code port}, default configuration but {@code policy}. */
    static ClientSettings settingsOn(int port, RetryPolicy policy) {
        return new ClientSettings("storage controller", URI.create("http://127.0.0.1:" + port), ClientConfig.defaults().withRetryPolicy(policy));
    }

    static Request describe() {
        return Request.get("/control/v1/tenant/{tenant_id}", TENANT).scope(Scope.ADMIN).build();
    }

    static Request create() {
        return Request.post("/v1/tenant").scope(Scope.PAGESERVER_API).json(Map.of("new_tenant_id", TENANT)).build();
    }

    @Test
    void sendsTheTokenOfTheRequestsScope_andNoneForUnauthenticatedRoutes() {
        server.stubFor(any(anyUrl()).willReturn(okJson("null")));
        transport.send(describe());
        transport.send(create());
        transport.send(Request.get("/status").build());
        server.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + ADMIN)));
        server.verify(postRequestedFor(urlEqualTo("/v1/tenant")).withHeader("Authorization", equalTo("Bearer " + PS))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"new_tenant_id\":\"" + TENANT + "\"}")));
        server.verify(getRequestedFor(urlEqualTo("/status")).withoutHeader("Authorization"));
        server.verify(getRequestedFor(urlEqualTo("/status")).withHeader("User-Agent", matching("neon-client/.+ java/\\d+")));
    }

    @Test
    void aRequestWithoutBody_sendsNoContentLength_onGetHeadAndDelete_andZeroOnPostPutPatch() {
        server.stubFor(any(anyUrl()).willReturn(okJson("null")));
        transport.send(Request.get("/status").build());
        transport.send(Request.delete("/control/v1/node/{node_id}", 3).build());
        transport.send(Request.post("/debug/v1/reconcile_all").build());
        transport.send(Request.put("/control/v1/node/{node_id}/drain", 3).build());
        server.verify(getRequestedFor(urlEqualTo("/status")).withoutHeader("Content-Length").withoutHeader("Transfer-Encoding"));
        server.verify(deleteRequestedFor(urlEqualTo("/control/v1/node/3")).withoutHeader("Content-Length"));
        server.verify(postRequestedFor(urlEqualTo("/debug/v1/reconcile_all")).withHeader("Content-Length", equalTo("0")));
        server.verify(putRequestedFor(urlEqualTo("/control/v1/node/3/drain")).withHeader("Content-Length", equalTo("0")));
        server.verify(getRequestedFor(urlEqualTo("/status")).withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aScopeWithoutATokenSendsNoHeader() {
        server.stubFor(any(anyUrl()).willReturn(okJson("null")));
        transport.send(Request.get("/control/v1/node").scope(Scope.INFRA).build());
        server.verify(getRequestedFor(urlEqualTo("/control/v1/node")).withoutHeader("Authorization"));
    }

    @Test
    void get_503Then200_isRetried_andReportsAttempts() {
        server.stubFor(get(PATH).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"msg\":\"Current leadership status is candidate\"}"))
                .willSetStateTo("ok"));
        server.stubFor(get(PATH).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{\"a\":1}")));
        Response r = transport.send(describe());
        assertEquals(200, r.status());
        assertEquals(2, r.attempts());
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void get_persistent503_givesUpAfterMaxAttempts_withTheServerMessage() {
        server.stubFor(get(PATH).willReturn(aResponse().withStatus(503).withBody("{\"msg\":\"Shutting down\"}")));
        var e = assertThrows(UnavailableException.class, () -> transport.send(describe()));
        assertEquals(4, e.attempts());
        assertEquals(503, e.status());
        assertEquals("Shutting down", e.serverMessage());
        assertEquals("GET /control/v1/tenant/{tenant_id} failed: 503 Service Unavailable: \"Shutting down\" after 4 attempts",
                e.getMessage());
        server.verify(4, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void post_500_isNotRetried() {
        server.stubFor(post("/v1/tenant").willReturn(aResponse().withStatus(500).withBody("{\"msg\":\"database error\"}")));
        var e = assertThrows(ServerErrorException.class, () -> transport.send(create()));
        assertEquals(1, e.attempts());
        server.verify(1, postRequestedFor(urlEqualTo("/v1/tenant")));
    }

    @Test
    void post_503_isNotRetried_unlessTheEndpointDeclaresIt() {
        server.stubFor(post("/v1/tenant").willReturn(aResponse().withStatus(503).withBody("{\"msg\":\"busy\"}")));
        assertEquals(1, assertThrows(UnavailableException.class, () -> transport.send(create())).attempts());
        server.resetRequests();
        Request declared = Request.post("/v1/tenant").json(Map.of()).retryOn(503).build();
        assertEquals(4, assertThrows(UnavailableException.class, () -> transport.send(declared)).attempts());
        server.verify(4, postRequestedFor(urlEqualTo("/v1/tenant")));
    }

    @Test
    void retryAfter_isHonoured() {
        server.stubFor(get(PATH).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        server.stubFor(get(PATH).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        long start = System.nanoTime();
        assertEquals(2, transport.send(describe()).attempts());
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        // The policy's own backoff is at most 4 ms, so waiting ~1 s can only come from the header.
        assertTrue(waitedMs >= 900, "waited " + waitedMs + " ms");
    }

    @Test
    void retryAfter_isCappedByThePolicy() {
        server.stubFor(get(PATH).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")).willSetStateTo("ok"));
        server.stubFor(get(PATH).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        HttpTransport capped = transport(c -> c.withRetryPolicy(RetryPolicy.defaults()
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(4)).withMaxRetryAfter(Duration.ofMillis(10))));
        // Without the cap this would wait an hour; with it the retry comes after at most 10 ms.
        assertEquals(2, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> capped.send(describe())).attempts());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void faults_becomeTransportExceptions_afterRetryingAGet(Fault fault) {
        server.stubFor(get(PATH).willReturn(aResponse().withFault(fault)));
        var e = assertThrows(NeonException.class, () -> transport.send(describe()));
        assertInstanceOf(TransportException.class, e, e.toString());
        assertEquals(4, e.attempts());
        assertTrue(e.getMessage().startsWith("GET /control/v1/tenant/{tenant_id} failed: "), e.getMessage());
    }

    @Test
    void fault_onAPost_isNotRetried() {
        server.stubFor(post("/v1/tenant").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var e = assertThrows(TransportException.class, () -> transport.send(create()));
        assertEquals(1, e.attempts());
    }

    @Test
    void oneAttemptPolicy_sendsOnce_whetherTheAnswerIsA503OrNoConnection() throws Exception {
        server.stubFor(get(PATH).willReturn(aResponse().withStatus(503).withBody("{\"msg\":\"Shutting down\"}")));
        HttpTransport once = transport(c -> c.withRetryPolicy(RetryPolicy.defaults().withMaxAttempts(1)));
        var unavailable = assertThrows(UnavailableException.class, () -> once.send(describe()));
        assertEquals(1, unavailable.attempts());
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));

        var settings = settingsOn(closedPort(), RetryPolicy.defaults().withMaxAttempts(1));
        var refused = assertThrows(TransportException.class, () -> new HttpTransport(settings).send(describe()));
        assertEquals(1, refused.attempts());
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
    }

    @Test
    void refusedConnectionThenAnAnswer_isRetried_andReportsEveryAttempt() throws Exception {
        int port = closedPort();
        var settings = settingsOn(port, RetryPolicy.defaults().withMaxAttempts(20).withBackoff(Duration.ofMillis(400), Duration.ofMillis(400)));
        WireMockServer late = new WireMockServer(WireMockConfiguration.options().port(port));
        Thread starter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100); // after the first attempt was refused
            } catch (InterruptedException e) {
                return;
            }
            late.stubFor(get(PATH).willReturn(okJson("{\"a\":1}")));
            late.start();
        });
        try {
            Response r = new HttpTransport(settings).send(describe());
            assertEquals(200, r.status());
            // refused until the server is up (it starts 100 ms in; a loaded machine may take several 400 ms waits)
            assertTrue(r.attempts() >= 2, "attempts " + r.attempts());
            late.verify(1, getRequestedFor(urlEqualTo(PATH)));
        } finally {
            starter.join();
            late.stop();
        }
    }

    @Test
    void refusedConnection_isRetriedEvenForAPost_becauseNothingWasSent() throws Exception {
        var settings = settingsOn(closedPort(), RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)));
        var e = assertThrows(TransportException.class, () -> new HttpTransport(settings).send(create()));
        assertEquals(3, e.attempts());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void delayPastTheRequestTimeout_isATimeout() {
        server.stubFor(get(PATH).willReturn(okJson("{}").withFixedDelay(2_000)));
        HttpTransport quick = transport(c -> c.withRequestTimeout(Duration.ofMillis(200)).withRetryPolicy(RetryPolicy.none()));
        var e = assertThrows(TransportException.class, () -> quick.send(describe()));
        assertTrue(e.isTimeout(), e.toString());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void aBodyThatStallsAfterTheHeaders_isATimeoutToo() {
        // Headers at once, then the body in 20 chunks over 20 s: HttpRequest.timeout alone would wait for all of it.
        server.stubFor(get(PATH).willReturn(okJson("{\"tenant_id\": \"" + "0".repeat(2_000) + "\"}").withChunkedDribbleDelay(20, 20_000)));
        HttpTransport quick = transport(c -> c.withRequestTimeout(Duration.ofMillis(300)).withRetryPolicy(RetryPolicy.none()));
        var e = assertThrows(TransportException.class, () -> quick.send(describe()));
        assertTrue(e.isTimeout(), e.toString());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage()); // before, the call returned once the body completed (20 s)
    }

    @Test
    void aStalledPost_isNotSentTwice() {
        server.stubFor(post(PATH).willReturn(okJson("{\"x\": \"" + "0".repeat(2_000) + "\"}").withChunkedDribbleDelay(20, 20_000)));
        HttpTransport quick = transport(c -> c.withRequestTimeout(Duration.ofMillis(300)));
        assertThrows(TransportException.class, () -> quick.send(Request.post(PATH).json(java.util.Map.of()).build()));
        assertEquals(1, server.findAll(postRequestedFor(urlEqualTo(PATH))).size());
    }

    @Test
    void oversizedBody_isRefused_whetherDeclaredOrStreamed() {
        HttpTransport small = transport(c -> c.withMaxResponseBytes(1024));
        server.stubFor(get(PATH).willReturn(okJson("\"" + "x".repeat(4096) + "\"")));
        var declared = assertThrows(ProtocolException.class, () -> small.send(describe()));
        assertTrue(declared.getMessage().contains("1024-byte cap"), declared.getMessage());
        server.stubFor(get(PATH).willReturn(okJson("\"" + "x".repeat(4096) + "\"").withChunkedDribbleDelay(4, 20)));
        assertThrows(ProtocolException.class, () -> small.send(describe()));
        server.stubFor(get(PATH).willReturn(okJson("\"" + "x".repeat(1000) + "\"")));
        assertEquals(1002, small.send(describe()).body().length);
    }

    @Test
    void statusFamilies_mapToTheirExceptions() {
        record Case(int status, Class<? extends NeonException> type) {}
        List<Case> cases = List.of(new Case(400, BadRequestException.class), new Case(401, AuthException.class),
                new Case(403, AuthException.class), new Case(404, NotFoundException.class), new Case(406, BadRequestException.class),
                new Case(409, ConflictException.class), new Case(412, PreconditionFailedException.class),
                new Case(408, UnavailableException.class), new Case(500, ServerErrorException.class),
                new Case(502, ServerErrorException.class));
        for (Case c : cases) {
            server.stubFor(post("/v1/tenant").willReturn(aResponse().withStatus(c.status()).withBody("{\"msg\":\"m" + c.status() + "\"}")));
            var e = assertThrows(c.type(), () -> transport.send(create()), "status " + c.status());
            assertEquals("m" + c.status(), ((io.neonclient.core.ApiException) e).serverMessage());
        }
    }

    @Test
    void serverMessage_readsMsg_error_andPlainText() {
        assertEquals("NotFound: x", HttpTransport.serverMessage("{\"msg\":\"NotFound: x\"}".getBytes()));
        assertEquals("busy", HttpTransport.serverMessage("{\"error\":\"busy\"}".getBytes()));
        assertEquals("Not Found", HttpTransport.serverMessage("Not Found".getBytes()));
        assertEquals("", HttpTransport.serverMessage("null".getBytes()));
        assertEquals("", HttpTransport.serverMessage(new byte[0]));
    }

    @Test
    void undecodableBody_isAProtocolException_namingTheField() {
        record Node(long id, String availability) {}
        server.stubFor(get(PATH).willReturn(okJson("{\"id\":\"one\",\"availability\":\"Active\"}")));
        var e = assertThrows(ProtocolException.class, () -> transport.call(describe(), Json.reader(Node.class)));
        assertTrue(e.getMessage().contains("field 'id'"), e.getMessage());
        assertEquals(200, e.status());
    }

    @Test
    void noTokenInAnyLogLineOrExceptionMessage() {
        List<String> messages = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs()) {
            server.stubFor(get(PATH).willReturn(aResponse().withStatus(403).withBody("{\"msg\":\"Forbidden: JWT authentication error\"}")));
            messages.add(assertThrows(AuthException.class, () -> transport.send(describe())).toString());
            server.stubFor(post("/v1/tenant").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            messages.add(assertThrows(TransportException.class, () -> transport.send(create())).toString());
            server.stubFor(get(PATH).willReturn(aResponse().withStatus(503)));
            messages.add(assertThrows(UnavailableException.class, () -> transport.send(describe())).toString());
            messages.add(transport.settings().toString());
            messages.add(TokenProvider.of(ADMIN).tokenFor(Scope.ADMIN).orElseThrow().toString());
            messages.addAll(logs.lines());
            assertTrue(logs.lines().size() >= 6, "one debug line per attempt: " + logs.lines());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("GET /control/v1/tenant/{tenant_id} -> 503")), logs.lines().toString());
        }
        for (String m : messages) {
            assertFalse(m.contains(ADMIN) || m.contains(PS), "token leaked: " + m);
            assertFalse(m.contains(TENANT.toString()) && m.contains("->"), "log lines carry templates, not ids: " + m);
        }
    }

    @Test
    void interruptedCaller_getsATransportException_andKeepsItsInterruptFlag() throws Exception {
        server.stubFor(get(PATH).willReturn(okJson("{}").withFixedDelay(3_000)));
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var flag = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                transport.send(describe());
            } catch (Throwable e) {
                failure.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.getAllServeEvents().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // interrupt only once the request is in flight
        }
        t.interrupt();
        t.join(5_000);
        assertInstanceOf(TransportException.class, failure.get());
        assertTrue(flag.get(), "interrupt flag restored");
    }

    @Test
    void plainHttpClient_skipsTheDefaultTlsContext_andStillSends() throws Exception {
        server.stubFor(get(PATH).willReturn(okJson("{}")));
        assertEquals(200, transport.send(describe()).status());
        javax.net.ssl.SSLContext tls = transport.httpClient().sslContext();
        assertNotSame(javax.net.ssl.SSLContext.getDefault(), tls);
        var refused = assertThrows(IllegalStateException.class, tls::createSSLEngine);
        assertTrue(refused.getMessage().contains("https://"), refused.getMessage());
    }

    @Test
    void httpsClient_withoutAContext_keepsTheJdkDefaultTls() throws Exception {
        var https = new HttpTransport(new ClientSettings("storage controller", URI.create("https://127.0.0.1:" + server.port()), ClientConfig.defaults()));
        assertSame(javax.net.ssl.SSLContext.getDefault(), https.httpClient().sslContext());
    }

    @Test
    void close_closesTheClientItBuilt_andLaterSendsAreRefusedBeforeAnyRequest() {
        server.stubFor(get(PATH).willReturn(okJson("{}")));
        assertEquals(200, transport.send(describe()).status());
        transport.close();
        assertTrue(transport.httpClient().isTerminated(), "the JDK client (and its selector thread) is gone");
        var refused = assertThrows(IllegalStateException.class, () -> transport.send(describe()));
        assertEquals("this storage controller client (http://127.0.0.1:" + server.port() + ") is closed; build a new one", refused.getMessage());
        assertEquals(1, server.getAllServeEvents().size(), "nothing sent after close");
        transport.close(); // idempotent
        assertTrue(transport.isClosed());
    }

    @Test
    void close_leavesAClientGivenInTheConfigurationOpen() {
        server.stubFor(get(PATH).willReturn(okJson("{}")));
        try (java.net.http.HttpClient own = java.net.http.HttpClient.newHttpClient()) {
            HttpTransport shared = transport(c -> c.withHttpClient(own));
            shared.close();
            assertFalse(own.isTerminated(), "the caller's client is the caller's to close");
            assertThrows(IllegalStateException.class, () -> shared.send(describe()));
            assertEquals(200, transport(c -> c.withHttpClient(own)).send(describe()).status());
        }
    }
}
