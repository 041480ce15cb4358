package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.internal.Json;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecondaryProgressTest {

    @Test
    void decode_fixture_andCompletenessFollowsTheLayerCounts() {
        SecondaryProgress p = Json.decode(Fixtures.load("storcon.secondary_download.response.json"), SecondaryProgress.class);
        assertEquals(new SecondaryProgress(Optional.of(Instant.parse("2025-06-01T10:00:00Z")), 10, 12, 1048576, 1310720), p);
        assertFalse(p.isComplete());
        assertTrue(new SecondaryProgress(Optional.empty(), 12, 12, 1, 1).isComplete());
        assertEquals("SecondaryProgress[10/12 layers, 1048576/1310720 bytes, heatmap 2025-06-01T10:00:00Z]", p.toString());
    }

    @Test
    void none_hasNoHeatmap_andNothingToDownload() {
        SecondaryProgress none = SecondaryProgress.none();
        assertEquals(Optional.empty(), none.heatmapMtime());
        assertTrue(none.isComplete());
        assertEquals(none, Json.decode("{\"heatmap_mtime\":null,\"layers_downloaded\":0,\"layers_total\":0,"
                + "\"bytes_downloaded\":0,\"bytes_total\":0}", SecondaryProgress.class));
    }
}
