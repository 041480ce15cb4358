package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantAttachmentStatusTest {

    private static TenantAttachmentStatus decode(String json) {
        return Json.decode(json, TenantAttachmentStatus.class);
    }

    @Test
    void everyUpstreamStatus_readsPrintsItsSlug_andEncodesBack() {
        record Case(String json, TenantAttachmentStatus status, String slug) {}
        for (Case c : List.of(new Case("{\"slug\":\"maybe\"}", new TenantAttachmentStatus.Maybe(), "maybe"),
                new Case("{\"slug\":\"attached\"}", new TenantAttachmentStatus.Attached(), "attached"),
                new Case("{\"slug\":\"failed\",\"data\":{\"reason\":\"remote storage unreachable\"}}",
                        new TenantAttachmentStatus.Failed("remote storage unreachable"), "failed"))) {
            TenantAttachmentStatus s = decode(c.json());
            assertEquals(c.status(), s);
            assertEquals(c.slug(), s.toString());
            assertEquals(Fixtures.parse(c.json()), Fixtures.encoded(s));
        }
        assertTrue(decode("{\"slug\":\"attached\"}").isAttached());
        assertFalse(decode("{\"slug\":\"maybe\"}").isAttached());
    }

    @Test
    void unknownSlugs_areKeptAsReceived_andSlugsAreCaseSensitive() {
        String json = "{\"slug\":\"pending\",\"data\":{\"eta\":5}}";
        TenantAttachmentStatus s = decode(json);
        assertEquals(new TenantAttachmentStatus.Unknown("pending", Optional.of(Map.of("eta", 5))), s);
        assertEquals("pending", s.toString());
        assertEquals(Fixtures.parse(json), Fixtures.encoded(s));
        assertEquals(new TenantAttachmentStatus.Unknown("Attached"), decode("{\"slug\":\"Attached\"}"), "upstream slugs are snake_case");
    }

    @Test
    void valuesWithoutASlug_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> decode("\"attached\""));
    }
}
