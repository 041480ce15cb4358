package io.neonclient.compute;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.WaitPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock compute_ctl; after each test every exchange is validated against upstream's OpenAPI document. */
abstract class ComputeTestBase {
    WireMockServer server;
    ComputeClient compute;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        compute = ComputeClient.builder().baseUri("http://127.0.0.1:" + server.port()).config(ClientConfig.defaults()
                        .withBearerToken("test-token")
                        .withRetryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                        .withWaitPolicy(WaitPolicy.defaults().withTimeout(Duration.ofSeconds(5)).withDelays(Duration.ofMillis(1), Duration.ofMillis(5))))
                .build();
    }

    @AfterEach
    void validateAgainstSpecAndStop() {
        try {
            OpenApiContract.compute().checkAll(server);
        } finally {
            server.stop();
        }
    }
}
