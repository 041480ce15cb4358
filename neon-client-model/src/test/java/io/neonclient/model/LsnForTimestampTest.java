package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.internal.Json;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LsnForTimestampTest {

    @Test
    void decode_fixtures_withAndWithoutLease() {
        assertEquals(new LsnForTimestamp(Lsn.parse("0/16B5A50"), LsnForTimestamp.Kind.PRESENT, Optional.empty()),
                Json.decode(Fixtures.load("storcon.get_lsn_by_timestamp.response.json"), LsnForTimestamp.class));
        assertEquals(new LsnForTimestamp(Lsn.parse("0/16B5A50"), LsnForTimestamp.Kind.PRESENT,
                        Optional.of(Instant.parse("2024-05-01T12:01:00Z"))),
                Json.decode(Fixtures.load("storcon.get_lsn_by_timestamp.with_lease.response.json"), LsnForTimestamp.class));
    }

    @Test
    void decode_everyKind_andAnUnknownOneAsReceived() {
        for (LsnForTimestamp.Kind.Known k : LsnForTimestamp.Kind.Known.values()) {
            LsnForTimestamp r = Json.decode("{\"lsn\":\"0/1\",\"kind\":\"" + k + "\"}", LsnForTimestamp.class);
            assertSame(k, r.kind());
        }
        LsnForTimestamp r = Json.decode("{\"lsn\":\"0/1\",\"kind\":\"sometime\"}", LsnForTimestamp.class);
        assertEquals(new LsnForTimestamp.Kind.Unknown("sometime"), r.kind());
        assertEquals("sometime", r.kind().toString());
        assertEquals(Fixtures.parse("{\"lsn\":\"0/1\",\"kind\":\"sometime\"}"), Fixtures.encoded(r));
    }

    @Test
    void decode_withoutKind_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.decode("{\"lsn\":\"0/1\"}", LsnForTimestamp.class));
    }
}
