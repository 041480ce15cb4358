package io.neonclient.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.neonclient.compute.ComputeClient;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Scope;
import io.neonclient.core.TokenProvider;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.storcon.StorageControllerClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One {@link ClientConfig} given to all four clients: every request carries the same settings. */
class SharedClientConfigTest {
    static final String METRICS = "{\"wait_for_spec_ms\":1,\"sync_sk_check_ms\":2,\"sync_safekeepers_ms\":3,"
            + "\"pageserver_connect_micros\":4,\"basebackup_ms\":5,\"basebackup_bytes\":6,\"start_postgres_ms\":7,\"config_ms\":8,"
            + "\"total_startup_ms\":9,\"load_ext_ms\":10,\"num_ext_downloaded\":11,\"largest_ext_size\":12,\"total_ext_download_size\":13}";

    WireMockServer server;
    String base;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        base = "http://127.0.0.1:" + server.port();
        server.stubFor(get("/control/v1/node").willReturn(okJson("[]")));
        server.stubFor(get("/v1/tenant").willReturn(okJson("[]")));
        server.stubFor(get("/v1/tenant/timeline").willReturn(okJson("[]")));
        server.stubFor(get("/metrics.json").willReturn(okJson(METRICS)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** One call on each client, in the order storcon, pageserver, safekeeper, compute. */
    List<LoggedRequest> callEach(ClientConfig config) {
        var storcon = StorageControllerClient.builder().baseUri(base).config(config).build();
        var pageserver = PageserverClient.builder().baseUri(base).config(storcon.config()).build();
        var safekeeper = SafekeeperClient.builder().baseUri(base).config(pageserver.config()).build();
        var compute = ComputeClient.builder().baseUri(base).config(safekeeper.config()).build();
        assertSame(config, compute.config());
        storcon.nodes().list();
        pageserver.tenants();
        safekeeper.timelines();
        compute.metrics();
        List<LoggedRequest> requests = server.getAllServeEvents().stream().map(e -> e.getRequest()).toList().reversed();
        assertEquals(List.of("/control/v1/node", "/v1/tenant", "/v1/tenant/timeline", "/metrics.json"),
                requests.stream().map(LoggedRequest::getUrl).toList());
        return requests;
    }

    @Test
    void oneConfig_sharedByFourClients_sendsTheSameTokenAndUserAgent() {
        ClientConfig config = ClientConfig.defaults().withBearerToken("shared-token-1").withUserAgent("ops-console/1.0");
        for (LoggedRequest r : callEach(config)) {
            assertEquals("Bearer shared-token-1", r.getHeader("Authorization"), r.getUrl());
            assertEquals("ops-console/1.0", r.getHeader("User-Agent"), r.getUrl());
        }
        assertFalse(config.toString().contains("shared-token-1"), config.toString());
    }

    @Test
    void perScopeTokens_inOneConfig_giveEachComponentTheScopeItChecks() {
        ClientConfig config = ClientConfig.defaults().withTokens(TokenProvider.perScope(Map.of(Scope.INFRA, "infra-token",
                Scope.PAGESERVER_API, "pageserver-token", Scope.SAFEKEEPER_DATA, "safekeeper-token",
                Scope.COMPUTE_CTL_ADMIN, "compute-token")));
        assertEquals(List.of("Bearer infra-token", "Bearer pageserver-token", "Bearer safekeeper-token", "Bearer compute-token"),
                callEach(config).stream().map(r -> r.getHeader("Authorization")).toList());
    }
}
