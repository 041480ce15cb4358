package io.neonclient.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// tag::imports[]
import io.neonclient.admin.*;       // recipes and the Plan/Step/Journal kit
import io.neonclient.core.*;        // ids and values, ClientConfig, TokenProvider, the exceptions
import io.neonclient.model.*;       // the wire model both servers share: Timeline, CreateTimelineRequest, LsnForTimestamp, …
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.*;     // StorageControllerClient and its records
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
// end::imports[]
import io.neonclient.testkit.NeonTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quickstart, run against an auth-on testkit cluster that has the tenant it names (DocsSnippetsTest keeps them equal). */
class QuickstartIT {

    @Test
    void theReadmesQuickstart_runsAsWritten(@TempDir Path journals) throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).auth(true).registerNodes(true).build().start()) {
            String controllerUrl = cluster.storageController().toString();
            String pageserverUrl = cluster.pageserver(1).toString();
            String adminToken = cluster.token(Scope.ADMIN);
            String pageserverToken = cluster.token(Scope.PAGESERVER_API);
            TimelineId parent = TimelineId.generate();
            setUp(cluster, TenantId.parse("99336152a31c64b41034e4e904629ce9"), parent);

            // tag::quickstart[]
            // One configuration for every client: tokens by scope (pageservers refuse the controller's admin token),
            // timeouts, retry and wait policies, TLS. Its toString() never prints a token.
            ClientConfig config = ClientConfig.defaults()
                    .withTokens(TokenProvider.perScope(Map.of(Scope.PAGESERVER_API, pageserverToken)).orElse(TokenProvider.of(adminToken)))
                    .withRequestTimeout(Duration.ofSeconds(30));
            var storcon = StorageControllerClient.builder().baseUri(controllerUrl).config(config).build();
            var pageserver = PageserverClient.builder().baseUri(pageserverUrl).config(config).build();

            TenantId tenant = TenantId.parse("99336152a31c64b41034e4e904629ce9");
            TenantDescription d = storcon.tenant(tenant).describe();        // GET /control/v1/tenant/{tenant_id}
            d.shards().forEach(s -> System.out.println(s.id() + " attached on " + s.attachedNode().orElseThrow()));
            System.out.println(pageserver.status().id());                 // GET /v1/status

            // PUT …/{tenant_shard_id}/migrate, then poll until attached on node 1 and idle (fails fast on last_error);
            // every long-running handle is an Awaitable: await(), await(Duration), await(WaitPolicy, progress)
            ShardDescription s = storcon.shard(TenantShardId.parse(tenant + "-0102")).migrateTo(NodeId.of(1)).await(Duration.ofMinutes(5));

            // Branch at an LSN: the SDK sends ancestor_start_lsn (the runbook's "ancestor_start" is silently ignored upstream)
            LsnForTimestamp at = storcon.tenant(tenant).timeline(parent).lsnByTimestamp(Instant.now());
            Timeline child = storcon.tenant(tenant).timelines().create(CreateTimelineRequest.branch(TimelineId.generate(), parent).at(at.lsn()));
            // end::quickstart[]

            assertEquals(NodeId.of(1), s.attachedNode().orElseThrow());
            assertEquals(at.lsn(), child.ancestorLsn().orElseThrow());
            assertEquals(NodeId.of(1), pageserver.status().id());

            // tag::recipe[]
            var move = ShardMove.of(storcon, TenantShardId.parse(tenant + "-0002"), NodeId.of(2))
                    .withJournal(Journal.file(journals.resolve("move.json")));
            move.steps().forEach(step -> System.out.println(step.description()));   // the plan; nothing sent yet
            RecipeResult r = move.run(System.out::println);   // StepStarted, StillWaiting, StepFinished … or StepFailed with what to do next
            NodeId from = r.value(ShardMove.MIGRATE);          // each step returns a typed value: here the node it moved from
            // end::recipe[]

            assertEquals(NodeId.of(2), storcon.tenant(tenant).describe().shard(TenantShardId.parse(tenant + "-0002")).orElseThrow()
                    .attachedNode().orElseThrow());
            assertTrue(from.equals(NodeId.of(1)) || from.equals(NodeId.of(2)), from.toString());
        }
    }

    /** The cluster the quickstart assumes: Active pageservers, the 2-shard Attached(1) tenant and a timeline with WAL. */
    private static void setUp(NeonTestCluster cluster, TenantId tenant, TimelineId timeline) {
        StorageControllerClient storcon = cluster.storageControllerClient();
        Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()));
        storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));
        cluster.advanceClock(Duration.ofMinutes(1));
        cluster.write(tenant, timeline, 8192);
        cluster.advanceClock(Duration.ofMinutes(1));
    }
}
