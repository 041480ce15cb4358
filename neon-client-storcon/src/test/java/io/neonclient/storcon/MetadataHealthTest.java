package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.AuthException;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantShardId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /control/v1/metadata_health/…}: scrubber reports (scope scrubber) and the admin reads of them. */
class MetadataHealthTest extends WireMockTestBase {
    static final String UPDATE = "/control/v1/metadata_health/update";
    static final String UNHEALTHY = "/control/v1/metadata_health/unhealthy";
    static final String OUTDATED = "/control/v1/metadata_health/outdated";

    @Test
    void update_postsBothSets_withScrubberScope() {
        server.stubFor(post(UPDATE).willReturn(json(200, "{}")));
        storcon.metadataHealth().update(List.of(SHARD0, SHARD0), List.of(SHARD1));
        assertRequest(onlyRequest(), "POST", UPDATE, Scope.SCRUBBER);
        LoggedRequestAssert.body(onlyRequest(), "{\"healthy_tenant_shards\":[\"" + SHARD0 + "\"],\"unhealthy_tenant_shards\":[\"" + SHARD1 + "\"]}");
    }

    @Test
    void update_emptySets_areSentAsEmptyArrays() {
        server.stubFor(post(UPDATE).willReturn(json(200, "{}")));
        storcon.metadataHealth().update(List.of(), List.of(TenantShardId.unsharded(UNSHARDED)));
        LoggedRequestAssert.body(onlyRequest(), "{\"healthy_tenant_shards\":[],\"unhealthy_tenant_shards\":[\"" + UNSHARDED + "\"]}");
    }

    @Test
    void update_adminToken_rejected_isAuthException() {
        server.stubFor(post(UPDATE).willReturn(error(403, "Forbidden: JWT authentication error")));
        assertThrows(AuthException.class, () -> storcon.metadataHealth().update(List.of(SHARD0), List.of()));
    }

    @Test
    void update_badInput_rejectedBeforeSending() {
        MetadataHealth health = storcon.metadataHealth();
        assertThrows(NullPointerException.class, () -> health.update(null, List.of()));
        assertThrows(NullPointerException.class, () -> health.update(List.of(), null));
        assertThrows(NullPointerException.class, () -> health.update(Arrays.asList(SHARD0, null), List.of()));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> health.update(List.of(SHARD0), List.of(SHARD1, SHARD0)));
        assertTrue(both.getMessage().contains(SHARD0.toString()), both.getMessage());
        assertNothingSent();
    }

    @Test
    void unhealthy_getsWithAdminScope_andDecodesShardIds() {
        server.stubFor(get(UNHEALTHY).willReturn(json(200, "{\"unhealthy_tenant_shards\":[\"" + SHARD1 + "\",\"" + UNSHARDED + "\"]}")));
        List<TenantShardId> shards = storcon.metadataHealth().unhealthy();
        assertRequest(onlyRequest(), "GET", UNHEALTHY, Scope.ADMIN);
        assertEquals(List.of(SHARD1, TenantShardId.unsharded(UNSHARDED)), shards);
    }

    @Test
    void outdated_postsHumantimeDuration_withAdminScope_andDecodesRecords() {
        server.stubFor(post(OUTDATED).willReturn(json(200, "{\"health_records\":[{\"tenant_shard_id\":\"" + SHARD0
                + "\",\"healthy\":true,\"last_scrubbed_at\":\"2024-05-01T12:00:00.123456Z\"},{\"tenant_shard_id\":\"" + SHARD1
                + "\",\"healthy\":false,\"last_scrubbed_at\":\"2024-04-30T08:15:00Z\"}]}")));
        List<MetadataHealthRecord> records = storcon.metadataHealth().outdated(Duration.ofMinutes(90));
        assertRequest(onlyRequest(), "POST", OUTDATED, Scope.ADMIN);
        LoggedRequestAssert.body(onlyRequest(), "{\"not_scrubbed_for\":\"1h 30m\"}");
        assertEquals(List.of(new MetadataHealthRecord(SHARD0, true, Instant.parse("2024-05-01T12:00:00.123456Z")),
                new MetadataHealthRecord(SHARD1, false, Instant.parse("2024-04-30T08:15:00Z"))), records);
    }

    @Test
    void outdated_daysAreHumantimeDays_andA503IsRetried() {
        stubSequence(() -> post(urlEqualTo(OUTDATED)), List.of(error(503, "Shutting down"), json(200, "{\"health_records\":[]}")));
        assertEquals(List.of(), storcon.metadataHealth().outdated(Duration.ofDays(7)));
        assertEquals(2, requests().size());
        LoggedRequestAssert.body(requests().get(1), "{\"not_scrubbed_for\":\"7days\"}");
    }

    @Test
    void outdated_badDuration_rejectedBeforeSending() {
        assertThrows(NullPointerException.class, () -> storcon.metadataHealth().outdated(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> storcon.metadataHealth().outdated(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("notScrubbedFor"), e.getMessage());
        assertNothingSent();
    }
}
