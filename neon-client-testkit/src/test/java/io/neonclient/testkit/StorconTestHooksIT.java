package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.ObservedLocation;
import io.neonclient.storcon.ShardAttachment;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.TenantShardDump;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The controller routes upstream's test fixtures read state through (test_runner/fixtures/neon_fixtures.py
 * {@code tenant_shard_dump}, {@code attach_hook_issue}/{@code attach_hook_drop}, {@code set_preferred_azs},
 * {@code get_metric_value}), behaviour from storage_controller/src/service.rs and metrics.rs.
 */
@NeonCluster(pageservers = 2, safekeepers = 1, registerNodes = true, auth = true)
class StorconTestHooksIT {

    private static TenantDescription twoShardTenant(StorageControllerClient storcon) {
        Waiter.await("both pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE) ? WaitVerdict.done()
                        : WaitVerdict.pending(nodes.toString()));
        return storcon.tenants().create(CreateTenantRequest.sharded(TenantId.generate(), 2, StripeSize.DEFAULT)
                .withPlacement(PlacementPolicy.attached(1))).await(Duration.ofSeconds(30));
    }

    @Test
    void tenantsDump_showsIntentNextToObservedLocations(NeonTestCluster cluster, StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        // test_storage_controller.py build_node_to_tenants_map reads observed.locations[node].conf.mode
        RawHttp.Resp raw = RawHttp.storcon(cluster.storageController(), cluster.token(Scope.ADMIN)).get("/debug/v1/tenant");
        assertEquals(200, raw.status());
        JsonNode first = raw.json().get(0);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("tenant_shard_id", "shard", "sequence", "generation", "policy", "intent", "observed", "config",
                "splitting", "importing", "delayed_reconcile", "last_error", "consecutive_reconciles_count",
                "pending_compute_notification", "preferred_node", "scheduling_policy"), fields, "TenantShard's fields in order");
        assertEquals(2, first.path("shard").path("count").asInt());

        for (ShardDescription s : d.shards()) {
            TenantShardDump dump = storcon.tenantsDump().stream().filter(x -> x.id().equals(s.id())).findFirst().orElseThrow();
            assertEquals(PlacementPolicy.attached(1), dump.policy());
            assertEquals(s.attachedNode(), dump.intendedAttached());
            assertEquals(s.secondaryNodes(), dump.intendedSecondaries());
            NodeId attached = s.attachedNode().orElseThrow();
            ObservedLocation there = dump.observed().stream().filter(l -> l.node().equals(attached)).findFirst().orElseThrow();
            assertEquals(LocationConfigMode.ATTACHED_SINGLE, there.conf().orElseThrow().mode());
            assertEquals(dump.generation(), there.conf().orElseThrow().generation(), "observed conf carries the generation");
            ObservedLocation secondary = dump.observed().stream().filter(l -> !l.node().equals(attached)).findFirst().orElseThrow();
            assertEquals(LocationConfigMode.SECONDARY, secondary.conf().orElseThrow().mode());
            assertTrue(dump.sequence() >= 1, "the creation's reconcile advanced the sequence");
        }
    }

    @Test
    void attachHook_issuesIncreasingGenerationsAndDropDetaches(NeonTestCluster cluster, StorageControllerClient storcon) {
        // test_pageserver_generations.py: attach_hook_issue on a tenant the controller has never seen inserts it
        TenantShardId shard = TenantShardId.unsharded(TenantId.generate());
        Generation first = storcon.attachHookIssue(shard, NodeId.of(1));
        Generation second = storcon.attachHookIssue(shard, NodeId.of(2));
        assertTrue(second.compareTo(first) > 0, first + " then " + second);
        assertEquals(Optional.of(new ShardAttachment(second, NodeId.of(2))), storcon.inspect(shard));
        TenantShardDump dump = storcon.tenantsDump().stream().filter(x -> x.id().equals(shard)).findFirst().orElseThrow();
        assertEquals(Optional.of(NodeId.of(2)), dump.intendedAttached());
        assertEquals(PlacementPolicy.attached(0), dump.policy());
        // the testing build claims the attachment as observed, so no reconcile touches the pageservers
        assertEquals(List.of(NodeId.of(2)), dump.observed().stream().map(ObservedLocation::node).toList());
        assertTrue(cluster.pageserverClient(2).tenants().stream().noneMatch(t -> t.id().equals(shard)),
                "the hook configures nothing on the pageserver");

        storcon.attachHookDrop(shard);
        assertEquals(Optional.empty(), storcon.inspect(shard));
        assertEquals(Generation.of(second.value() + 1), storcon.attachHookIssue(shard, NodeId.of(1)),
                "the generation survives a drop");
    }

    @Test
    void attachHook_onAManagedShardMovesItsGenerationPastThePageserversOne(NeonTestCluster cluster, StorageControllerClient storcon) {
        TenantDescription d = twoShardTenant(storcon);
        ShardDescription s = d.shards().get(0);
        ShardAttachment before = storcon.inspect(s.id()).orElseThrow();
        Generation issued = storcon.attachHookIssue(s.id(), before.node());
        assertEquals(before.generation().next(), issued);
        assertEquals(Optional.of(new ShardAttachment(issued, before.node())), storcon.inspect(s.id()));
    }

    @Test
    void preferredAzs_reportsEveryKnownShardChangedOrNot(StorageControllerClient storcon) {
        // test_storage_controller.py test_shard_preferred_azs: setting "az-0" on shards already there reports them too
        TenantDescription d = twoShardTenant(storcon);
        TenantShardId s0 = d.shards().get(0).id();
        TenantShardId s1 = d.shards().get(1).id();
        String current = d.shards().get(0).preferredAz().orElseThrow();
        Map<TenantShardId, String> azs = new LinkedHashMap<>();
        azs.put(s0, current);
        azs.put(s1, "az-other");
        azs.put(TenantShardId.unsharded(TenantId.generate()), "az-other");
        assertEquals(List.of(s0, s1), storcon.updatePreferredAzs(azs), "unknown shards are left out");
        assertEquals(Optional.of("az-other"), storcon.tenant(d.tenantId()).describe().shards().get(1).preferredAz());
        assertEquals(List.of(s0), storcon.updatePreferredAzs(Map.of(s0, current)), "unchanged, still reported");
    }

    @Test
    void metrics_useUpstreamNamesForShardsNodesReconcilesAndLeadership(NeonTestCluster cluster, StorageControllerClient storcon) {
        twoShardTenant(storcon);
        RawHttp http = RawHttp.storcon(cluster.storageController(), null);
        String text = http.get("/metrics").body();
        int shards = storcon.tenantsDump().size();
        assertEquals(shards, metric(text, "storage_controller_tenant_shards", null), text);
        assertEquals(2, metric(text, "storage_controller_pageserver_nodes", null));
        assertTrue(metric(text, "storage_controller_reconcile_complete_total", "status=\"ok\"") >= 2, text);
        assertTrue(metric(text, "storage_controller_reconcile_spawn_total", null) >= 2, text);
        assertEquals(shards * 2, metric(text, "storage_controller_node_shards", "az=\"az-a\",node_id=\"1\"")
                + metric(text, "storage_controller_node_shards", "az=\"az-a\",node_id=\"2\""), "an attached and a secondary per shard");
        assertEquals(1, metric(text, "storage_controller_leadership_status", "status=\"leader\""));
        assertEquals(0, metric(text, "storage_controller_leadership_status", "status=\"stepped_down\""));
        try {
            // test_storage_controller.py test_storage_controller_leadership_transfer reads the gauge after step-down
            storcon.stepDown();
            String after = http.get("/metrics").body();
            assertEquals(0, metric(after, "storage_controller_leadership_status", "status=\"leader\""));
            assertEquals(1, metric(after, "storage_controller_leadership_status", "status=\"stepped_down\""));
        } finally {
            cluster.resumeLeadership();
        }
    }

    /** One sample's value, as neon_fixtures.py get_metric_value parses it; fails when the sample is missing. */
    private static long metric(String text, String name, String labels) {
        String sample = labels == null ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\d+)$").matcher(text);
        assertTrue(m.find(), sample + " in\n" + text);
        return Long.parseLong(m.group(1));
    }
}
