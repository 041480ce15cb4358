package io.neonclient.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

// tag::imports[]
import io.neonclient.core.*;
import io.neonclient.storcon.*;
import io.neonclient.testkit.NeonTestCluster;
import java.time.Duration;
// end::imports[]
import org.junit.jupiter.api.Test;

/** The code of docs/getting-started.md (DocsSnippetsTest keeps the guide equal to these regions). */
class GettingStartedIT {

    @Test
    void aFirstProgram_onTheEmbeddedCluster() {
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            firstProgram();
        } finally {
            System.setOut(console);
        }
        // Two shards, each attached on a pageserver with a secondary on the other, in Neon's words.
        String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, out.lines().filter(l -> l.matches("[0-9a-f]{32}-0[01]02 attached on [12], secondaries \\[[12]\\]")).count(), out);
    }

    private static void firstProgram() {
        // tag::first[]
        // A simulated cluster on loopback: a controller, 2 pageservers and 1 safekeeper, registered with the controller.
        // The client is closed with the try block: that ends its connections and the JDK client's selector thread.
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start();
             StorageControllerClient storcon = StorageControllerClient.builder()
                     .baseUri(cluster.storageController())          // a real cluster: "http://storage-controller:1234"
                     .config(cluster.clientConfig())                  // a real cluster: ClientConfig.defaults().withBearerToken(…)
                     .build()) {

            // Registered pageservers are Offline until their first heartbeat, as upstream's are: wait for Active.
            Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                    nodes -> nodes.stream().allMatch(Node::isSchedulable) ? WaitVerdict.done() : WaitVerdict.pending(nodes.size() + " nodes"));

            TenantId tenant = TenantId.generate();
            TenantDescription d = storcon.tenants()                   // POST /v1/tenant, then poll until every shard is attached
                    .create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                    .await(Duration.ofSeconds(30));
            for (ShardDescription s : d.shards()) {
                System.out.println(s.id() + " attached on " + s.attachedNode().orElseThrow() + ", secondaries " + s.secondaryNodes());
            }
        }
        // end::first[]
    }

    @Test
    void badInput_isRefusedBeforeAnythingIsSent() {
        // tag::input[]
        try {
            TenantId.parse("99336152a31c64b41034e4e904629ce");    // 31 digits
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());                   // TenantId needs 32 hex digits, got '99336152…' (31 characters)
        }
        // end::input[]
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TenantId.parse("99336152a31c64b41034e4e904629ce"));
        assertEquals(true, e.getMessage().contains("32 hex digits"), e.getMessage());
    }
}
