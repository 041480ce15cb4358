package io.neonclient.model;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import org.junit.jupiter.api.Test;

class CreateTimelineRequestTest {
    private static final TimelineId MAIN = TimelineId.parse("a913eb80d57355a5ee645fbe9eb17572");
    private static final TimelineId BRANCH = TimelineId.parse("0dd025d5b5a8ca0c2f584e72764e5814");
    private static final TimelineId IMPORTED = TimelineId.parse("73c1bc429617f57419c72b4f45346c31");

    @Test
    void eachMode_encodesAsTheFixture() {
        assertEquals(Fixtures.tree("storcon.timeline_create.bootstrap.request.json"), Fixtures.encoded(CreateTimelineRequest.bootstrap(MAIN, 16)));
        assertEquals(Fixtures.tree("storcon.timeline_create.branch.request.json"),
                Fixtures.encoded(CreateTimelineRequest.branch(BRANCH, MAIN).at(Lsn.parse("0/1520CF8"))));
        assertEquals(Fixtures.tree("storcon.timeline_create.import_pgdata.request.json"),
                Fixtures.encoded(CreateTimelineRequest.importPgdata(IMPORTED, "q8HgkX2mZpR4sT7vW1yB",
                        new CreateTimelineRequest.S3Location("us-east-1", "neon-imports", "imports/73c1bc429617f57419c72b4f45346c31/"))));
    }

    @Test
    void bootstrapFromAPreservedInitdb_sendsExistingInitdbTimelineId() {
        assertEquals(Fixtures.parse("{\"new_timeline_id\":\"" + BRANCH + "\",\"existing_initdb_timeline_id\":\"" + MAIN + "\"}"),
                Fixtures.encoded(CreateTimelineRequest.bootstrap(BRANCH).fromInitdbOf(MAIN)));
        assertEquals(Fixtures.parse("{\"new_timeline_id\":\"" + BRANCH + "\",\"existing_initdb_timeline_id\":\"" + MAIN
                + "\",\"pg_version\":17}"), Fixtures.encoded(CreateTimelineRequest.bootstrap(BRANCH, 17).fromInitdbOf(MAIN)));
        assertThrows(NullPointerException.class, () -> CreateTimelineRequest.bootstrap(BRANCH).fromInitdbOf(null));
    }

    @Test
    void pgVersion_acceptsExactlyWhatUpstreamAccepts() {
        for (int v : CreateTimelineRequest.PG_VERSIONS) {
            assertEquals(v, CreateTimelineRequest.bootstrap(MAIN, v).pgVersion().orElseThrow());
        }
        for (int v : new int[] {0, 9, 13, 18, 99}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.bootstrap(MAIN, v));
            assertTrue(e.getMessage().contains("pg_version") && e.getMessage().contains(String.valueOf(v)), e.getMessage());
        }
    }

    @Test
    void branch_sendsReadOnlyOnlyWhenSet_andIsRepeatableOnlyWithAnLsn() {
        assertEquals(Fixtures.parse("{\"new_timeline_id\":\"" + BRANCH + "\",\"ancestor_timeline_id\":\"" + MAIN + "\",\"read_only\":true}"),
                Fixtures.encoded(CreateTimelineRequest.branch(BRANCH, MAIN).asReadOnly()));
        assertFalse(CreateTimelineRequest.branch(BRANCH, MAIN).isRepeatable());
        assertTrue(CreateTimelineRequest.branch(BRANCH, MAIN).at(Lsn.parse("0/1")).isRepeatable());
        assertTrue(CreateTimelineRequest.bootstrap(MAIN).isRepeatable());
    }

    @Test
    void badInput_isRefusedNamingTheField() {
        assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.branch(MAIN, MAIN));
        assertThrows(NullPointerException.class, () -> CreateTimelineRequest.branch(MAIN, null));
        var zero = assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.branch(BRANCH, MAIN).at(Lsn.ZERO));
        assertTrue(zero.getMessage().contains("ancestor_start_lsn"), zero.getMessage());
        var key = assertThrows(IllegalArgumentException.class, () -> CreateTimelineRequest.importPgdata(IMPORTED, " ",
                new CreateTimelineRequest.S3Location("r", "b", "k")));
        assertTrue(key.getMessage().contains("idempotency_key"), key.getMessage());
        var bucket = assertThrows(IllegalArgumentException.class, () -> new CreateTimelineRequest.S3Location("r", "", "k"));
        assertTrue(bucket.getMessage().contains("bucket"), bucket.getMessage());
        assertThrows(NullPointerException.class, () -> new CreateTimelineRequest.S3Location("r", "b", null));
    }
}
