package io.neonclient.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Generation;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    enum Scheduling { Active, Pause, @JsonEnumDefaultValue UNKNOWN }

    record Shard(TenantShardId tenantShardId, Optional<NodeId> nodeAttached, List<NodeId> nodeSecondary, String lastError,
                 boolean isReconciling, Scheduling schedulingPolicy, Optional<String> preferredAzId) {}

    record Describe(TenantId tenantId, List<Shard> shards, StripeSize stripeSize, PlacementPolicy policy, Map<String, Object> config) {}

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"id", "config"})
    record Entry(TenantShardId id, Map<String, Object> config) {}

    record EntryList(List<Entry> tenantShards) {}

    record Timeline(TenantShardId tenantId, TimelineId timelineId, Optional<TimelineId> ancestorTimelineId,
                    Optional<Lsn> ancestorLsn, Lsn lastRecordLsn, Optional<Lsn> imageConsistentLsn, Optional<Long> lastReceivedMsgTs) {}

    static <T> T read(String json, Class<T> type) throws IOException {
        return Json.reader(type).read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTenantDescribeFixture_snakeCaseRecordsAndValues() throws IOException {
        Describe d = read(Fixtures.load("storcon.tenant_describe.response.json"), Describe.class);
        assertEquals(TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c"), d.tenantId());
        assertEquals(PlacementPolicy.attached(1), d.policy());
        assertEquals(StripeSize.DEFAULT, d.stripeSize());
        assertEquals(2, d.shards().size());
        Shard s1 = d.shards().get(1);
        assertEquals(1, s1.tenantShardId().shardNumber());
        assertEquals(Optional.of(NodeId.of(2)), s1.nodeAttached());
        assertEquals(List.of(NodeId.of(1)), s1.nodeSecondary());
        assertTrue(s1.isReconciling());
        assertEquals(Scheduling.Active, s1.schedulingPolicy());
        assertEquals("7days", d.config().get("pitr_interval"));
    }

    @Test
    void unknownFieldsAreIgnored_andUnknownEnumValuesReadAsTheDefault() throws IOException {
        String json = Fixtures.load("storcon.tenant_describe.response.json")
                .replace("\"scheduling_policy\": \"Active\"", "\"scheduling_policy\": \"Hibernate\", \"brand_new_field\": [1, 2]");
        Describe d = read(json, Describe.class);
        assertEquals(Scheduling.UNKNOWN, d.shards().get(0).schedulingPolicy());
    }

    @Test
    void nullableFieldsBecomeEmptyOptionals() throws IOException {
        String json = Fixtures.load("storcon.tenant_describe.response.json")
                .replace("\"node_attached\": 1", "\"node_attached\": null").replace("\"preferred_az_id\": \"az-a\"", "\"preferred_az_id\": null");
        Shard s0 = read(json, Describe.class).shards().get(0);
        assertEquals(Optional.empty(), s0.nodeAttached());
        assertEquals(Optional.empty(), s0.preferredAzId());
    }

    @Test
    void decodesTupleListsAsArrayShapedRecords() throws IOException {
        EntryList list = read(Fixtures.load("pageserver.location_config_list.response.json"), EntryList.class);
        assertEquals(3, list.tenantShards().size());
        assertEquals("AttachedSingle", list.tenantShards().get(0).config().get("mode"));
        assertEquals(TenantShardId.parse("06dfb67646d6a12bf003bb8ac385e96d"), list.tenantShards().get(2).id());
        assertNull(list.tenantShards().get(2).config(), "a slot in transition is [id, null]");
    }

    @Test
    void decodesTimelineInfo_lsnsAndOmittedFields() throws IOException {
        Timeline t = read(Fixtures.load("pageserver.timeline_info.response.json"), Timeline.class);
        JsonNode raw = Json.MAPPER.readTree(Fixtures.load("pageserver.timeline_info.response.json"));
        assertEquals(Lsn.parse(raw.get("last_record_lsn").asText()), t.lastRecordLsn());
        assertEquals(raw.has("image_consistent_lsn"), t.imageConsistentLsn().isPresent());
        assertEquals(raw.get("ancestor_timeline_id").isNull(), t.ancestorTimelineId().isEmpty());
        assertEquals(Optional.empty(), t.lastReceivedMsgTs(), "null on the wire (a u128 of microseconds when set)");
        assertEquals(Optional.of(Lsn.parse("0/1520CF8")), t.ancestorLsn());
    }

    @Test
    void nullBodyAndEmptyBodyDecodeToNull() throws IOException {
        assertNull(Json.reader(Describe.class).read("null".getBytes(StandardCharsets.UTF_8)));
        assertNull(Json.reader(Describe.class).read(new byte[0]));
        assertNull(Json.discard().read("{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encoding_omitsAbsentProperties_butKeepsNullMapValues() {
        record Patch(TenantId tenantId, Optional<String> gcPeriod, String pitrInterval) {}
        TenantId t = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
        assertEquals("{\"tenant_id\":\"" + t + "\"}", Json.encodeToString(new Patch(t, Optional.empty(), null)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", t);
        body.put("pitr_interval", null);
        assertEquals("{\"tenant_id\":\"" + t + "\",\"pitr_interval\":null}", Json.encodeToString(body),
                "a PATCH removes an override with an explicit null");
    }

    @Test
    void encodesValuesInTheirWireForm() {
        record Body(PlacementPolicy placement, Lsn lsn, NodeId nodeId, StripeSize stripeSize, Instant at) {}
        String json = Json.encodeToString(new Body(PlacementPolicy.attached(1), Lsn.parse("16/B374D848"), NodeId.of(2),
                StripeSize.ofPages(32768), Instant.parse("2024-05-01T12:00:00Z")));
        assertEquals("{\"placement\":{\"Attached\":1},\"lsn\":\"16/B374D848\",\"node_id\":2,\"stripe_size\":32768,"
                + "\"at\":\"2024-05-01T12:00:00Z\"}", json);
        assertEquals("{\"placement\":\"Detached\"}", Json.encodeToString(Map.of("placement", PlacementPolicy.detached())));
        assertEquals(PlacementPolicy.secondary(), Json.decode("\"Secondary\"", PlacementPolicy.class));
        assertEquals(List.of(PlacementPolicy.attached(0)), Json.decode("[{\"Attached\":0}]", new TypeReference<List<PlacementPolicy>>() {}));
    }

    @Test
    void describe_namesTheFieldThatFailed() {
        String json = Fixtures.load("storcon.tenant_describe.response.json").replace("\"node_attached\": 2", "\"node_attached\": \"two\"");
        var e = assertThrows(IOException.class, () -> read(json, Describe.class));
        String what = Json.describe(e);
        assertTrue(what.startsWith("field 'shards[1].node_attached'"), what);
        var bad = assertThrows(IOException.class, () -> read("{\"tenant_id\": \"xyz\"}", Describe.class));
        assertTrue(Json.describe(bad).contains("tenant_id") && Json.describe(bad).contains("'xyz'"), Json.describe(bad));
    }

    record Values(TenantId tenant, TimelineId timeline, TenantShardId shard, ShardIndex index, Lsn lsn, NodeId node,
                  StripeSize stripe, Generation generation) {}

    static final Values VALUES = new Values(TenantId.parse("1f359dd625e519a1a4e8d7509690f6fc"),
            TimelineId.parse("11223344556677881122334455667788"), TenantShardId.parse("1f359dd625e519a1a4e8d7509690f6fc-0102"),
            ShardIndex.of(1, 2), Lsn.parse("0/169AD58"), NodeId.of(7), StripeSize.ofPages(32768), Generation.of(4294967295L));

    @Test
    void valueTypes_readBackWhatTheyWrite_andJsonNullStaysNull() throws IOException {
        String json = Json.encodeToString(VALUES);
        assertEquals("{\"tenant\":\"1f359dd625e519a1a4e8d7509690f6fc\",\"timeline\":\"11223344556677881122334455667788\","
                + "\"shard\":\"1f359dd625e519a1a4e8d7509690f6fc-0102\",\"index\":\"0102\",\"lsn\":\"0/169AD58\",\"node\":7,"
                + "\"stripe\":32768,\"generation\":4294967295}", json);
        assertEquals(VALUES, read(json, Values.class));
        assertEquals(new Values(null, null, null, null, null, null, null, null), read("{\"tenant\": null, \"timeline\": null, "
                + "\"shard\": null, \"index\": null, \"lsn\": null, \"node\": null, \"stripe\": null, \"generation\": null}", Values.class));
        assertEquals(NodeId.of(3), read("3", NodeId.class));
        assertEquals(VALUES.shard(), read("\"1f359dd625e519a1a4e8d7509690f6fc-0102\"", TenantShardId.class));
    }

    @Test
    void valueTypes_refuseTheWrongKindOfToken_andTheirOwnBadValues_namingTheField() {
        String[][] cases = {
                {"{\"node\": \"7\"}", "field 'node'", "NodeId"},
                {"{\"node\": 7.5}", "field 'node'", "NodeId"},
                {"{\"node\": -1}", "field 'node'", "NodeId"},
                {"{\"stripe\": 0}", "field 'stripe'", "StripeSize"},
                {"{\"generation\": 4294967296}", "field 'generation'", "Generation"},
                {"{\"tenant\": 5}", "field 'tenant'", "TenantId"},
                {"{\"tenant\": \"1F359DD6\"}", "field 'tenant'", "TenantId"},
                {"{\"timeline\": [\"1122\"]}", "field 'timeline'", "TimelineId"},
                {"{\"shard\": \"1f359dd625e519a1a4e8d7509690f6fc-0000\"}", "field 'shard'", "-0000"},
                {"{\"index\": \"0302\"}", "field 'index'", "ShardIndex"},
                {"{\"lsn\": \"0-169AD58\"}", "field 'lsn'", "Lsn"},
                {"{\"lsn\": 23696728}", "field 'lsn'", "Lsn"},
        };
        for (String[] c : cases) {
            var e = assertThrows(IOException.class, () -> read(c[0], Values.class), c[0]);
            String what = Json.describe(e);
            assertTrue(what.startsWith(c[1]) && what.contains(c[2]), c[0] + " -> " + what);
        }
    }

    record ByNode(Map<NodeId, String> modes, Map<TenantShardId, Integer> generations, Map<TimelineId, TenantId> owners) {}

    @Test
    void mapsKeyedByIds_readBackTheirKeys() {
        TenantShardId shard = TenantShardId.parse("1f359dd625e519a1a4e8d7509690f6fc-0102");
        TimelineId timeline = TimelineId.parse("11223344556677881122334455667788");
        ByNode value = new ByNode(Map.of(NodeId.of(2), "AttachedSingle"), Map.of(shard, 7), Map.of(timeline, shard.tenantId()));
        String json = Json.encodeToString(value);
        assertTrue(json.contains("\"2\":\"AttachedSingle\"") && json.contains("\"" + shard + "\":7"), json);
        assertEquals(value, Json.decode(json, ByNode.class));
        var e = assertThrows(IllegalArgumentException.class, () -> Json.decode("{\"modes\": {\"two\": \"x\"}}", ByNode.class));
        assertTrue(e.getMessage().contains("NodeId"), e.getMessage());
    }
}
