package io.neonclient.storcon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitFailedException;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantHandlesTest extends WireMockTestBase {
    static final String ATTACHED_1 = "{\"Attached\":1}";
    static final String DESCRIBE = "/control/v1/tenant/5187ddbeeda5e7bf3a699a26009f434c";

    void stubPolicyPut() {
        server.stubFor(put(DESCRIBE + "/policy").willReturn(nullBody(200)));
    }

    @Test
    void tenantCreation_await_pendingUntilEveryShardAttachedAndIdle() {
        server.stubFor(post("/v1/tenant").willReturn(fixtureResponse(201, "storcon.tenant_create.response.json")));
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1,
                        Describe.shard(SHARD0, 1, List.of(), "", true), Describe.shard(SHARD1, null, List.of(), "", false))),
                fixtureResponse(200, "storcon.tenant_describe.response.json"),
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1,
                        Describe.shard(SHARD0, 1, List.of(2), "", false), Describe.shard(SHARD1, 2, List.of(1), "", false)))));
        List<WaitProgress<?>> progress = new ArrayList<>();
        TenantDescription d = storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 2, StripeSize.DEFAULT))
                .await(fastWait(Duration.ofSeconds(5)), progress::add);
        assertTrue(d.isIdle());
        assertEquals(2, progress.size());
        assertTrue(progress.get(1).reason().contains("reconciling"), progress.get(1).reason());
        assertInstanceOf(TenantDescription.class, progress.get(0).state());
    }

    @Test
    void tenantCreation_await_failsFastOnLastError() {
        server.stubFor(post("/v1/tenant").willReturn(fixtureResponse(201, "storcon.tenant_create.response.json")));
        server.stubFor(get(DESCRIBE).willReturn(json(200, Describe.tenant(TENANT.toString(), ATTACHED_1,
                Describe.shard(SHARD0, 1, List.of(), "Reconcile error on shard", false), Describe.shard(SHARD1, 2, List.of(), "", false)))));
        WaitFailedException e = assertThrows(WaitFailedException.class,
                () -> storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 2, StripeSize.DEFAULT)).await(Duration.ofSeconds(5)));
        assertTrue(e.reason().contains("Reconcile error on shard"), e.reason());
        assertEquals(2, requests().size());
    }

    @Test
    void tenantCreation_secondaryPlacement_waitsForSecondariesNotAttachment() {
        server.stubFor(post("/v1/tenant").willReturn(json(201, "{\"shards\":[]}")));
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), "\"Secondary\"", Describe.shard(SHARD0, null, List.of(), "", true))),
                json(200, Describe.tenant(TENANT.toString(), "\"Secondary\"", Describe.shard(SHARD0, null, List.of(1), "", false)))));
        TenantCreation c = storcon.tenants().create(CreateTenantRequest.sharded(TENANT, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.secondary()));
        assertTrue(c.shards().isEmpty());
        assertEquals(PlacementPolicy.secondary(), c.placement());
        assertEquals(PlacementPolicy.secondary(), c.await(Duration.ofSeconds(5)).policy());
        assertEquals(3, requests().size());
    }

    @Test
    void tenantCreation_defaultPlacementIsAttachedZero() {
        server.stubFor(post("/v1/tenant").willReturn(json(201, "{\"shards\":[]}")));
        assertEquals(PlacementPolicy.attached(0), storcon.tenants().create(CreateTenantRequest.unsharded(TENANT)).placement());
    }

    @Test
    void policyChange_detached_404MeansDone() {
        stubPolicyPut();
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), "\"Detached\"", Describe.shard(SHARD0, null, List.of(), "", true))),
                error(404, "NotFound: Tenant " + TENANT + " not found")));
        Optional<TenantDescription> last = storcon.tenant(TENANT).updatePolicy(PlacementPolicy.detached()).await(Duration.ofMinutes(2));
        assertTrue(last.isEmpty());
        assertEquals(3, requests().size());
    }

    @Test
    void policyChange_detached_noLocationsAndIdleMeansDone() {
        stubPolicyPut();
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), "\"Detached\"", Describe.shard(SHARD0, 1, List.of(2), "", true))),
                json(200, Describe.tenant(TENANT.toString(), "\"Detached\"", Describe.shard(SHARD0, null, List.of(), "", false)))));
        Optional<TenantDescription> last = storcon.tenant(TENANT).updatePolicy(PlacementPolicy.detached()).await(Duration.ofSeconds(5));
        assertEquals(PlacementPolicy.detached(), last.orElseThrow().policy());
    }

    @Test
    void policyChange_attached_waitsForSecondaryCount() {
        stubPolicyPut();
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1, Describe.shard(SHARD0, 1, List.of(), "", false))),
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1, Describe.shard(SHARD0, 1, List.of(2), "", false)))));
        TenantDescription d = storcon.tenant(TENANT).updatePolicy(PlacementPolicy.attached(1)).await(Duration.ofSeconds(5)).orElseThrow();
        assertEquals(List.of(io.neonclient.core.NodeId.of(2)), d.shards().get(0).secondaryNodes());
        assertEquals(3, requests().size());
    }

    @Test
    void policyChange_attached_404IsNotDone() {
        stubPolicyPut();
        server.stubFor(get(DESCRIBE).willReturn(error(404, "NotFound: Tenant not found")));
        assertThrows(NotFoundException.class, () -> storcon.tenant(TENANT).updatePolicy(PlacementPolicy.attached(0)).await(Duration.ofSeconds(5)));
    }

    @Test
    void policyChange_failsOnLastError() {
        stubPolicyPut();
        server.stubFor(get(DESCRIBE).willReturn(json(200, Describe.tenant(TENANT.toString(), ATTACHED_1,
                Describe.shard(SHARD0, 1, List.of(), "Scheduling error: no nodes", false)))));
        WaitFailedException e = assertThrows(WaitFailedException.class,
                () -> storcon.tenant(TENANT).updatePolicy(PlacementPolicy.attached(1)).await(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("Scheduling error"), e.getMessage());
    }

    @Test
    void policyChange_timeout_carriesLastDescription() {
        stubPolicyPut();
        server.stubFor(get(DESCRIBE).willReturn(fixtureResponse(200, "storcon.tenant_describe.response.json")));
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> storcon.tenant(TENANT).updatePolicy(PlacementPolicy.detached()).await(Duration.ofMillis(30)));
        TenantDescription last = e.lastState(TenantDescription.class).orElseThrow();
        assertEquals(PlacementPolicy.attached(1), last.policy());
        assertTrue(e.lastReason().contains(SHARD0.toString()), e.lastReason());
    }

    @Test
    void policyChange_secondary_waitsForNoAttachment() {
        stubPolicyPut();
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), "\"Secondary\"", Describe.shard(SHARD0, 1, List.of(2), "", true))),
                json(200, Describe.tenant(TENANT.toString(), "\"Secondary\"", Describe.shard(SHARD0, null, List.of(2), "", false)))));
        assertFalse(storcon.tenant(TENANT).updatePolicy(PlacementPolicy.secondary()).await(Duration.ofSeconds(5)).isEmpty());
    }

    @Test
    void shardSplit_await_waitsForNewCountNotSplittingAndIdle() {
        server.stubFor(put(DESCRIBE + "/shard_split").willReturn(fixtureResponse(200, "storcon.shard_split.response.json")));
        TenantShardId[] ids = new TenantShardId[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = TenantShardId.parse(TENANT + "-0" + i + "04");
        }
        stubSequence(() -> get(urlEqualTo(DESCRIBE)), List.of(
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1, Describe.shard(SHARD0, 1, List.of(), "", false, true),
                        Describe.shard(SHARD1, 2, List.of(), "", false, true))),
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1, Describe.shard(ids[0], 1, List.of(2), "", true),
                        Describe.shard(ids[1], 2, List.of(1), "", false), Describe.shard(ids[2], 1, List.of(2), "", false),
                        Describe.shard(ids[3], 2, List.of(1), "", false))),
                json(200, Describe.tenant(TENANT.toString(), ATTACHED_1, Describe.shard(ids[0], 1, List.of(2), "", false),
                        Describe.shard(ids[1], 2, List.of(1), "", false), Describe.shard(ids[2], 1, List.of(2), "", false),
                        Describe.shard(ids[3], 2, List.of(1), "", false)))));
        TenantDescription d = storcon.tenant(TENANT).split(4).await(Duration.ofSeconds(5));
        assertEquals(4, d.shardCount());
        assertEquals(4, requests().size());
    }
}
