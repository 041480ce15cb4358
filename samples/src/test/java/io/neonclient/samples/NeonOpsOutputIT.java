package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.samples.NeonOpsIT.Run;
import io.neonclient.testkit.NeonTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads and scripts read: global options anywhere, JSON output, advice in the CLI's terms, resume commands. */
class NeonOpsOutputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Run neonOps(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void globalOptions_workAfterTheCommandToo_andEveryCommandsHelpShowsThem() throws Exception {
        Run before = NeonOpsIT.neonOps("--storcon", "http://127.0.0.1:9", "--dry-run", "--output", "json", "drain", "--node", "2");
        Run after = NeonOpsIT.neonOps("drain", "--node", "2", "--dry-run", "--storcon", "http://127.0.0.1:9", "--output", "json");
        assertEquals(0, after.exit(), after.err());
        assertEquals(before.out(), after.out());
        JsonNode plan = JSON.readTree(after.out());
        assertEquals("NodeEvacuation", plan.path("recipe").asText());
        assertEquals("drain", plan.path("steps").path(0).path("step").asText());

        for (String command : new String[] {"status", "report", "migrate", "drain", "rolling-restart", "remove-node", "time-travel", "pitr"}) {
            Run help = NeonOpsIT.neonOps(command, "--help");
            assertEquals(0, help.exit(), command + ": " + help.err());
            for (String option : new String[] {"--storcon", "--journal", "--dry-run", "--output"}) {
                assertTrue(help.out().contains(option), command + " --help lacks " + option + ":\n" + help.out());
            }
        }
    }

    @Test
    void status_asJson_usesTheControllersFieldNames() throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start()) {
            Run r = NeonOpsIT.neonOps("status", "--output", "json", "--storcon", cluster.storageController().toString());
            assertEquals(0, r.exit(), r.err());
            JsonNode status = JSON.readTree(r.out());
            assertTrue(status.path("ready").asBoolean(), r.out());
            assertEquals(2, status.path("pageservers").size(), r.out());
            assertEquals(1, status.path("pageservers").path(0).path("id").asLong(), r.out());
            assertTrue(status.path("pageservers").path(0).has("listen_pg_port"), r.out());
            assertTrue(status.path("tenants").isArray(), r.out());
        }
    }

    @Test
    void aMissingOrRefusedToken_isAdvisedByTheVariableThatHoldsIt() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(1).safekeepers(0).auth(true).registerNodes(true).build().start()) {
            String url = cluster.storageController().toString();
            Run missing = neonOps(Map.of(), "status", "--storcon", url);
            assertEquals(2, missing.exit(), missing.err());
            assertTrue(missing.err().contains("401"), missing.err());
            assertTrue(missing.err().contains("advice: set NEON_ADMIN_TOKEN to a token with scope 'admin'"), missing.err());

            String pageserverToken = cluster.token(Scope.PAGESERVER_API);
            Run wrong = neonOps(Map.of("NEON_ADMIN_TOKEN", pageserverToken), "status", "--storcon", url);
            assertEquals(2, wrong.exit(), wrong.err());
            assertTrue(wrong.err().contains("advice: the token in NEON_ADMIN_TOKEN was refused"), wrong.err());
            assertFalse(wrong.err().contains(pageserverToken), "the token is never printed");

            Run ok = neonOps(Map.of("NEON_ADMIN_TOKEN", cluster.token(Scope.ADMIN)), "status", "--storcon", url);
            assertEquals(0, ok.exit(), ok.err());
        }
    }

    @Test
    void anUnreachableController_isAdvisedAsSuch_notAsABadTarget(@TempDir Path dir) {
        String journal = dir.resolve("move.json").toString();
        Run r = NeonOpsIT.neonOps("--storcon", "http://127.0.0.1:9", "--journal", journal, "migrate", "--shard", TenantId.generate() + "-0102",
                "--node", "1");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("next: nothing changed; the check could not read node 1"), r.err());
        assertFalse(r.err().contains("pick an Active target"), r.err());
        assertTrue(r.err().contains("advice: the storage controller could not be reached: check --storcon"), r.err());
        assertTrue(r.err().contains("resume: neon-ops --storcon http://127.0.0.1:9 --journal " + journal + " migrate"), r.err());
    }

    @Test
    void aRecipeRun_asJson_printsOneEventPerLine_endingWithRecipeFinished() throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start()) {
            awaitActive(cluster);
            Run r = NeonOpsIT.neonOps("--storcon", cluster.storageController().toString(), "--output", "json", "drain", "--node", "2",
                    "--restart-command", "curl -fsS -X POST " + cluster.storageController() + "/testkit/v1/pageserver/{id}/stop && curl -fsS -X POST "
                            + cluster.storageController() + "/testkit/v1/pageserver/{id}/start");
            assertEquals(0, r.exit(), r.out() + r.err());
            List<JsonNode> events = new ArrayList<>();
            for (String line : r.out().split("\n")) {
                events.add(JSON.readTree(line));
            }
            assertEquals("step_started", events.getFirst().path("event").asText(), r.out());
            assertEquals("drain", events.getFirst().path("step").asText(), r.out());
            assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("step_finished") && e.path("step").asText().equals("fill")), r.out());
            JsonNode last = events.getLast();
            assertEquals("recipe_finished", last.path("event").asText(), r.out());
            assertEquals("NodeEvacuation", last.path("recipe").asText(), r.out());
        }
    }

    @Test
    void anInterruptedRun_printsTheStepItStoppedIn_andTheCommandThatResumesIt(@TempDir Path dir) throws Exception {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start()) {
            awaitActive(cluster);
            String journal = dir.resolve("drain.json").toString();
            String java = ProcessHandle.current().info().command().orElse("java");
            // Without --restart-command the recipe waits for the operator's restart: the run is interrupted there.
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NeonOps.class.getName(),
                    "--storcon", cluster.storageController().toString(), "drain", "--node", "2", "--journal", journal)
                    .redirectErrorStream(true).start();
            try {
                StringBuilder seen = new StringBuilder();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith("[2/4]")) {
                        break;
                    }
                }
                p.toHandle().destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks for both (Process.destroy would close the pipe)
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                String transcript = seen + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(transcript.contains("neon-ops: interrupted in NodeEvacuation during step 'restart'"), transcript);
                assertTrue(transcript.contains("resume: neon-ops --storcon " + cluster.storageController() + " drain --node 2 --journal " + journal),
                        transcript);
                assertTrue(Files.readString(Path.of(journal)).contains("\"drain\""), "the journal holds the finished drain");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void destructiveCommands_inAScript_needYes_andSendNothingWithoutIt() {
        try (NeonTestCluster cluster = NeonTestCluster.builder().pageservers(2).safekeepers(0).registerNodes(true).build().start()) {
            Run refused = NeonOpsIT.neonOps("--storcon", cluster.storageController().toString(), "remove-node", "--node", "2");
            assertEquals(2, refused.exit(), refused.err());
            assertTrue(refused.err().contains("remove-node drains pageserver 2 and deletes it from the controller: pass --yes to confirm"),
                    refused.err());
            assertEquals(2, cluster.storageControllerClient().nodes().list().size(), "nothing was sent");
            Run plan = NeonOpsIT.neonOps("--storcon", cluster.storageController().toString(), "--dry-run", "remove-node", "--node", "2");
            assertEquals(0, plan.exit(), "a dry run needs no confirmation: " + plan.err());
        }
    }

    @Test
    void completion_isABashScriptCoveringEveryCommand() throws Exception {
        Run r = NeonOpsIT.neonOps("completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F"), r.out().lines().limit(5).toList().toString());
        for (String command : new String[] {"node", "tenant", "timeline", "drain", "rolling-restart", "report", "bootstrap", "repair-routing",
                "emergency-recovery"}) {
            assertTrue(r.out().contains(command), command);
        }
        // bash itself reads it without a syntax error
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        bash.getOutputStream().write(r.out().getBytes(StandardCharsets.UTF_8));
        bash.getOutputStream().close();
        String complaints = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), complaints);
    }

    @Test
    void commandsWithoutAJsonForm_refuseOutputJson_ratherThanIgnoreIt() {
        for (String[] args : new String[][] {{"completion", "--output", "json"}, {"--output", "json", "demo"},
                {"--output=json", "compute-hook", "--listen", "127.0.0.1:0", "--registry", "/nonexistent/computes.json"}}) {
            Run r = NeonOpsIT.neonOps(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.out());
            assertTrue(r.err().contains("has no JSON form: drop --output json"), r.err());
            assertEquals("", r.out(), "nothing ran");
        }
    }

    /** Registered pageservers are Offline until their first heartbeat. */
    static void awaitActive(NeonTestCluster cluster) {
        var storcon = cluster.storageControllerClient();
        Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                        ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()));
    }
}
