package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.Journal;
import io.neonclient.core.Lsn;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.testkit.NeonTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, as CI runs it: {@code neon-ops demo} on the embedded cluster, and the CLI's input checks. */
class NeonOpsIT {

    record Run(int exit, String out, String err) {}

    static Run neonOps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void demo_runsTheRunbooksExampleRunEndToEnd() {
        Run r = neonOps("demo");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (String section : new String[] {"Bootstrap", "docker stop pageserver1", "Restart pageserver1", "Migrate shard 0102",
                "Time travel", "Point-in-time recovery", "Drain pageserver2", "Cluster report"}) {
            assertTrue(r.out().contains(section), "missing section " + section + ":\n" + r.out());
        }
        assertTrue(r.out().contains("none: every node Active, every shard placed and idle"), r.out());
        assertTrue(r.out().contains("every step of the Example Run passed"), r.out());
        assertTrue(r.out().contains("Simulated clock: the controller's intervals run 100× faster than upstream's"), r.out());
    }

    @Test
    void dryRun_printsThePlanWithoutAController() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "drain", "--node", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("NodeEvacuation plan (nothing sent):"), r.out());
        assertTrue(r.out().contains("PUT /control/v1/node/{node_id}/drain"), r.out());
    }

    @Test
    void rollingRestart_dryRun_printsEveryNodesCycleWithTheRestartCommand_withoutAController() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "rolling-restart", "--node", "1,2",
                "--restart-command", "docker restart pageserver{id}");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("RollingRestart plan (nothing sent):"), r.out());
        assertTrue(r.out().contains("  12. Wait until the controller has nothing left to reconcile after node 2"), r.out());
        assertFalse(r.out().contains("  13."), r.out());
        assertTrue(r.out().contains("  2. Warm the secondaries node 1's attached shards will move to"), r.out());
        assertTrue(r.out().contains("Restart pageserver 1 with the command 'docker restart pageserver{id}'"), r.out());
        assertTrue(r.out().indexOf("Drain node 1") < r.out().indexOf("Check the cluster is healthy before node 2"), r.out());
        assertTrue(r.out().indexOf("Check the cluster is healthy before node 2") < r.out().indexOf("Drain node 2"), r.out());

        Run operator = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "rolling-restart", "--node", "3");
        assertEquals(0, operator.exit(), operator.err());
        assertTrue(operator.out().contains("Wait for the operator to restart pageserver 3"), operator.out());
    }

    @Test
    void rollingRestart_dryRunWithoutNodes_listsTheRegisteredPageservers() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start()) {
            Run r = neonOps("--storcon", cluster.storageController().toString(), "--dry-run", "rolling-restart");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("Drain node 1") && r.out().contains("Drain node 2"), r.out());
            assertTrue(r.out().indexOf("Drain node 1") < r.out().indexOf("Drain node 2"), r.out());
        }
    }

    @Test
    void rollingRestart_aTemplateWithoutId_isAUsageErrorBeforeAnythingIsSent() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "rolling-restart", "--node", "1", "--restart-command", "docker restart pageserver");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--restart-command: restart command template needs {id}"), r.err());
    }

    @Test
    void badShardId_isRejectedBeforeAnythingIsSent() {
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "migrate", "--shard", "not-a-shard", "--node", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("TenantShardId"), r.err());
    }

    @Test
    void aTokenWrittenIntoTheControllerUrl_isRefused_andNeverPrintedBack() {
        for (String url : new String[] {"http://admin:s3cr3t-T0KEN@127.0.0.1:9", "http://s3cr3t-T0KEN@127.0.0.1:9/"}) {
            Run r = neonOps("--storcon", url, "status");
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("must not carry credentials"), r.err());
            assertFalse((r.out() + r.err()).contains("s3cr3t-T0KEN"), r.out() + r.err());
        }
        Run port = neonOps("--storcon", "http://127.0.0.1:99999", "status");
        assertEquals(2, port.exit(), port.out() + port.err());
        assertTrue(port.err().contains("port 99999, expected 1-65535"), port.err());
    }

    @Test
    void nonAsciiDigits_inANodeId_areRejectedBeforeAnythingIsSent() {
        for (String node : new String[] {"\u0663", "\uFF13", "1\u0663"}) {
            Run r = neonOps("--storcon", "http://127.0.0.1:9", "drain", "--node", node);
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("NodeId needs a non-negative decimal number"), r.err());
        }
    }

    @Test
    void statusReportAndPitr_againstARunningCluster(@TempDir Path tmp) throws InterruptedException {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start()) {
            String url = cluster.storageController().toString();
            var storcon = StorageControllerClient.create(url);
            // Registered pageservers are Offline until their first heartbeat; creating before that is a 409.
            Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                    nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                            ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()));
            TenantId tenant = TenantId.generate();
            TimelineId timeline = TimelineId.generate();
            storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                    .await(Duration.ofSeconds(30));
            storcon.tenant(tenant).timelines().create(CreateTimelineRequest.bootstrap(timeline, 16));

            java.util.Set<Thread> selectorsBefore = selectorThreads();
            Run status = neonOps("--storcon", url, "status");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("tenant " + tenant + " Attached(1), 2 shard(s)"), status.out());

            Run report = neonOps("--storcon", url, "report", "--json");
            assertEquals(0, report.exit(), report.out() + report.err());
            assertTrue(report.out().contains("\"tenant_shard_id\"") || report.out().contains(tenant + "-0102"), report.out());
            // Every HTTP client the commands built (controller, pageservers) was closed when the command ended: an open
            // one would keep its selector thread, and a JVM's exit waits for such threads.
            assertEquals(java.util.Set.of(), stillAlive(selectorsBefore), "selector threads left by status and report");

            cluster.advanceClock(Duration.ofMinutes(1));
            Lsn before = cluster.write(tenant, timeline, 8192);
            cluster.advanceClock(Duration.ofMinutes(1));
            String at = cluster.now().toString();
            cluster.advanceClock(Duration.ofMinutes(1));
            cluster.write(tenant, timeline, 8192);
            TimelineId branch = TimelineId.generate();
            String journal = tmp.resolve("pitr.json").toString();
            Run pitr = neonOps("--storcon", url, "--journal", journal, "pitr", "--tenant", tenant.toString(), "--timeline",
                    timeline.toString(), "--at", at, "--into", branch.toString());
            assertEquals(0, pitr.exit(), pitr.out() + pitr.err());
            assertEquals(before, storcon.tenant(tenant).timeline(branch).describe().ancestorLsn().orElseThrow());
            int timelines = storcon.tenant(tenant).timelines().list().size();

            Run again = neonOps("--storcon", url, "--journal", journal, "pitr", "--tenant", tenant.toString(), "--timeline",
                    timeline.toString(), "--at", at, "--into", branch.toString());
            assertEquals(0, again.exit(), again.out() + again.err());
            assertTrue(again.out().contains("nothing left to do: this journal records every step of PointInTimeRecovery as finished"),
                    again.out());
            assertEquals(timelines, storcon.tenant(tenant).timelines().list().size(), "nothing was created twice");
        }
    }

    /** The JDK HTTP clients' selector threads now alive (one per open {@code HttpClient}). */
    static java.util.Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Selector threads started since {@code before} that have not ended within five seconds. */
    static java.util.Set<String> stillAlive(java.util.Set<Thread> before) throws InterruptedException {
        java.util.Set<String> alive = new java.util.TreeSet<>();
        for (Thread t : selectorThreads()) {
            if (!before.contains(t)) {
                t.join(5_000);
                if (t.isAlive()) {
                    alive.add(t.getName());
                }
            }
        }
        return alive;
    }

    @Test
    void timeTravel_refusesUntilTheComputesAreStopped_butPrintsThePlan() {
        String tenant = TenantId.generate().toString();
        Run refused = neonOps("--storcon", "http://127.0.0.1:9", "time-travel", "--tenant", tenant, "--to", "2025-01-01T12:00:00Z");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--computes-stopped"), refused.err());
        Run plan = neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "time-travel", "--tenant", tenant, "--to", "2025-01-01T12:00:00Z");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().contains("time_travel_remote_storage"), plan.out());
    }

    @Test
    void missingController_isAUsageError() {
        Run r = neonOps("status");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--storcon"), r.err());
    }

    @Test
    void aRecipeThatStops_exitsWith3_sayingTheStepAndWhatToDoNext() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(0).registerNodes(true).build().start()) {
            String shard = TenantId.generate() + "-0102";
            Run r = neonOps("--storcon", cluster.storageController().toString(), "migrate", "--shard", shard, "--node", "9");
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("ShardMove stopped at step 'check'") && r.err().contains("GET /control/v1/node/{node_id}"), r.err());
            assertTrue(r.err().contains("next: nothing changed"), r.err());
        }
    }

    @Test
    void aJournalInTheOldTextFormat_isRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("drain.json");
        Files.writeString(old, "{\"recipe\":\"NodeEvacuation\",\"fingerprint\":\"node=2\",\"steps\":{\"drain\":\"drained\"},\"values\":{}}");
        Run r = neonOps("--storcon", "http://127.0.0.1:9", "--journal", old.toString(), "drain", "--node", "2");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(old.toString()) && r.err().contains("older neon-client"), r.err());
    }

    @Test
    void aSecondRunOnTheSameNode_withAPostgresJournal_printsWhoHoldsIt_andExitsNonZero() throws Exception {
        try (var pg = io.neonclient.admin.TestPostgres.start()) {
            Journal holder = pg.journal();
            holder.begin("NodeEvacuation", "node 2", "{\"node\": 2}");
            try {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int exit = NeonOps.run(new String[] {"--storcon", "http://127.0.0.1:9", "--journal", pg.url(), "drain", "--node", "2"},
                        new PrintWriter(out, true), new PrintWriter(err, true), Map.of("PGPASSWORD", io.neonclient.admin.TestPostgres.PASSWORD));
                assertEquals(2, exit, out + "" + err);
                String who = System.getProperty("user.name") + "@";
                assertTrue(err.toString().contains("is held by " + who) && err.toString().contains(" pid " + ProcessHandle.current().pid() + " since ")
                        && err.toString().contains("subject 'node 2'"), err.toString());
                assertFalse((out + "" + err).contains(io.neonclient.admin.TestPostgres.PASSWORD));
                // The jdbc: form reaches the same row.
                Run jdbc = neonOpsWithPassword(pg, "--storcon", "http://127.0.0.1:9", "--journal",
                        "jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres?user=neon", "drain", "--node", "2");
                assertEquals(2, jdbc.exit(), jdbc.err());
                assertTrue(jdbc.err().contains("is held by " + who), jdbc.err());
            } finally {
                holder.close();
            }
        }
    }

    static Run neonOpsWithPassword(io.neonclient.admin.TestPostgres pg, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("PGPASSWORD", io.neonclient.admin.TestPostgres.PASSWORD));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aSecondRunOnTheSameJournalFile_printsWhoHoldsIt_andExitsNonZero(@TempDir Path dir) {
        Path file = dir.resolve("drain.json");
        Journal holder = Journal.file(file);
        holder.begin("NodeEvacuation", "node 2", "{\"node\": 2}");
        try {
            Run r = neonOps("--storcon", "http://127.0.0.1:9", "--journal", file.toString(), "drain", "--node", "2");
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains(file.toString()) && r.err().contains("is held by " + System.getProperty("user.name") + "@"), r.err());
        } finally {
            holder.close();
        }
    }

    @Test
    void journalUrls_withAPasswordOrAnotherScheme_areRefused_withoutPrintingTheSecret() {
        Run withPassword = neonOps("--storcon", "http://127.0.0.1:9", "--journal", "postgresql://neon:hunter2@127.0.0.1:5432/db", "drain",
                "--node", "2");
        assertEquals(2, withPassword.exit());
        assertTrue(withPassword.err().contains("--journal") && withPassword.err().contains("must not hold a password")
                && withPassword.err().contains("PGPASSWORD"), withPassword.err());
        assertFalse((withPassword.out() + withPassword.err()).contains("hunter2"), withPassword.err());
        Run mysql = neonOps("--storcon", "http://127.0.0.1:9", "--journal", "mysql://neon@127.0.0.1/db", "drain", "--node", "2");
        assertEquals(2, mysql.exit());
        assertTrue(mysql.err().contains("--journal: 'mysql://' is not a journal"), mysql.err());
        Run noDb = neonOps("--storcon", "http://127.0.0.1:9", "--journal", "postgresql://neon@127.0.0.1:5432", "drain", "--node", "2");
        assertEquals(2, noDb.exit());
        assertTrue(noDb.err().contains("needs a host and a database name"), noDb.err());
    }

    @Test
    void aTimeTravelResumedFromAnUnreadableJournal_isRefusedNamingTheFile_neverReportingNothingChanged(@TempDir Path dir) throws Exception {
        String tenant = TenantId.generate().toString();
        for (String text : new String[] {"", "null", "[]", "{\"recipe\": \"TimeTravel\"}", "{\"journal_format\": 2, \"recipe\""}) {
            Path file = dir.resolve("travel.json");
            Files.writeString(file, text);
            Run r = neonOps("--storcon", "http://127.0.0.1:9", "--journal", file.toString(), "time-travel", "--yes", "--tenant", tenant,
                    "--to", "2025-01-01T12:00:00Z", "--computes-stopped");
            assertEquals(2, r.exit(), text + ": " + r.out() + r.err());
            assertTrue(r.err().contains(file.toString()) && r.err().contains("cannot be resumed"), r.err());
            assertFalse((r.out() + r.err()).contains("nothing changed"), r.out() + r.err());
            assertEquals(text, Files.readString(file), "never reset");
        }
    }
}
