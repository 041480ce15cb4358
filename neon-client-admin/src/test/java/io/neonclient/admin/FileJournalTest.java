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

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> damaged() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("empty", "", "it is empty"),
                org.junit.jupiter.params.provider.Arguments.of("only whitespace", "  \n", "it is empty"),
                org.junit.jupiter.params.provider.Arguments.of("null", "null", "it holds null"),
                org.junit.jupiter.params.provider.Arguments.of("an array", "[1, 2]", "it holds a JSON array"),
                org.junit.jupiter.params.provider.Arguments.of("no header", "{\"recipe\": \"Toy\", \"inputs\": {}, \"steps\": {}, \"notes\": {}}",
                        "no journal_format"),
                org.junit.jupiter.params.provider.Arguments.of("truncated", "{\"journal_format\": 2, \"recipe\": \"Toy\", \"inp", "not valid JSON"),
                org.junit.jupiter.params.provider.Arguments.of("a step without value",
                        "{\"journal_format\": 2, \"recipe\": \"Toy\", \"inputs\": {}, \"steps\": {\"x\": \"done\"}, \"notes\": {}}",
                        "steps.x has no value"),
                org.junit.jupiter.params.provider.Arguments.of("no steps", "{\"journal_format\": 2, \"recipe\": \"Toy\", \"inputs\": {}}",
                        "lacks one of recipe"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("damaged")
    void aDamagedJournal_isRefused_namingTheFileAndWhy_andLeftAsItWas(String name, String text, String why, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("damaged.json");
        Files.writeString(file, text);
        var e = assertThrows(IllegalStateException.class, () -> Journal.file(file), text);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("cannot be resumed")
                && e.getMessage().contains(why) && e.getMessage().contains("move it away"), e.getMessage());
        assertEquals(text, Files.readString(file), "never reset");
    }

    @Test
    void aJournalDamagedAfterItWasOpened_isRefusedWhenTheRunBegins_notReset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        Journal journal = Journal.file(file);
        Files.writeString(file, "null");
        var e = assertThrows(IllegalStateException.class, () -> plan().run(journal, ev -> fail("no step may run: " + ev)));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("it holds null"), e.getMessage());
        assertEquals("null", Files.readString(file));
    }

    @Test
    void aJournalOfAnotherRecipeOrInputs_isRefused_namingBoth(@TempDir Path dir) {
        Path file = dir.resolve("j.json");
        plan().run(Journal.file(file), e -> { });
        Plan other = Plan.builder("Other", new Inputs("t1")).step(CHOOSE, "choose", ctx -> chosen, "nothing changed").build();
        var e = assertThrows(IllegalStateException.class, () -> other.run(Journal.file(file), ev -> { }));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("records Toy") && e.getMessage().contains("not Other"),
                e.getMessage());
    }

    @Test
    void aSecondRun_isRefused_namingTheHolder_untilTheFirstEnds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        Journal first = Journal.file(file);
        first.begin("Toy", "tenant t1", "{\"tenant\": \"t1\"}");
        String lock = Files.readString(dir.resolve("j.json.lock"));
        String me = System.getProperty("user.name") + "@";
        assertTrue(lock.startsWith(me) && lock.contains(" pid " + ProcessHandle.current().pid() + " since "), lock);

        var e = assertThrows(IllegalStateException.class, () -> plan().run(Journal.file(file), ev -> fail("must not run")));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("is held by " + me)
                && e.getMessage().contains(" pid " + ProcessHandle.current().pid()), e.getMessage());
        var same = assertThrows(IllegalStateException.class, () -> first.begin("Toy", "tenant t1", "{\"tenant\": \"t1\"}"));
        assertTrue(same.getMessage().contains("is held by"), same.getMessage());

        first.close();
        assertEquals(chosen, plan().run(Journal.file(file), ev -> { }).value(CHOOSE), "released when the first run ended");
        assertTrue(Files.readString(file).contains("completed_at"));
    }

    @Test
    void aLockHeldByAnotherProcess_isRefused_andReleasedWhenThatProcessDies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("holding", line);
            var e = assertThrows(IllegalStateException.class, () -> plan().run(Journal.file(file), ev -> fail("must not run")));
            assertTrue(e.getMessage().contains("is held by") && e.getMessage().contains(" pid " + holder.pid() + " since "), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertEquals(chosen, plan().run(Journal.file(file), ev -> { }).value(CHOOSE), "a killed holder's lock is released by the OS");
    }

    /** Begins a run on the journal file given as the argument and holds it until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws InterruptedException {
            Journal.file(Path.of(args[0])).begin("Toy", "tenant t1", "{\"tenant\": \"t1\"}");
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
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
    void anInMemoryJournal_keepsValuesAndNotesForTheRun_andOneRunHoldsIt() {
        Journal journal = Journal.inMemory();
        journal.begin("Toy", "tenant t1", "{\"tenant\": \"t1\"}");
        var held = assertThrows(IllegalStateException.class, () -> journal.begin("Toy", "tenant t1", "{\"tenant\": \"t1\"}"));
        assertTrue(held.getMessage().contains("is held by"), held.getMessage());
        journal.recordFinished("choose", "[1,2]");
        journal.recordNote("choose/seen", "true");
        journal.close();
        journal.begin("Toy", "tenant t1", "{ \"tenant\" : \"t1\" }");
        assertEquals(Optional.of("[1,2]"), journal.finished("choose"));
        assertEquals(Optional.of("true"), journal.note("choose/seen"));
        assertEquals(Optional.empty(), journal.finished("list"));
        journal.close();
        assertThrows(IllegalStateException.class, () -> journal.begin("Other", "tenant t1", "{\"tenant\": \"t1\"}"));
    }
}
