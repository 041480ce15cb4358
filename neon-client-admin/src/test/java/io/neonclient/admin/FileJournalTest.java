package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file: typed values as JSON, a versioned header, and refusal of files it cannot resume. */
class FileJournalTest {
    record Inputs(String tenant) {}

    /** A value with the shapes recipes return: ids, an LSN, a time, a sealed policy, an optional and lists. */
    record Chosen(TenantShardId shard, Lsn lsn, Instant at, PlacementPolicy policy, Optional<NodeId> node, List<TimelineId> timelines,
                  List<Integer> shardCounts) {}

    static final Step.Key<Chosen> CHOOSE = Step.key("choose", Chosen.class);
    static final Step.Key<List<TimelineId>> LIST = Step.listKey("list", TimelineId.class);

    final Chosen chosen = new Chosen(TenantShardId.parse("1f359dd625e519a1a4e8d7509690f6fc-0102"), Lsn.parse("0/16B5A50"),
            Instant.parse("2025-01-01T12:00:03.123456Z"), PlacementPolicy.attached(1), Optional.of(NodeId.of(2)),
            List.of(TimelineId.parse("11223344556677881122334455667788"), TimelineId.parse("aabbccddeeff0011aabbccddeeff0011")),
            List.of(0, 2));

    Plan plan() {
        return Plan.builder("Toy", new Inputs("t1"))
                .step(CHOOSE, "choose", ctx -> chosen, "nothing changed")
                .step(LIST, "list", ctx -> ctx.result(CHOOSE).timelines(), "nothing changed")
                .build();
    }

    @Test
    void typedValues_surviveTheFileRoundTrip_asJsonNotText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        RecipeResult first = plan().run(Journal.file(file), e -> { });
        assertEquals(chosen, first.value(CHOOSE));

        JsonNode root = Json.tree(Files.readAllBytes(file));
        assertEquals(FileJournal.FORMAT, root.get("journal_format").asInt());
        assertTrue(root.get("written_by").asText().startsWith("neon-client "), root.toString());
        assertEquals("t1", root.at("/inputs/tenant").asText());
        JsonNode value = root.at("/steps/choose/value");
        assertTrue(value.get("timelines").isArray() && value.get("timelines").size() == 2, value.toString());
        assertTrue(value.get("shard_counts").isArray(), value.toString());
        assertEquals("{\"Attached\":1}", value.get("policy").toString());
        assertTrue(root.at("/steps/list/value").isArray(), root.toString());

        RecipeResult resumed = plan().run(Journal.file(file), e -> { });
        assertEquals(chosen, resumed.value(CHOOSE), "read back typed, not as text");
        assertEquals(chosen.timelines(), resumed.value(LIST));
    }

    @Test
    void aJournalInTheOldTextFormat_isRefused_namingTheFileAndWhatToDo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, """
                {"recipe":"TimeTravel","fingerprint":"tenant=t1 to=2025-01-01T12:00:00Z",
                 "steps":{"check":"policy {\\"Attached\\":1}, shard counts [2]"},"values":{"shard_counts":"0,2"}}""");
        var e = assertThrows(IllegalStateException.class, () -> Journal.file(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("older neon-client") && e.getMessage().contains("move it away"), e.getMessage());
        assertTrue(Files.readString(file).contains("fingerprint"), "the old journal is left as it was");
    }

    @Test
    void aDamagedJournal_isRefused_namingTheFile(@TempDir Path dir) throws Exception {
        for (String text : List.of("{\"journal_format\": 2, \"recipe\": \"Toy\", \"inp", "", "[1, 2]", "{\"hello\": 1}",
                "{\"journal_format\": 2, \"recipe\": \"Toy\", \"inputs\": {}, \"steps\": {\"x\": \"done\"}, \"notes\": {}}")) {
            Path file = dir.resolve("damaged.json");
            Files.writeString(file, text);
            var e = assertThrows(IllegalStateException.class, () -> Journal.file(file), text);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("cannot be resumed"), e.getMessage());
        }
    }

    @Test
    void aJournalOfANewerFormat_isRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("newer.json");
        Files.writeString(file, "{\"journal_format\": 3, \"written_by\": \"neon-client 9.0\", \"recipe\": \"Toy\"}");
        var e = assertThrows(IllegalStateException.class, () -> Journal.file(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("neon-client 9.0")
                && e.getMessage().contains("reads format " + FileJournal.FORMAT), e.getMessage());
    }

    @Test
    void aRecordedValueThatNoLongerReadsAsItsStepsType_isRefused_namingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        plan().run(Journal.file(file), e -> { });
        Files.writeString(file, Files.readString(file).replace("\"0/16B5A50\"", "\"not an lsn\""));
        var e = assertThrows(IllegalStateException.class, () -> plan().run(Journal.file(file), ev -> { }));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'choose'"), e.getMessage());
    }

    @Test
    void anInMemoryJournal_keepsValuesAndNotesForTheRun() {
        Journal journal = Journal.inMemory();
        journal.begin("Toy", "{\"tenant\": \"t1\"}");
        journal.begin("Toy", "{ \"tenant\" : \"t1\" }");
        journal.recordFinished("choose", "[1,2]");
        journal.recordNote("choose/seen", "true");
        assertEquals(Optional.of("[1,2]"), journal.finished("choose"));
        assertEquals(Optional.of("true"), journal.note("choose/seen"));
        assertEquals(Optional.empty(), journal.finished("list"));
        assertThrows(IllegalStateException.class, () -> journal.begin("Other", "{\"tenant\": \"t1\"}"));
    }
}
