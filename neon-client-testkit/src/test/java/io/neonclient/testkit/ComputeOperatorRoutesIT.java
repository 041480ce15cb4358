package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.LfcOffloadState;
import io.neonclient.compute.LfcPrewarmState;
import io.neonclient.compute.PromoteState;
import io.neonclient.core.Lsn;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PreconditionFailedException;
import io.neonclient.core.ServerErrorException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.http.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * compute_ctl's check_writability, LFC offload and prewarm, promote, insights and database_schema on simulated
 * computes, through the SDK's {@link ComputeClient} (compute_tools/src/http/routes/*.rs, compute_prewarm.rs,
 * compute_promote.rs, checker.rs).
 */
@NeonCluster(pageservers = 1, safekeepers = 1)
class ComputeOperatorRoutesIT {

    private static ComputeClient client(NeonTestCluster cluster, TestCompute compute) {
        return ComputeClient.builder().baseUri(compute.uri()).config(cluster.clientConfig()).build();
    }

    /** A compute configured from the shared fixture with {@code mode}, on the tenant's attached pageserver. */
    private static ObjectNode spec(NeonTestCluster cluster, TenantId tenant, TimelineId tl, String mode) {
        ObjectNode request = (ObjectNode) Shapes.fixture("compute.configure.request.json");
        ObjectNode spec = (ObjectNode) request.get("spec");
        spec.put("tenant_id", tenant.toString());
        spec.put("timeline_id", tl.toString());
        spec.remove("pageserver_connection_info");
        spec.putNull("shard_stripe_size");
        spec.put("pageserver_connstring", "postgresql://no_user@127.0.0.1:" + cluster.pageserverPgPort(1));
        spec.put("mode", mode);
        return request;
    }

    @Test
    void checkWritability_writesOnAPrimary_refusesAReplica_andAComputeNotRunning(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute primary = cluster.startCompute(tenant, tl);
        Lsn before = primary.write(8);
        client(cluster, primary).checkWritability();
        Lsn after = Lsn.parse(s.storcon.get("/v1/tenant/" + tenant + "/timeline/" + tl).json().path("last_record_lsn").asText());
        assertTrue(after.isAfter(before), "the health-check upsert wrote WAL");

        TestCompute replica = cluster.newCompute();
        assertThrows(PreconditionFailedException.class, () -> client(cluster, replica).checkWritability(), "empty: not running");
        assertEquals(200, RawHttp.compute(replica.uri()).post("/configure", spec(cluster, tenant, tl, "Replica").toString()).status());
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client(cluster, replica).checkWritability());
        assertTrue(e.serverMessage().contains("read-only transaction"), e.serverMessage());
    }

    @Test
    void lfcOffload_completes_andPromotionWaitsForAPrewarm(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute primary = cluster.startCompute(tenant, tl);
        Lsn flushed = primary.write(3 * 8192);
        ComputeClient p = client(cluster, primary);
        assertEquals(new LfcOffloadState.NotOffloaded(), p.lfc().offloadState());
        var offload = p.lfc().offload();
        assertInstanceOf(LfcOffloadState.Completed.class, offload.await(Duration.ofSeconds(30)));

        TestCompute replica = cluster.newCompute();
        assertEquals(200, RawHttp.compute(replica.uri()).post("/configure", spec(cluster, tenant, tl, "Replica").toString()).status());
        ComputeClient r = client(cluster, replica);
        ComputeSpec primarySpec = ComputeSpec.parse(spec(cluster, tenant, tl, "Primary").get("spec").toString());
        ServerErrorException early = assertThrows(ServerErrorException.class, () -> r.promote(primarySpec, flushed));
        assertEquals("compute NotPrewarmed", early.serverMessage(), "promotion waits for a finished prewarm");
    }

    @Test
    void lfcPrewarm_fromAnOffloadedEndpoint_completes_andFromAnEmptyOneIsSkipped(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute primary = cluster.startCompute(tenant, tl);
        primary.write(5 * 8192);
        ComputeClient p = client(cluster, primary);
        p.lfc().offload().await(Duration.ofSeconds(30));

        TestCompute replica = cluster.newCompute();
        assertEquals(200, RawHttp.compute(replica.uri()).post("/configure", spec(cluster, tenant, tl, "Replica").toString()).status());
        ComputeClient r = client(cluster, replica);
        assertEquals(new LfcPrewarmState.Skipped(), r.lfc().prewarm("no-such-endpoint").await(Duration.ofSeconds(30)));
        LfcPrewarmState.Completed warm = assertInstanceOf(LfcPrewarmState.Completed.class,
                r.lfc().prewarm(primary.computeId()).await(Duration.ofSeconds(30)));
        assertTrue(warm.prewarmed() >= 5, "the pages the primary offloaded: " + warm);

        Lsn end = primary.write(100);
        ComputeSpec primarySpec = ComputeSpec.parse(spec(cluster, tenant, tl, "Primary").get("spec").toString());
        PromoteState promoted = r.promote(primarySpec, end);
        assertInstanceOf(PromoteState.Completed.class, promoted);
        assertEquals(promoted, r.promote(primarySpec, end), "the first outcome is kept");
        r.checkWritability();
    }

    @Test
    void promote_ofAPrimary_failsWith500(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute primary = cluster.startCompute(tenant, tl);
        ComputeSpec spec = ComputeSpec.parse(spec(cluster, tenant, tl, "Primary").get("spec").toString());
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client(cluster, primary).promote(spec, Lsn.parse("0/1")));
        assertEquals("compute mode \"primary\" is not replica", e.serverMessage());
    }

    @Test
    void insightsAndDatabaseSchema_followTheSpec(NeonTestCluster cluster) {
        Scenario s = new Scenario(cluster);
        s.registerNodes();
        TenantId tenant = s.createTenant(0, 0);
        TimelineId tl = s.createTimeline(tenant);
        TestCompute compute = cluster.startCompute(tenant, tl);
        ComputeClient c = client(cluster, compute);
        assertEquals(0, c.insights().pgStatStatements().size());
        assertTrue(c.databaseSchema("postgres").contains("PostgreSQL database dump"));
        assertThrows(NotFoundException.class, () -> c.databaseSchema("no_such_db"));
        var catalog = c.dbsAndRoles();
        assertTrue(catalog.databases().stream().anyMatch(d -> d.name().equals("postgres")), catalog.toString());
        for (var db : catalog.databases()) {
            assertTrue(c.databaseSchema(db.name()).contains("Owner: " + db.owner()), db.name());
        }
        TestCompute idle = cluster.newCompute();
        assertThrows(PreconditionFailedException.class, () -> client(cluster, idle).insights());
    }
}
