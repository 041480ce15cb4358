package io.neonclient.core.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TokenProvider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportSmokeTest {
    WireMockServer server;
    HttpTransport transport;

    record Thing(TenantId tenantId, int someCount) {}

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        var b = ClientSettings.builder("test");
        b.baseUri("http://127.0.0.1:" + server.port() + "/");
        b.tokens(TokenProvider.perScope(Map.of(Scope.ADMIN, "admin-token")));
        b.retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
        transport = new HttpTransport(b.build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void get_retriesA503_thenDecodesSnakeCase() {
        TenantId t = TenantId.generate();
        server.stubFor(get("/x/" + t).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"msg\":\"busy\"}")).willSetStateTo("ok"));
        server.stubFor(get("/x/" + t).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"tenant_id\":\"" + t + "\",\"some_count\":3,\"extra\":true}")));
        Thing thing = transport.call(Request.get("/x/{tenant_id}", t).scope(Scope.ADMIN).build(), Json.reader(Thing.class));
        assertEquals(new Thing(t, 3), thing);
        server.verify(2, getRequestedFor(urlEqualTo("/x/" + t)).withHeader("Authorization", equalTo("Bearer admin-token")));
    }

    @Test
    void notFound_carriesOperationStatusMessageAndAttempts() {
        server.stubFor(get(urlPathMatching("/x/.*")).willReturn(aResponse().withStatus(404).withBody("{\"msg\":\"NotFound: gone\"}")));
        var e = assertThrows(NotFoundException.class,
                () -> transport.send(Request.get("/x/{tenant_id}", TenantId.generate()).build()));
        assertEquals("GET /x/{tenant_id}", e.operation().toString());
        assertEquals("NotFound: gone", e.serverMessage());
        assertEquals(1, e.attempts());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
}
