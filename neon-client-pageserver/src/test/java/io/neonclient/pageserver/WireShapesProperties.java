package io.neonclient.pageserver;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Generation;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.LocationConfig;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws of the pageserver-only wire shapes: what the SDK writes, it reads back unchanged (the shared model's laws are in neon-client-model). */
class WireShapesProperties {

    @Property
    void attachedLocationConfigRoundTripsThroughTheTupleList(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long generation,
                                                               @ForAll @IntRange(min = 2, max = 255) int count,
                                                               @ForAll @IntRange(min = 0, max = 254) int number,
                                                               @ForAll @LongRange(min = 1, max = 0xFFFF_FFFFL) long stripe) {
        TenantShardId shard = TenantShardId.of(TenantId.generate(), ShardIndex.of(number % count, count));
        LocationConfig config = LocationConfig.attachedMulti(Generation.of(generation)).forShard(shard, StripeSize.ofPages(stripe));
        ShardLocationConfig entry = new ShardLocationConfig(shard, Optional.of(config));
        String json = Json.encodeToString(new PageserverClient.LocationConfigList(java.util.List.of(entry,
                new ShardLocationConfig(shard, Optional.empty()))));
        assertTrue(json.contains("[\"" + shard + "\",{"), json);
        assertTrue(json.contains("[\"" + shard + "\",null]"), json);
        assertEquals(entry, Json.decode(Json.encodeToString(entry), ShardLocationConfig.class));
    }
}
