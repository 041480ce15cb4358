package io.neonclient.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neonclient.core.ApiException;
import io.neonclient.core.AuthException;
import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.ProtocolException;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TransportException;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitTimeoutException;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.Component;
import io.neonclient.testkit.Fault;
import io.neonclient.testkit.NeonCluster;
import io.neonclient.testkit.NeonTestCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The code of docs/errors-and-retries.md, run against the testkit with faults injected. */
class ErrorsGuideIT {

    // tag::describe[]
    /** One line for an operator, whatever went wrong: the switch is exhaustive because the tree is sealed. */
    static String describe(NeonException failure) {
        return switch (failure) {
            case AuthException a -> "refused (" + a.status() + "): a token with scope " + a.scope().map(Object::toString).orElse("?")
                    + (a.tokenSent() ? " was sent but not accepted" : " is needed");
            case NotFoundException n -> "not found: " + n.serverMessage();
            case ApiException a -> a.operation() + " answered " + a.status() + ": " + a.serverMessage() + " (" + a.attempts() + " attempts)";
            case TransportException t -> (t.isTimeout() ? "timed out: " : "unreachable: ") + t.operation();
            case ProtocolException p -> "an answer this SDK cannot read: " + p.getMessage();
            case WaitException w -> "gave up waiting for " + w.awaited() + " after " + w.elapsed().toSeconds() + " s, last seen: " + w.lastState();
            case RecipeFailedException r -> r.recipe() + " stopped at " + r.step() + "; next: " + r.nextAction();
        };
    }
    // end::describe[]

    @Test
    @NeonCluster(pageservers = 2, registerNodes = true)
    void failuresAreTypedAndSayWhatHappened(NeonTestCluster cluster, StorageControllerClient storcon) {
        // tag::notfound[]
        try {
            storcon.tenant(TenantId.generate()).describe();       // GET /control/v1/tenant/{tenant_id}
        } catch (NeonException e) {
            System.out.println(describe(e));                      // not found: tenant … not found
        }
        // end::notfound[]
        AtomicReference<String> said = new AtomicReference<>();
        try {
            storcon.tenant(TenantId.generate()).describe();
        } catch (NeonException e) {
            said.set(describe(e));
        }
        assertTrue(said.get().startsWith("not found: "), said.get());

        // tag::retries[]
        // Two 503s, then the answer: a GET is safe to repeat, so the client retries it (RetryPolicy.defaults(): 4 attempts).
        cluster.inject(Component.STORAGE_CONTROLLER, "GET", "/control/v1/node", Fault.unavailable(2));
        System.out.println(storcon.nodes().list().size() + " node(s)");

        // With retries off the first 503 is the answer: an UnavailableException naming the call, the status and the attempts.
        var once = StorageControllerClient.builder().baseUri(cluster.storageController())
                .config(storcon.config().withRetryPolicy(RetryPolicy.none())).build();
        cluster.inject(Component.STORAGE_CONTROLLER, "GET", "/control/v1/node", Fault.unavailable(1));
        try {
            once.nodes().list();
        } catch (UnavailableException e) {
            System.out.println(e.getMessage());   // GET /control/v1/node failed: 503 Service Unavailable: "…" after 1 attempt
        }
        // end::retries[]
        cluster.clearFaults();

        // A shard whose reconcile never finishes holds the drain: the wait below can only end at its deadline.
        Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(Node::isSchedulable) ? WaitVerdict.done() : WaitVerdict.pending(nodes.size() + " nodes"));
        TenantId tenant = TenantId.generate();
        NodeId attached = storcon.tenants().create(CreateTenantRequest.unsharded(tenant)).await(Duration.ofSeconds(30))
                .shards().get(0).attachedNode().orElseThrow();
        cluster.stickReconcile(TenantShardId.unsharded(tenant));
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));

        // tag::wait[]
        // Every await has a deadline; a WaitTimeoutException carries what was awaited and the last state seen.
        try {
            storcon.node(attached).drain()                     // PUT /control/v1/node/{node_id}/drain, then poll the node
                    .await(WaitPolicy.defaults().withTimeout(Duration.ofSeconds(1)), progress -> System.out.println("  " + progress));
        } catch (WaitTimeoutException e) {
            System.out.println(describe(e));                  // gave up waiting for … last seen: …
        }
        // end::wait[]
        System.setOut(console);
        String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("gave up waiting for ")), out);
        assertEquals(NodeSchedulingPolicy.DRAINING, storcon.node(attached).describe().scheduling());
    }
}
