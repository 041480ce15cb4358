package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal's identity is what the operator gave: PITR without {@code --into} generates the new timeline's id, which
 * the journal records as a note of the branch step, so a run killed inside that step resumes with the same id.
 */
class PitrJournalIdentityIT {

    @Test
    void pitrWithoutABranchId_killedDuringTheBranchStep_resumesTheSameBranch_withAJournalFile(@TempDir Path dir) throws Exception {
        try (ComputeCluster env = ComputeCluster.start(2)) {
            env.advance(Duration.ofMinutes(1));
            Lsn before = env.write(32 * 1024);
            env.advance(Duration.ofMinutes(1));
            Instant at = env.now();
            env.advance(Duration.ofMinutes(1));
            env.write(32 * 1024);
            Path file = dir.resolve("pitr.json");

            RecipeHarness.runUntilCrash(pitr(env, at, file), new RecipeHarness.Crash(RecipeHarness.finished("branch")));
            // The kill came a moment earlier: the branch was created, its id noted, but the step's value not written.
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(file));
            ((ObjectNode) root.get("steps")).remove("branch");
            Files.write(file, Json.MAPPER.writeValueAsBytes(root));
            assertFalse(root.get("inputs").path("branch").isTextual(), "no generated id among the inputs: " + root.get("inputs"));
            TimelineId noted = TimelineId.parse(root.at("/notes/branch~1id").asText());
            List<TimelineId> afterCrash = PointInTimeRecoveryIT.timelines(env);
            assertEquals(java.util.Set.of(env.timeline, noted), java.util.Set.copyOf(afterCrash), "the crashed run created the noted branch");

            List<RecipeEvent> events = new ArrayList<>();
            RecipeResult r = pitr(env, at, file).run(events::add);
            assertEquals(noted, r.value(PointInTimeRecovery.BRANCH));
            assertEquals(afterCrash, PointInTimeRecoveryIT.timelines(env), "no second branch");
            PointInTimeRecoveryIT.assertBranchedWithCompute(env, noted, before);
        }
    }

    static PointInTimeRecovery pitr(ComputeCluster env, Instant at, Path file) {
        return PointInTimeRecovery.of(env.storcon, env.tenant, env.timeline).at(at).withComputes(env.computes)
                .withWaitPolicy(RecipeHarness.WAIT).withJournal(Journal.file(file));
    }
}
