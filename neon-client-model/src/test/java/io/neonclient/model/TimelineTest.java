package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final TenantShardId SHARD0 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0002");

    @Test
    void decode_pageserverFixture_readsEveryTimelineInfoField() {
        Timeline t = Json.decode(Fixtures.load("pageserver.timeline_info.response.json"), Timeline.class);
        assertEquals(SHARD0, t.tenantShardId());
        assertEquals(SHARD0.tenantId(), t.tenantId());
        assertEquals(TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814"), t.timelineId());
        assertEquals(Optional.of(TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572")), t.ancestorTimelineId());
        assertEquals(Optional.of(Lsn.parse("0/1520CF8")), t.ancestorLsn());
        assertEquals(Lsn.parse("0/1520CF8"), t.lastRecordLsn());
        assertEquals(Optional.of(Lsn.parse("0/1520CC0")), t.prevRecordLsn());
        assertEquals(Lsn.ZERO, t.appliedGcCutoffLsn());
        assertEquals(Lsn.parse("0/1520CF8"), t.minReadableLsn());
        assertEquals(Lsn.parse("0/14EE150"), t.initdbLsn());
        assertEquals(23781376, t.currentLogicalSize());
        assertTrue(t.currentLogicalSizeIsAccurate());
        assertEquals(List.of(1L, 0L, 286L, 0L, 1L, 1L, 1L, 0L), t.directoryEntriesCounts());
        assertEquals(Optional.of(0L), t.currentPhysicalSize());
        assertEquals(Optional.empty(), t.currentLogicalSizeNonIncremental());
        assertEquals(Optional.empty(), t.timelineDirLayerFileSizeSum());
        assertEquals(Optional.empty(), t.lastReceivedMsgTs());
        assertEquals(16, t.pgVersion());
        assertEquals(new TimelineState.Active(), t.state());
        assertEquals("Not active", t.walreceiverStatus());
        assertEquals(Optional.of(false), t.isArchived());
        assertEquals(Optional.of(RelSizeMigration.LEGACY), t.relSizeMigration());
        assertEquals(Optional.empty(), t.relSizeMigratedAt());
        assertEquals(Optional.of(false), t.isInvisible());
        assertEquals(Optional.empty(), t.imageConsistentLsn());
        assertEquals(Optional.empty(), t.safekeepers());
        assertFalse(t.isBroken());
    }

    @Test
    void components_areTheThirtyOneTimelineInfoFields_plusTheControllersSafekeepers() {
        // the fixture spells every TimelineInfo field except image_consistent_lsn (skipped when None upstream)
        Set<String> wire = new TreeSet<>();
        Fixtures.tree("pageserver.timeline_info.response.json").fieldNames().forEachRemaining(wire::add);
        wire.add("image_consistent_lsn");
        assertEquals(31, wire.size(), wire::toString);
        wire.add("safekeepers");
        var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        Set<String> components = Arrays.stream(Timeline.class.getRecordComponents())
                .map(c -> c.getName().equals("tenantShardId") ? "tenant_id" : snake.translate(c.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(wire, components);
    }

    @Test
    void decode_controllersCreateAnswer_readsSafekeepers() {
        Timeline t = Json.decode(Fixtures.load("storcon.timeline_create.response.json"), Timeline.class);
        Timeline.Safekeepers sks = t.safekeepers().orElseThrow();
        assertEquals(SHARD0.tenantId(), sks.tenantId());
        assertEquals(t.timelineId(), sks.timelineId());
        assertEquals(1, sks.generation());
        assertEquals(List.of(new Timeline.Safekeepers.Member(NodeId.of(1), "safekeeper-1.storage.svc"),
                new Timeline.Safekeepers.Member(NodeId.of(2), "safekeeper-2.storage.svc"),
                new Timeline.Safekeepers.Member(NodeId.of(3), "safekeeper-3.storage.svc")), sks.safekeepers());
    }

    @Test
    void decode_newerFields_u128Timestamp_brokenState_andUnknownRelSizeMigration() {
        ObjectNode n = (ObjectNode) Fixtures.tree("pageserver.timeline_info.response.json");
        n.put("last_received_msg_ts", new BigInteger("340282366920938463463374607431768211455"));
        n.put("image_consistent_lsn", "0/1520000");
        n.put("rel_size_migration", "rewinding");
        n.set("state", Fixtures.parse("{\"Broken\": {\"reason\": \"layer map corrupt\", \"backtrace\": \"bt\"}}"));
        Timeline t = Json.decode(n.toString(), Timeline.class);
        assertEquals(Optional.of(new BigInteger("340282366920938463463374607431768211455")), t.lastReceivedMsgTs());
        assertEquals(Optional.of(Lsn.parse("0/1520000")), t.imageConsistentLsn());
        assertEquals("rewinding", t.relSizeMigration().orElseThrow().toString());
        assertEquals(new TimelineState.Broken("layer map corrupt", "bt"), t.state());
        assertTrue(t.isBroken());
    }

    @Test
    void encodeThenDecode_givesTheSameTimeline() {
        Timeline t = Json.decode(Fixtures.load("storcon.timeline_create.response.json"), Timeline.class);
        assertEquals(t, Json.decode(Json.encodeToString(t), Timeline.class));
        assertEquals(Fixtures.tree("storcon.timeline_create.response.json").get("tenant_id"), Fixtures.encoded(t).get("tenant_id"));
    }

    @Test
    void decode_missingRequiredLsn_isRefused() {
        ObjectNode n = (ObjectNode) Fixtures.tree("pageserver.timeline_info.response.json");
        n.remove("last_record_lsn");
        assertThrows(IllegalArgumentException.class, () -> Json.decode(n.toString(), Timeline.class));
    }
}
