package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.NodeId;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.core.internal.Json;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.MigrationConfig;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** ClusterReport on the testkit: healthy, a lost pageserver, a stuck reconcile, and the JSON form. */
class ClusterReportIT {
    final TenantId tenant = TenantId.generate();
    final TimelineId timeline = TimelineId.generate();

    static final Function<Node, PageserverClient> PAGESERVERS =
            n -> PageserverClient.create("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort());

    static NeonTestCluster cluster() {
        return NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start();
    }

    /** Collects reports until one matches, e.g. once the controller noticed a change after its heartbeat interval. */
    static ClusterReport awaitReport(StorageControllerClient storcon, String what, Predicate<ClusterReport> test) {
        return Waiter.await(what, RecipeHarness.WAIT, () -> ClusterReport.collect(storcon, PAGESERVERS),
                r -> test.test(r) ? WaitVerdict.done() : WaitVerdict.pending("findings " + r.findings()), p -> { });
    }

    /** A location mode compared by meaning: {@code AttachedSingle} and {@code ATTACHED_SINGLE} alike. */
    static String mode(String observed) {
        return observed == null ? "-" : observed.replace("_", "").toUpperCase(Locale.ROOT);
    }

    List<TenantShardId> shardIds(StorageControllerClient storcon) {
        return storcon.tenant(tenant).describe().shards().stream().map(s -> s.id()).toList();
    }

    @Test
    void aHealthyCluster_hasNoFindings_andListsEveryShardInTextAndJson() throws Exception {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            List<TenantShardId> shards = shardIds(storcon);
            assertEquals(2, shards.size());

            ClusterReport report = ClusterReport.collect(storcon, PAGESERVERS);
            assertEquals(List.of(), report.findings());
            assertTrue(report.isHealthy());
            assertEquals(0, report.reconciling());
            assertEquals(List.of(NodeId.of(1), NodeId.of(2)), report.nodes().stream().map(ClusterReport.NodeRow::id).sorted().toList());
            report.nodes().forEach(n -> {
                assertEquals("az-a", n.availabilityZone());
                assertEquals(1, n.attached(), "one attached shard per node: " + n);
                assertEquals(1, n.secondaries(), n.toString());
            });
            assertEquals(shards, report.shards().stream().map(ClusterReport.ShardRow::id).filter(id -> id.tenantId().equals(tenant)).toList());
            for (ClusterReport.ShardRow s : report.shards()) {
                NodeId attached = s.attachedNode().orElseThrow();
                assertTrue(mode(s.observed().get(attached)).startsWith("ATTACHED"), "the pageserver reports the intended attachment: " + s);
                assertEquals(1, s.secondaryNodes().size());
                assertEquals("SECONDARY", mode(s.observed().get(s.secondaryNodes().get(0))), s.toString());
            }
            assertEquals(1, report.safekeepers().size());
            assertTrue(report.timelines().stream().anyMatch(t -> t.timelineId().equals(timeline)), report.timelines().toString());

            String text = report.toText();
            String json = report.toJson();
            for (TenantShardId id : shards) {
                assertTrue(text.contains(id.toString()), text);
                assertTrue(json.contains("\"" + id + "\""), json);
            }
            assertTrue(text.contains("none: every node Active"), text);
            assertTrue(text.contains("SHARDS (2, 0 reconciling)"), text);

            // Without asking the pageservers: the controller's view only, equally healthy.
            ClusterReport controllerOnly = ClusterReport.collect(storcon);
            assertTrue(controllerOnly.isHealthy(), controllerOnly.findings().toString());
            controllerOnly.shards().forEach(s -> assertTrue(s.observed().isEmpty(), s.toString()));
        }
    }

    @Test
    void aStoppedPageserver_isReportedOfflineAfterTheHeartbeatInterval() {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            cluster.stopPageserver(1);
            ClusterReport report = awaitReport(storcon, "node 1 reported offline",
                    r -> r.findings().stream().anyMatch(f -> f.startsWith("node 1 ")));
            String finding = report.findings().stream().filter(f -> f.startsWith("node 1 ")).findFirst().orElseThrow();
            assertTrue(finding.toUpperCase(Locale.ROOT).contains("OFFLINE"), finding);
            assertFalse(report.isHealthy());
            ClusterReport.NodeRow row = report.nodes().stream().filter(n -> n.id().equals(NodeId.of(1))).findFirst().orElseThrow();
            assertEquals("OFFLINE", row.availability().toUpperCase(Locale.ROOT));
            assertTrue(report.nodes().stream().filter(n -> n.id().equals(NodeId.of(2)))
                    .allMatch(n -> n.availability().equalsIgnoreCase("Active")), report.nodes().toString());
            assertTrue(report.toText().contains("- " + finding), report.toText());
            assertTrue(report.toJson().contains(finding.replace("\"", "\\\"")), report.toJson());
        }
    }

    @Test
    void aStuckReconcile_isReportedAsReconciling_untilItIsUnstuck() throws Exception {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            TenantShardId shard = TenantShardId.parse(tenant + "-0102");
            NodeId from = storcon.tenant(tenant).describe().shard(shard).orElseThrow().attachedNode().orElseThrow();
            NodeId to = from.equals(NodeId.of(1)) ? NodeId.of(2) : NodeId.of(1);
            cluster.stickReconcile(shard);
            // The controller waits for the migration's reconcile and, as it hangs, answers 408 (sent once here).
            var once = StorageControllerClient.builder().baseUri(cluster.storageController()).configure(c -> c.withRetryPolicy(RetryPolicy.none())).build();
            assertThrows(UnavailableException.class, () -> once.shard(shard)
                    .migrateTo(to, MigrationConfig.defaults().withOverrideScheduler(true).withPrewarm(false)));

            ClusterReport report = awaitReport(storcon, "shard " + shard + " reconciling",
                    r -> r.shards().stream().anyMatch(s -> s.id().equals(shard) && s.reconciling()));
            assertEquals(1, report.reconciling(), report.shards().toString());
            assertTrue(report.shards().stream().filter(s -> !s.id().equals(shard)).noneMatch(ClusterReport.ShardRow::reconciling));
            String line = report.toText().lines().filter(l -> l.startsWith(shard.toString())).findFirst().orElseThrow();
            assertTrue(line.contains("reconciling"), line);
            assertTrue(report.toText().contains("SHARDS (2, 1 reconciling)"), report.toText());
            JsonNode row = rowOf(Json.MAPPER.readTree(report.toJson()), shard);
            assertTrue(row.get("reconciling").asBoolean(), row.toString());

            // Still stuck on a later look: the report does not just catch a reconcile in passing.
            ClusterReport later = ClusterReport.collect(storcon, PAGESERVERS);
            assertEquals(1, later.reconciling());

            cluster.clearFaults();
            ClusterReport settled = awaitReport(storcon, "no shard reconciling", r -> r.reconciling() == 0);
            assertEquals(to, settled.shards().stream().filter(s -> s.id().equals(shard)).findFirst().orElseThrow().attachedNode().orElseThrow());
        }
    }

    static JsonNode rowOf(JsonNode report, TenantShardId shard) {
        for (JsonNode s : report.get("shards")) {
            if (s.get("id").asText().equals(shard.toString())) {
                return s;
            }
        }
        throw new AssertionError("no shard " + shard + " in " + report);
    }

    @Test
    void toJson_parsesWithSnakeCaseKeysAndWireFormIds() throws Exception {
        try (NeonTestCluster cluster = cluster()) {
            var storcon = RecipeHarness.bootstrapped(cluster, tenant, timeline);
            ClusterReport report = ClusterReport.collect(storcon, PAGESERVERS);
            JsonNode root = Json.MAPPER.readTree(report.toJson());

            assertTrue(root.isObject());
            for (String key : List.of("taken_at", "nodes", "shards", "timelines", "safekeepers", "findings")) {
                assertTrue(root.has(key), key + " in " + root);
            }
            assertTrue(root.get("findings").isArray() && root.get("findings").isEmpty());
            JsonNode node = root.get("nodes").get(0);
            for (String key : List.of("id", "availability", "scheduling", "availability_zone", "attached", "secondaries")) {
                assertTrue(node.has(key), key + " in " + node);
            }
            assertTrue(node.get("id").isNumber(), "node ids are JSON numbers: " + node);
            JsonNode shard = rowOf(root, TenantShardId.parse(tenant + "-0002"));
            for (String key : List.of("attached_node", "secondary_nodes", "observed", "last_error", "reconciling",
                    "pending_compute_notification")) {
                assertTrue(shard.has(key), key + " in " + shard);
            }
            assertEquals(report.shards().stream().filter(s -> s.id().toString().equals(tenant + "-0002")).findFirst().orElseThrow()
                    .attachedNode().orElseThrow().value(), shard.get("attached_node").asLong());
            JsonNode tl = root.get("timelines").get(0);
            for (String key : List.of("shard", "timeline_id", "last_record_lsn", "state", "wal_receiver")) {
                assertTrue(tl.has(key), key + " in " + tl);
            }
            assertTrue(tl.get("last_record_lsn").asText().matches("[0-9A-F]+/[0-9A-F]+"), tl.toString());
            JsonNode sk = root.get("safekeepers").get(0);
            assertTrue(sk.has("scheduling_policy"), sk.toString());

            List<String> names = new ArrayList<>();
            fieldNames(root, names);
            assertTrue(names.stream().allMatch(n -> n.matches("[a-z0-9_]+")), "snake_case keys only: " + names);
        }
    }

    /** Every object key in the tree, except the keys of {@code observed} (node ids). */
    static void fieldNames(JsonNode n, List<String> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                out.add(name);
                if (!name.equals("observed")) {
                    fieldNames(n.get(name), out);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> fieldNames(c, out));
        }
    }
}
