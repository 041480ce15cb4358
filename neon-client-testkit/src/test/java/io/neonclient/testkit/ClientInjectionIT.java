package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.AuthException;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The extension injects ready storage controller and pageserver clients, into fields and parameters. */
@NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true)
class ClientInjectionIT {
    StorageControllerClient field;

    private static void awaitActive(StorageControllerClient storcon) {
        Waiter.await("both pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done()
                        : WaitVerdict.pending(nodes.toString()));
    }
    @PageserverId(2)
    PageserverClient secondPageserver;

    @Test
    void injectsAClientForTheTestsCluster_intoFieldsAndParameters(NeonTestCluster cluster, StorageControllerClient storcon) {
        assertEquals(cluster.storageController(), storcon.baseUri());
        assertEquals(field.baseUri(), storcon.baseUri());
        assertEquals(2, storcon.nodes().list().size());
        // Registered nodes are Offline until their first heartbeat, as upstream's are.
        awaitActive(storcon);
        TenantId tenant = TenantId.generate();
        var d = storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        assertEquals(2, d.shards().size());
    }

    @Test
    @NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true, auth = true)
    void withAuthOn_theInjectedClientCarriesTheScopesTokens(NeonTestCluster cluster, StorageControllerClient storcon) {
        assertTrue(cluster.authEnabled());
        assertEquals(2, storcon.nodes().list().size(), "infra token accepted");
        awaitActive(storcon);    // registered nodes are Offline until their first heartbeat
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.unsharded(tenant));            // pageserverapi
        assertEquals(tenant, storcon.tenant(tenant).describe().tenantId());         // scrubber
        var anonymous = StorageControllerClient.create(cluster.storageController().toString());
        assertThrows(AuthException.class, () -> anonymous.nodes().list());
    }

    @Test
    @NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true, auth = true)
    void pageserverClients_talkToTheNamedPageserver_withTheClustersTokens(NeonTestCluster cluster, StorageControllerClient storcon,
            PageserverClient first, @PageserverId(2) PageserverClient second) {
        assertEquals(cluster.pageserver(1), first.baseUri());
        assertEquals(cluster.pageserver(2), second.baseUri());
        assertEquals(cluster.pageserver(2), secondPageserver.baseUri());
        assertEquals(1, first.status().id().value());
        assertEquals(2, second.status().id().value());
        awaitActive(storcon);
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.unsharded(tenant)).await(Duration.ofSeconds(30));
        long holders = java.util.stream.Stream.of(first, second)
                .filter(ps -> ps.tenants().stream().anyMatch(t -> t.id().tenantId().equals(tenant))).count();
        assertEquals(1, holders, "pageserverapi token accepted by both; the tenant is attached on one of them");
        assertThrows(AuthException.class, () -> PageserverClient.create(cluster.pageserver(1)).tenants());
    }

    @Test
    @NeonCluster(pageservers = 2, safekeepers = 1, auth = true)
    void injectsTheClustersClientConfig_whichEveryInjectedClientShares(NeonTestCluster cluster, ClientConfig config,
            StorageControllerClient storcon, PageserverClient pageserver) {
        assertEquals(cluster.clientConfig(), config);
        assertEquals(config, storcon.config());
        assertEquals(config, pageserver.config());
        assertTrue(config.toString().contains("tokens=<set>"), config.toString());
        // A client built from the shared configuration carries the same per-scope tokens.
        PageserverClient shared = PageserverClient.builder().baseUri(cluster.pageserver(1)).config(storcon.config()).build();
        assertEquals(1, shared.status().id().value());
        assertEquals(java.util.List.of(), shared.tenants());
    }
}
