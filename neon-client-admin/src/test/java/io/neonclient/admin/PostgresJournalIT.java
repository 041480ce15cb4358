package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.Timeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Journal#postgres} against a real PostgreSQL started by {@link TestPostgres}. */
class PostgresJournalIT {
    record Inputs(String tenant) {}

    static TestPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
        System.out.println("PostgresJournalIT: throwaway PostgreSQL (initdb + pg_ctl start) took " + pg.startedIn.toMillis() + " ms");
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    static Plan toy(String subject, String tenant) {
        return Plan.builder("Toy", new Inputs(tenant)).subject(subject)
                .step(FileJournalTest.CHOOSE, "choose", ctx -> new FileJournalTest().chosen, "nothing changed")
                .step(FileJournalTest.LIST, "list", ctx -> ctx.result(FileJournalTest.CHOOSE).timelines(), "nothing changed")
                .build();
    }

    static String row(String subject, String column) throws SQLException {
        try (Connection c = pg.connect();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM neon_client_journal WHERE recipe = 'Toy' AND subject = ?")) {
            s.setString(1, subject);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "a row for " + subject);
                return r.getString(1);
            }
        }
    }

    static void setJournal(String subject, String text) throws SQLException {
        try (Connection c = pg.connect();
             PreparedStatement s = c.prepareStatement("UPDATE neon_client_journal SET journal = ? WHERE recipe = 'Toy' AND subject = ?")) {
            s.setString(1, text);
            s.setString(2, subject);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void typedValues_roundTrip_andAResumedRunSkipsWhatFinished() throws Exception {
        var chosen = new FileJournalTest().chosen;
        RecipeResult first = toy("tenant round-trip", "t1").run(pg.journal(), e -> { });
        assertEquals(chosen, first.value(FileJournalTest.CHOOSE));
        var stored = Json.MAPPER.readTree(row("tenant round-trip", "journal"));
        assertEquals("0/16B5A50", stored.at("/steps/choose/value/lsn").asText(), "stored as JSON, not text: " + stored);
        assertTrue(stored.has("completed_at"));
        assertNull(row("tenant round-trip", "held_by"), "released at the end of the run");

        // A finished run is not replayed: the next run on this subject starts afresh, its steps run again.
        List<RecipeEvent> again = new ArrayList<>();
        toy("tenant round-trip", "t1").run(pg.journal(), again::add);
        assertTrue(again.stream().noneMatch(e -> e instanceof StepSkipped s && s.fromJournal()), again.toString());

        // An unfinished run resumes: what it finished comes back typed from the row, the rest runs.
        Journal killed = pg.journal();
        killed.begin("Toy", "tenant round-trip", "{\"tenant\": \"t1\"}");
        killed.recordFinished("choose", Json.encodeToString(chosen));
        killed.close();
        List<RecipeEvent> events = new ArrayList<>();
        RecipeResult resumed = toy("tenant round-trip", "t1").run(pg.journal(), events::add);
        assertEquals(chosen, resumed.value(FileJournalTest.CHOOSE));
        assertEquals(chosen.timelines(), resumed.value(FileJournalTest.LIST));
        assertEquals(List.of("choose"), events.stream().filter(e -> e instanceof StepSkipped s && s.fromJournal())
                .map(e -> e.step().name()).toList(), events.toString());
    }

    @Test
    void anUnfinishedRunWithOtherInputs_isRefused_butAFinishedOneMakesWayForTheNextRun() throws Exception {
        Journal journal = pg.journal();
        journal.begin("Toy", "tenant identity", "{\"tenant\": \"t1\"}");
        journal.recordFinished("choose", "1");
        journal.close();
        var e = assertThrows(IllegalStateException.class, () -> toy("tenant identity", "t2").run(pg.journal(), ev -> fail("must not run")));
        assertTrue(e.getMessage().contains("records Toy {\"tenant\":\"t1\"}") && e.getMessage().contains("\"t2\"")
                && e.getMessage().contains("has not finished") && e.getMessage().contains("DELETE FROM neon_client_journal"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> pg.journal().begin("Toy", "tenant identity", "{\"tenant\": \"t1\", \"x\": 1}"));

        Journal same = pg.journal();
        same.begin("Toy", "tenant identity", "{ \"tenant\" : \"t1\" }");
        assertEquals(Optional.of("1"), same.finished("choose"), "the same inputs resume");
        same.recordCompleted();
        same.close();
        toy("tenant identity", "t2").run(pg.journal(), ev -> { });
        assertEquals("t2", Json.MAPPER.readTree(row("tenant identity", "journal")).at("/inputs/tenant").asText(),
                "after a finished run, other inputs start afresh");
    }

    @Test
    void aSecondRunOnTheSameSubject_isRefused_namingTheHolder() throws Exception {
        Journal first = pg.journal();
        first.begin("Toy", "tenant contended", "{\"tenant\": \"t1\"}");
        try {
            String holder = row("tenant contended", "held_by");
            String who = System.getProperty("user.name") + "@";
            assertTrue(holder.startsWith(who) && holder.contains(" pid " + ProcessHandle.current().pid() + " since "), holder);
            assertNotNull(row("tenant contended", "held_since"));
            var e = assertThrows(IllegalStateException.class, () -> toy("tenant contended", "t1").run(pg.journal(), ev -> fail("must not run")));
            assertTrue(e.getMessage().contains("is held by " + holder) && e.getMessage().contains("subject 'tenant contended'"), e.getMessage());
            // Another subject of the same recipe is not held.
            toy("tenant other", "t1").run(pg.journal(), ev -> { });
        } finally {
            first.close();
        }
        toy("tenant contended", "t1").run(pg.journal(), ev -> { });
    }

    @Test
    void killingTheHoldersConnection_releasesTheLock_andTheHolderCanNoLongerWrite() throws Exception {
        Journal first = pg.journal();
        first.begin("Toy", "tenant killed", "{\"tenant\": \"t1\"}");
        first.recordFinished("choose", "\"kept\"");
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN neon_client_journal j"
                     + " ON l.locktype = 'advisory' AND l.classid = " + PostgresJournal.LOCK_CLASS + " AND l.objid = j.id"
                     + " WHERE j.subject = 'tenant killed'")) {
            r.next();
            assertEquals(1, r.getInt(1), "one session held the row");
        }
        var lost = assertThrows(IllegalStateException.class, () -> first.recordFinished("list", "[]"));
        assertTrue(lost.getMessage().contains("no longer holds") && !lost.getMessage().contains(TestPostgres.PASSWORD), lost.getMessage());
        first.close();

        Journal second = pg.journal();
        second.begin("Toy", "tenant killed", "{\"tenant\": \"t1\"}");
        assertEquals(Optional.of("\"kept\""), second.finished("choose"), "what was durable before the kill is kept");
        assertEquals(Optional.empty(), second.finished("list"));
        second.close();
    }

    @Test
    void aDamagedRow_isRefused_namingTheRowAndWhatToDo() throws Exception {
        toy("tenant damaged", "t1").run(pg.journal(), ev -> { });
        for (String text : List.of("", "null", "[1, 2]", "{\"recipe\": \"Toy\"}", "{\"journal_format\": 2, \"recipe\": \"Toy\", \"inp")) {
            setJournal("tenant damaged", text);
            var e = assertThrows(IllegalStateException.class, () -> toy("tenant damaged", "t1").run(pg.journal(), ev -> fail("must not run")),
                    text);
            assertTrue(e.getMessage().contains("cannot be resumed") && e.getMessage().contains("subject 'tenant damaged'")
                    && e.getMessage().contains("DELETE FROM neon_client_journal WHERE id = "), e.getMessage());
            assertEquals(text, row("tenant damaged", "journal"), "never reset");
            assertNull(row("tenant damaged", "held_by"), "a refused run does not keep the row");
        }
    }

    @Test
    void urls_andPasswords_areCheckedBeforeConnecting_andNeverPrinted() {
        for (String url : List.of("postgresql://neon:hunter2@127.0.0.1:5432/db", "jdbc:postgresql://127.0.0.1/db?user=neon&password=hunter2",
                "postgresql://127.0.0.1:5432/db?password=hunter2")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Journal.postgres(url));
            assertTrue(e.getMessage().contains("must not hold a password") && !e.getMessage().contains("hunter2"), e.getMessage());
        }
        for (String url : List.of("mysql://neon@h/db", "postgresql://neon@127.0.0.1:5432/", "postgresql://neon@127.0.0.1:99999/db")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Journal.postgres(url));
            assertTrue(e.getMessage().startsWith("journal URL"), e.getMessage());
        }
        Journal wrong = Journal.postgres(pg.url(), "not-the-password-x1");
        var e = assertThrows(IllegalStateException.class, () -> wrong.begin("Toy", "tenant auth", "{}"));
        assertTrue(e.getMessage().contains("cannot connect") && e.getMessage().contains(pg.url()) && !e.getMessage().contains("not-the-password-x1"),
                e.getMessage());
        Journal right = pg.journal();
        right.begin("Toy", "tenant auth", "{}");
        assertFalse(right.toString().contains(TestPostgres.PASSWORD), right.toString());
        right.close();
    }

    @Test
    void writes_areDurableWhenTheyReturn_andTheirLatencyIsMeasured() throws Exception {
        Journal journal = pg.journal();
        journal.begin("Toy", "tenant latency", "{\"tenant\": \"t1\"}");
        int n = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            journal.recordNote("choose/n", Integer.toString(i));
        }
        Duration each = Duration.ofNanos((System.nanoTime() - t0) / n);
        System.out.println("PostgresJournalIT: journal write latency " + each.toNanos() / 1000 + " µs per recordNote (" + n + " writes)");
        assertTrue(Json.MAPPER.readTree(row("tenant latency", "journal")).at("/notes/choose~1n").asInt() == n - 1, "the last write is stored");
        journal.close();
    }

    @Test
    void pitrWithoutABranchId_killedDuringTheBranchStep_resumesTheSameBranch_withThePostgresJournal() {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(32 * 1024);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(32 * 1024);

            // The process dies after the branch was created and journaled as a note, before the step's value was
            // written: the listener kills it when the step finishes, and the step's entry is removed from the row, as
            // if the kill came a moment earlier.
            RecipeHarness.runUntilCrash(pitr(env, at), new RecipeHarness.Crash(RecipeHarness.finished("branch")));
            String subject = "tenant " + env.tenant;
            try (Connection c = pg.connect(); PreparedStatement s = c.prepareStatement("UPDATE neon_client_journal"
                    + " SET journal = (journal::jsonb #- '{steps,branch}')::text WHERE recipe = 'PointInTimeRecovery' AND subject = ?")) {
                s.setString(1, subject);
                assertEquals(1, s.executeUpdate());
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            List<TimelineId> afterCrash = PointInTimeRecoveryIT.timelines(env);
            assertEquals(2, afterCrash.size(), "the crashed run created one branch: " + afterCrash);

            // A new process: a new recipe object (which would generate another id) resumes from the row.
            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult r = pitr(env, at).run(events::add);
            TimelineId branch = r.value(PointInTimeRecovery.BRANCH);
            assertEquals(afterCrash, PointInTimeRecoveryIT.timelines(env), "no second branch");
            assertTrue(afterCrash.contains(branch));
            assertTrue(events.stream().anyMatch(e -> e instanceof StepSkipped s && s.step().name().equals("branch") && !s.fromJournal()),
                    "the branch step found its timeline: " + events);
            PointInTimeRecoveryIT.assertBranchedWithCompute(env, branch, before);
            Timeline t = PointInTimeRecoveryIT.describe(env, branch);
            assertEquals(Optional.of(before), t.ancestorLsn());
        }
    }

    static PointInTimeRecovery pitr(ComputeCluster env, Instant at) {
        return PointInTimeRecovery.of(env.storcon, env.tenant, env.timeline).at(at).withComputes(env.computes)
                .withWaitPolicy(RecipeHarness.WAIT).withJournal(pg.journal());
    }
}
