package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.LsnForTimestamp;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values our recipes' steps return come back equal from their journal JSON, so a resumed run sees what the first saw. */
class RecipeValuesTest {

    static <T> T roundTrip(Step.Key<T> key, T value) {
        return StepValues.decode(key, StepValues.encode(key, value));
    }

    static <T> void assertRoundTrips(Step.Key<T> key, T value) {
        assertEquals(value, roundTrip(key, value), key.toString());
    }

    @Test
    void controllerRecords_roundTrip() throws IOException {
        TenantDescription tenant = Json.decode(PlacementsTest.fixture("storcon.tenant_describe.response.json"), TenantDescription.class);
        List<Node> nodes = Json.decode(PlacementsTest.fixture("storcon.node_list.response.json"), new TypeReference<List<Node>>() {});
        assertRoundTrips(TimeTravel.REATTACH, tenant);
        assertRoundTrips(ShardMove.SETTLED, tenant.shards().get(1));
        assertRoundTrips(NodeEvacuation.DRAIN, nodes.get(0));
        assertRoundTrips(ClusterBootstrap.TENANT_CREATED, tenant.shards().stream().map(s -> s.id()).toList());
        assertRoundTrips(PointInTimeRecovery.FIND_LSN,
                new LsnForTimestamp(Lsn.parse("0/16B5A50"), LsnForTimestamp.Kind.PRESENT, Optional.of(Instant.parse("2025-01-01T12:01:00Z"))));
    }

    @Test
    void computeRecords_roundTrip() throws IOException {
        TenantDescription tenant = Json.decode(PlacementsTest.fixture("storcon.tenant_describe.response.json"), TenantDescription.class);
        List<Node> nodes = Json.decode(PlacementsTest.fixture("storcon.node_list.response.json"), new TypeReference<List<Node>>() {});
        ShardPlacement placement = Placements.of(tenant, nodes);
        assertRoundTrips(ShardRoutingRepair.PLACEMENT_SETTLED, placement);
        assertRoundTrips(PointInTimeRecovery.COMPUTE, ComputeSpec.minimal(tenant.tenantId(), TimelineId.generate()).withPlacement(placement));
    }

    @Test
    void recipeRecords_roundTrip() {
        TimelineId tl = TimelineId.generate();
        assertRoundTrips(TimeTravel.CHECK, new TimeTravel.Snapshot(PlacementPolicy.attached(1), List.of(0, 2), List.of(tl),
                List.of(TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814"))));
        assertRoundTrips(TimeTravel.TIME_TRAVEL, new TimeTravel.Rewind(Instant.parse("2025-01-01T12:00:00Z"),
                Instant.parse("2025-01-01T13:00:05Z"), List.of(0, 2)));
        assertRoundTrips(TimeTravel.DETACH, Instant.parse("2025-01-01T13:00:03.123456789Z"));
        TenantShardId shard = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0102");
        assertRoundTrips(EmergencyRecovery.PLACEMENT_SETTLED, new EmergencyRecovery.Settled(List.of(shard.tenantId()), List.of(shard)));
        assertRoundTrips(EmergencyRecovery.COMPUTES, List.of(new ShardRoutingRepair.Repointed(shard.tenantId(), 2, List.of(tl))));
        assertRoundTrips(ClusterBootstrap.PAGESERVERS_ACTIVE, new ClusterBootstrap.Registered(List.of(NodeId.of(2)), List.of(NodeId.of(1), NodeId.of(2))));
    }

    @Test
    void aClusterReport_roundTrips() {
        TenantShardId shard = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0102");
        ClusterReport report = new ClusterReport(Instant.parse("2025-01-01T12:00:00Z"),
                List.of(new ClusterReport.NodeRow(NodeId.of(1), "Active", "Active", "az-a", 1, 1)),
                List.of(new ClusterReport.ShardRow(shard, Optional.of(NodeId.of(1)), List.of(NodeId.of(2)), Map.of(NodeId.of(1), "AttachedSingle"),
                        "", false, false)),
                List.of(new ClusterReport.TimelineRow(shard, TimelineId.generate(), Lsn.parse("0/16B5A50"), "Active", "connected")),
                List.of(new ClusterReport.SafekeeperRow(NodeId.of(1), "sk-1:5454", "Active")), List.of("node 2 is Offline"));
        assertRoundTrips(EmergencyRecovery.REPORT, report);
    }

    @Test
    void printedValues_areNeonsWords_neverJavaRecordNotation_norASecret() {
        LsnForTimestamp found = new LsnForTimestamp(Lsn.parse("0/14F2150"), LsnForTimestamp.Kind.PRESENT,
                Optional.of(Instant.parse("2025-01-01T12:00:00Z")));
        String lsn = StepValues.brief(found);
        assertFalse(lsn.contains("LsnForTimestamp["), lsn);
        assertTrue(lsn.contains("\"kind\":\"present\"") && lsn.contains("\"valid_until\""), lsn);
        assertEquals("2", StepValues.brief(NodeId.of(2)), "a value that prints itself keeps its own text");
        String spec = StepValues.brief(ComputeSpec.minimal(io.neonclient.core.TenantId.generate(), TimelineId.generate())
                .withStorageAuthToken("s3cr3t-jwt"));
        assertFalse(spec.contains("s3cr3t-jwt") || spec.contains("ComputeSpec["), spec);
        assertTrue(spec.contains("\"tenant_id\""), spec);
    }
}
