package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Generation;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationConfigTest {
    private static final TenantShardId SHARD1 = TenantShardId.parse("5187ddbeeda5e7bf3a699a26009f434c-0102");

    @Test
    void decode_pageserverListFixture_readsEveryEntry() {
        List<LocationConfig> configs = new ArrayList<>();
        for (JsonNode tuple : Fixtures.tree("pageserver.location_config_list.response.json").get("tenant_shards")) {
            if (!tuple.get(1).isNull()) {
                configs.add(Json.convert(tuple.get(1), LocationConfig.class));
            }
        }
        assertEquals(2, configs.size());
        LocationConfig attached = configs.get(0);
        assertEquals(LocationConfigMode.ATTACHED_SINGLE, attached.mode());
        assertEquals(Optional.of(Generation.of(3)), attached.generation());
        assertEquals(Optional.empty(), attached.secondaryConf());
        assertEquals(0, attached.shardNumber());
        assertEquals(2, attached.shardCount());
        assertEquals(2048, attached.shardStripeSize());
        assertEquals(Map.of("gc_period", "1h", "pitr_interval", "7days"), attached.tenantConf().settings());
        LocationConfig secondary = configs.get(1);
        assertEquals(LocationConfigMode.SECONDARY, secondary.mode());
        assertEquals(Optional.of(new SecondaryConf(true)), secondary.secondaryConf());
        assertEquals(1, secondary.shardNumber());
    }

    @Test
    void encode_controllerRequestFixture_nullsForUnsetAndNoZeroShardFields() {
        assertEquals(Fixtures.tree("storcon.tenant_location_config.request.json"),
                Fixtures.encoded(LocationConfig.of(LocationConfigMode.ATTACHED_SINGLE, TenantConfig.empty())));
        assertEquals(Fixtures.parse("{\"mode\":\"AttachedMulti\",\"generation\":5,\"secondary_conf\":null,\"shard_number\":1,"
                        + "\"shard_count\":2,\"shard_stripe_size\":2048,\"tenant_conf\":{\"pitr_interval\":\"7days\"}}"),
                Fixtures.encoded(LocationConfig.attachedMulti(Generation.of(5)).forShard(SHARD1, StripeSize.DEFAULT)
                        .withTenantConf(TenantConfig.empty().with("pitr_interval", "7days"))));
        assertEquals(Fixtures.parse("{\"mode\":\"Secondary\",\"generation\":null,\"secondary_conf\":{\"warm\":false},\"tenant_conf\":{}}"),
                Fixtures.encoded(LocationConfig.secondary(false)));
    }

    @Test
    void encodeThenDecode_givesTheSameConfig() {
        LocationConfig c = LocationConfig.of(LocationConfigMode.SECONDARY, TenantConfig.empty().with("gc_period", "1h"))
                .withGeneration(Generation.of(7)).withSecondaryConf(true).forShard(SHARD1, StripeSize.ofPages(32768));
        assertEquals(c, Json.decode(Json.encodeToString(c), LocationConfig.class));
        assertEquals(LocationConfig.detached(), Json.decode(Json.encodeToString(LocationConfig.detached()), LocationConfig.class));
    }

    @Test
    void unknownMode_isKeptAndSentAsReceived() {
        LocationConfig c = Json.decode("{\"mode\":\"AttachedFrozen\",\"generation\":2,\"tenant_conf\":{}}", LocationConfig.class);
        assertEquals("AttachedFrozen", c.mode().toString());
        assertFalse(c.mode().isAttached());
        assertEquals("AttachedFrozen", Fixtures.encoded(c).get("mode").asText());
    }

    @Test
    void badValues_areRefused() {
        assertThrows(NullPointerException.class, () -> LocationConfig.attachedSingle(null));
        assertThrows(NullPointerException.class, () -> LocationConfig.of(null, TenantConfig.empty()));
        assertThrows(IllegalArgumentException.class, () -> new LocationConfig(LocationConfigMode.DETACHED, Optional.empty(),
                Optional.empty(), 2, 2, 2048, TenantConfig.empty()));
        assertThrows(IllegalArgumentException.class, () -> new LocationConfig(LocationConfigMode.DETACHED, Optional.empty(),
                Optional.empty(), 0, 256, 2048, TenantConfig.empty()));
        assertThrows(IllegalArgumentException.class, () -> new LocationConfig(LocationConfigMode.DETACHED, Optional.empty(),
                Optional.empty(), 0, 0, 1L << 32, TenantConfig.empty()));
    }

    @Test
    void forShard_ofAnUnshardedId_keepsShardFieldsAtZero() {
        LocationConfig c = LocationConfig.attachedSingle(Generation.of(1))
                .forShard(TenantShardId.unsharded(SHARD1.tenantId()), StripeSize.DEFAULT);
        assertEquals(List.of(0, 0, 0L), List.of(c.shardNumber(), c.shardCount(), c.shardStripeSize()));
        assertTrue(c.mode().isAttached());
    }
}
