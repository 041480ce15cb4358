package io.neonclient.safekeeper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock safekeeper; after each test every exchange is validated against upstream's OpenAPI document. */
abstract class SafekeeperTestBase {
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final TimelineId TIMELINE = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");

    WireMockServer server;
    SafekeeperClient sk;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        sk = SafekeeperClient.builder().baseUri("http://127.0.0.1:" + server.port()).configure(c -> c.withBearerToken("test-token")).build();
    }

    @AfterEach
    void validateAgainstSpecAndStop() {
        try {
            OpenApiContract.safekeeper().checkAll(server);
        } finally {
            server.stop();
        }
    }
}
