package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.samples.NeonOpsIT.Run;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The runbook's set-up from the command line alone: register nodes and a safekeeper, create a tenant and a timeline, split, report. */
class NeonOpsRunbookIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRunbooksSetUp_fromAnEmptyController_toAHealthyReport() throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).build().start()) {
            String url = cluster.storageController().toString();
            StorageControllerClient storcon = cluster.storageControllerClient();

            Run empty = NeonOpsIT.neonOps("--storcon", url, "node", "list");
            assertEquals(0, empty.exit(), empty.err());
            assertTrue(empty.out().contains("no pageservers are registered (neon-ops node register"), empty.out());
            Run unhealthy = NeonOpsIT.neonOps("--storcon", url, "report");
            assertEquals(1, unhealthy.exit(), "an empty cluster is not healthy: " + unhealthy.out());

            for (long id : new long[] {1, 2}) {
                URI http = cluster.pageserver(id);
                Run r = NeonOpsIT.neonOps("node", "register", "--storcon", url, "--id", String.valueOf(id), "--host", http.getHost(),
                        "--pg-port", String.valueOf(cluster.pageserverPgPort(id)), "--http-port", String.valueOf(http.getPort()), "--az", "az-a");
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().startsWith("registered pageserver " + id + " at " + http.getHost() + ":" + http.getPort() + " in az-a: "), r.out());
            }
            URI sk = cluster.safekeeper(1);
            Run skRun = NeonOpsIT.neonOps("--storcon", url, "safekeeper", "register", "--id", "1", "--host", sk.getHost(), "--http-port",
                    String.valueOf(sk.getPort()), "--az", "az-a");
            assertEquals(0, skRun.exit(), skRun.err());
            Run bad = NeonOpsIT.neonOps("--storcon", url, "safekeeper", "set-policy", "--id", "1", "--policy", "active!");
            assertEquals(2, bad.exit());
            assertTrue(bad.err().contains("--policy must be one of Active, Pause, Decomissioned, got 'active!'"), bad.err());
            Run active = NeonOpsIT.neonOps("--storcon", url, "safekeeper", "set-policy", "--id", "1", "--policy", "Active");
            assertEquals(0, active.exit(), active.err());
            assertEquals(SkSchedulingPolicy.ACTIVE, storcon.safekeeper(NodeId.of(1)).describe().schedulingPolicy());
            NeonOpsOutputIT.awaitActive(cluster);

            // The dry run prints the request with a generated id; the real run given that id sends exactly that request.
            Run plan = NeonOpsIT.neonOps("--storcon", url, "--dry-run", "--output", "json", "tenant", "create", "--shards", "2");
            assertEquals(0, plan.exit(), plan.err());
            JsonNode request = JSON.readTree(plan.out());
            TenantId tenant = TenantId.parse(request.path("new_tenant_id").asText());
            assertEquals(2, request.path("shard_parameters").path("count").asInt(), plan.out());
            assertEquals(1, request.path("placement_policy").path("Attached").asInt(), plan.out());
            Run created = NeonOpsIT.neonOps("--storcon", url, "--output", "json", "tenant", "create", "--tenant", tenant.toString(), "--shards", "2");
            assertEquals(0, created.exit(), created.err());
            JsonNode described = JSON.readTree(created.out());
            assertEquals(tenant.toString(), described.path("tenant_id").asText(), created.out());
            assertEquals(2, described.path("shards").size(), created.out());
            described.path("shards").forEach(s -> assertTrue(s.path("node_attached").isNumber(), s.toString()));

            TimelineId timeline = TimelineId.generate();
            Run tl = NeonOpsIT.neonOps("--storcon", url, "timeline", "create", "--tenant", tenant.toString(), "--timeline", timeline.toString());
            assertEquals(0, tl.exit(), tl.err());
            assertTrue(tl.out().startsWith("created timeline " + timeline + " of " + tenant + ": last_record_lsn "), tl.out());
            Run orphanAt = NeonOpsIT.neonOps("--storcon", url, "timeline", "create", "--tenant", tenant.toString(), "--at", "0/169AD58");
            assertEquals(2, orphanAt.exit());
            assertTrue(orphanAt.err().contains("--at needs --ancestor"), orphanAt.err());
            Run list = NeonOpsIT.neonOps("--storcon", url, "timeline", "list", "--tenant", tenant.toString());
            assertTrue(list.out().startsWith(timeline + " Active"), list.out());

            Run split = NeonOpsIT.neonOps("--storcon", url, "tenant", "split", "--tenant", tenant.toString(), "--shards", "4");
            assertEquals(0, split.exit(), split.err());
            assertTrue(split.out().startsWith("split tenant " + tenant + " from 2 to 4 shards"), split.out());
            assertEquals(4, storcon.tenant(tenant).describe().shardCount());
            Run notMore = NeonOpsIT.neonOps("--storcon", url, "tenant", "split", "--tenant", tenant.toString(), "--shards", "4");
            assertEquals(2, notMore.exit());
            assertTrue(notMore.err().contains("--shards must be more than the tenant's 4 shard(s)"), notMore.err());

            Run describe = NeonOpsIT.neonOps("--storcon", url, "tenant", "describe", "--tenant", tenant.toString());
            assertTrue(describe.out().startsWith("tenant " + tenant + " Attached(1), 4 shard(s), stripe 2048 pages"), describe.out());
            Run report = NeonOpsIT.neonOps("--storcon", url, "report");
            assertEquals(0, report.exit(), report.out());
            assertTrue(report.out().contains("none: every node Active, every shard placed and idle"), report.out());
        }
    }
}
