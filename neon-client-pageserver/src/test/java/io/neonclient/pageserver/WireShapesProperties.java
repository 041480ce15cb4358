package io.neonclient.pageserver;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Generation;
import io.neonclient.core.Lsn;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws of the pageserver's wire shapes: what the SDK writes, it reads back unchanged. */
class WireShapesProperties {

    @Property
    void timelineStateJsonRoundTrips(@ForAll("states") TimelineState state) {
        assertEquals(state, Json.decode(Json.encodeToString(state), TimelineState.class));
    }

    @Provide
    Arbitrary<TimelineState> states() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        return Arbitraries.oneOf(Arbitraries.of(new TimelineState.Active(), new TimelineState.Loading(), new TimelineState.Stopping()),
                Combinators.combine(text, text).as(TimelineState.Broken::new));
    }

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

    @Property
    void branchBodyAlwaysNamesAncestorStartLsn(@ForAll @LongRange(min = 0) long lsn) {
        var request = CreateTimelineRequest.branch(TimelineId.generate(), TimelineId.generate()).at(Lsn.of(lsn));
        var tree = Json.tree(Json.encode(request));
        assertEquals(Lsn.of(lsn).toString(), tree.get("ancestor_start_lsn").asText());
        assertFalse(tree.has("read_only"));
        assertFalse(tree.has("pg_version"));
        assertEquals(3, tree.size());
    }
}
