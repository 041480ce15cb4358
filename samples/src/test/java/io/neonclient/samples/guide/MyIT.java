package io.neonclient.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.testkit.NeonCluster;
import io.neonclient.testkit.NeonTestCluster;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

// tag::myit[]
@NeonCluster(pageservers = 2, safekeepers = 3, registerNodes = true)
class MyIT {
    @Test
    void survivesAPageserverLoss(NeonTestCluster cluster, StorageControllerClient storcon) {
        TestkitGuideIT.awaitNodesActive(storcon);   // registered pageservers are Offline until their first heartbeat
        TenantId tenant = TenantId.generate();
        storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        cluster.stopPageserver(1);
        // Polls until every shard is attached on node 2 (fail-over to the secondaries), up to the wait policy's deadline.
        TenantDescription after = Waiter.await("fail-over to node 2", storcon.config().waitPolicy(), () -> storcon.tenant(tenant).describe(),
                d -> d.shards().stream().allMatch(s -> s.attachedNode().equals(Optional.of(NodeId.of(2))))
                        ? WaitVerdict.done() : WaitVerdict.pending(d.shards().toString()));
        assertEquals(2, after.shards().size());
    }
}
// end::myit[]
