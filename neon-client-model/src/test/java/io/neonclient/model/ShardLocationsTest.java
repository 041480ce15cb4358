package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.NodeId;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardLocationsTest {

    @Test
    void decode_fixture_andAShardedAnswer() {
        ShardLocations r = Json.decode(Fixtures.load("storcon.tenant_location_config.response.json"), ShardLocations.class);
        assertEquals(List.of(new ShardLocations.Location(TenantShardId.parse("06dfb67646d6a12bf003bb8ac385e96d"), NodeId.of(1))), r.shards());
        assertEquals(Optional.empty(), r.stripeSize());
        ShardLocations sharded = Json.decode("{\"shards\":[{\"shard_id\":\"5187ddbeeda5e7bf3a699a26009f434c-0102\",\"node_id\":2}],"
                + "\"stripe_size\":2048}", ShardLocations.class);
        assertEquals(Optional.of(StripeSize.DEFAULT), sharded.stripeSize());
        assertEquals(NodeId.of(2), sharded.shards().get(0).nodeId());
    }

    @Test
    void decode_withoutShards_readsAnEmptyList() {
        assertEquals(List.of(), Json.decode("{\"stripe_size\":null}", ShardLocations.class).shards());
    }
}
