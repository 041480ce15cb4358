package io.neonclient.samples.guide;

// tag::imports[]
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.AuthException;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.Component;
import io.neonclient.testkit.Fault;
import io.neonclient.testkit.NeonCluster;
import io.neonclient.testkit.NeonTestCluster;
import io.neonclient.testkit.PageserverId;
import io.neonclient.testkit.TestCompute;
import java.time.Duration;
import org.junit.jupiter.api.Test;
// end::imports[]

/**
 * The code of docs/testing-with-the-testkit.md: each {@code tag::} region is copied into the guide verbatim
 * (DocsSnippetsTest checks that they agree), and this class runs it.
 */
class TestkitGuideIT {

    // tag::await[]
    /** Waits until every registered pageserver has answered a heartbeat (registered nodes start Offline). */
    static void awaitNodesActive(StorageControllerClient storcon) {
        Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                        ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()));
    }
    // end::await[]

    // tag::inject[]
    @Test
    @NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true)
    void createsATenant(StorageControllerClient storcon, @PageserverId(2) PageserverClient second) {
        awaitNodesActive(storcon);
        TenantId tenant = TenantId.generate();
        TenantDescription d = storcon.tenants()
                .create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        assertEquals(2, d.shards().size());
        assertEquals(NodeId.of(2), second.status().id());
    }
    // end::inject[]

    // tag::failover[]
    @Test
    @NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true)
    void failsOverWhenAPageserverStops(NeonTestCluster cluster, StorageControllerClient storcon) {
        awaitNodesActive(storcon);
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.unsharded(tenant).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        NodeId attached = storcon.tenant(tenant).describe().shards().get(0).attachedNode().orElseThrow();

        cluster.stopPageserver(attached.value());     // connections refused; Offline after max-offline (30 s / 100)

        NodeId now = Waiter.await("fail-over", storcon.config().waitPolicy(),
                () -> storcon.tenant(tenant).describe().shards().get(0),
                s -> s.attachedNode().filter(n -> !n.equals(attached)).isPresent() && !s.isReconciling()
                        ? WaitVerdict.done() : WaitVerdict.pending(s.toString()))
                .attachedNode().orElseThrow();
        assertTrue(!now.equals(attached));
    }
    // end::failover[]

    // tag::faults[]
    @Test
    @NeonCluster(pageservers = 1, registerNodes = true)
    void retriesSafeCallsThroughA503Burst(NeonTestCluster cluster, StorageControllerClient storcon) {
        cluster.inject(Component.STORAGE_CONTROLLER, "GET", "/control/v1/node", Fault.unavailable(2));
        assertEquals(1, storcon.nodes().list().size());        // two 503s, then 200: GETs are retried

        cluster.inject(Component.STORAGE_CONTROLLER, "*", "/control/v1/node/*/delete", Fault.unavailable(1));
        assertThrows(UnavailableException.class, () -> storcon.node(NodeId.of(1)).delete());  // PUT: not retried

        cluster.inject(Component.STORAGE_CONTROLLER, "PUT", "/control/v1/node/*/drain", Fault.unavailable(1));
        storcon.node(NodeId.of(1)).drain();   // after the 503 the node is read: still Active, so the drain is sent again
    }
    // end::faults[]

    // tag::auth[]
    @Test
    @NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true, auth = true)
    void computesCheckTheirOwnTokens(NeonTestCluster cluster, StorageControllerClient storcon) {
        awaitNodesActive(storcon);                        // the injected client carries cluster.tokens()
        TenantId tenant = TenantId.generate();
        TimelineId timeline = TimelineId.generate();
        storcon.tenants().create(CreateTenantRequest.unsharded(tenant)).await(Duration.ofSeconds(30));
        storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));

        TestCompute compute = cluster.startCompute(tenant, timeline);
        ComputeClient mine = ComputeClient.builder().baseUri(compute.uri())
                .configure(c -> c.withBearerToken(cluster.computeToken(compute))).build();  // {"compute_id": "compute-1"}
        assertEquals(ComputeStatus.RUNNING, mine.status().status());

        ComputeClient anonymous = ComputeClient.create(compute.uri().toString());
        assertEquals(400, assertThrows(io.neonclient.core.BadRequestException.class, anonymous::status).status());
        TestCompute other = cluster.newCompute();
        ComputeClient wrong = ComputeClient.builder().baseUri(compute.uri())
                .configure(c -> c.withBearerToken(cluster.computeToken(other))).build();
        assertEquals(403, assertThrows(AuthException.class, wrong::status).status());
    }
    // end::auth[]

    // tag::restart[]
    @Test
    void aControllerRestartIsWaitedOut() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).registerNodes(true)
                .startupReconcile(Duration.ofSeconds(10)).build().start()) {
            StorageControllerClient storcon = cluster.storageControllerClient();
            awaitNodesActive(storcon);
            TenantId tenant = TenantId.generate();
            storcon.tenants().create(CreateTenantRequest.unsharded(tenant)).await(Duration.ofSeconds(30));

            cluster.restartStorageController();          // GET /ready is 503 for 10 s (0.1 s at time scale 100)
            assertEquals(tenant, storcon.tenant(tenant).describe().tenantId());   // waits for readiness
            assertTrue(storcon.ready());
        }
    }
    // end::restart[]
}
