package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class AncestorDetachedTest {

    @Test
    void decode_fixture_andAReparentedSet() {
        assertEquals(new AncestorDetached(List.of()),
                Json.decode(Fixtures.load("storcon.timeline_detach_ancestor.response.json"), AncestorDetached.class));
        TimelineId sibling = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
        assertEquals(List.of(sibling), Json.decode("{\"reparented_timelines\":[\"" + sibling + "\"]}", AncestorDetached.class)
                .reparentedTimelines());
        assertEquals(List.of(), Json.decode("{}", AncestorDetached.class).reparentedTimelines());
    }
}
