package io.neonclient.pageserver;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.neonclient.contract.OpenApiContract;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock pageserver; after each test every exchange is validated against upstream's OpenAPI document. */
abstract class PageserverTestBase {
    static final TenantShardId SHARD0 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0002");
    static final TenantShardId SHARD1 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0102");
    static final TenantShardId UNSHARDED = TenantShardId.parse("06dfb67646d6a12bf003bb8ac385e96d");
    static final TimelineId MAIN = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
    static final TimelineId BRANCH = TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814");

    WireMockServer server;
    PageserverClient ps;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        ps = PageserverClient.builder().baseUri("http://127.0.0.1:" + server.port()).config(ClientConfig.defaults()
                        .withBearerToken("test-token")
                        .withRetryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                        .withWaitPolicy(WaitPolicy.defaults().withTimeout(Duration.ofSeconds(5)).withDelays(Duration.ofMillis(1), Duration.ofMillis(5))))
                .build();
    }

    @AfterEach
    void validateAgainstSpecAndStop() {
        try {
            OpenApiContract.pageserver().checkAll(server);
        } finally {
            server.stop();
        }
    }

    static String tl(TenantShardId shard, TimelineId timeline) {
        return "/v1/tenant/" + shard + "/timeline/" + timeline;
    }
}
