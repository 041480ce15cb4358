package io.neonclient.samples.recipes;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.ComputeRegistry;
import io.neonclient.admin.Journal;
import io.neonclient.admin.Placements;
import io.neonclient.admin.RecipeEvent;
import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.StepFinished;
import io.neonclient.admin.StepSkipped;
import io.neonclient.admin.StillWaiting;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.model.Timeline;
import io.neonclient.testkit.NeonTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample recipe on the testkit: a tenant of 2 shards with a root timeline and branches {@code leaf} (idle),
 * {@code parent} → {@code child} (idle) and {@code served} (a compute runs on it). Only {@code leaf} and {@code child}
 * may be archived; the checks read the end state from the controller and from each pageserver.
 */
class ArchiveIdleBranchesIT {
    NeonTestCluster cluster;
    StorageControllerClient storcon;
    ComputeRegistry computes;
    final TenantId tenant = TenantId.generate();
    final TimelineId root = TimelineId.generate();
    final TimelineId leaf = TimelineId.generate();
    final TimelineId parent = TimelineId.generate();
    final TimelineId child = TimelineId.generate();
    final TimelineId served = TimelineId.generate();

    /** Thrown by a listener to stand for the process dying. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(RecipeEvent at) {
            super("killed at " + at);
        }
    }

    @BeforeEach
    void tenantWithBranches() {
        cluster = NeonTestCluster.builder().pageservers(2).safekeepers(1).registerNodes(true).build().start();
        storcon = cluster.storageControllerClient();
        Waiter.await("pageservers Active", storcon.config().waitPolicy(), () -> storcon.nodes().list(),
                nodes -> nodes.stream().allMatch(n -> n.availability() == NodeAvailability.ACTIVE)
                        ? WaitVerdict.done() : WaitVerdict.pending(nodes.toString()));
        storcon.tenants().create(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
                .await(Duration.ofSeconds(30));
        var timelines = storcon.tenant(tenant).timelines();
        timelines.create(CreateTimelineRequest.bootstrap(root, 16));
        cluster.write(tenant, root, 8192);
        for (TimelineId branch : List.of(leaf, parent, served)) {
            timelines.create(CreateTimelineRequest.branch(branch, root));
        }
        timelines.create(CreateTimelineRequest.branch(child, parent));
        computes = new ComputeRegistry(spec -> ComputeClient.create(cluster.newCompute().uri().toString()), ComputeCtlConfig.empty());
        computes.start(ComputeSpec.minimal(tenant, served).withPlacement(Placements.of(storcon, tenant)));
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    ArchiveIdleBranches recipe(Path journal) {
        return ArchiveIdleBranches.of(storcon, computes, tenant).withJournal(Journal.file(journal));
    }

    /** Archived as the controller (shard 0) and every shard's pageserver report it. */
    List<TimelineId> archivedEverywhere() {
        List<TimelineId> out = new ArrayList<>();
        for (Timeline t : storcon.tenant(tenant).timelines().list()) {
            boolean onController = t.isArchived().orElse(false);
            boolean onEveryShard = storcon.tenant(tenant).describe().shards().stream().allMatch(s -> cluster
                    .pageserverClient(s.attachedNode().orElseThrow().value()).timeline(s.id(), t.timelineId()).describe().isArchived().orElse(false));
            assertEquals(onController, onEveryShard, "the controller and the pageservers agree on " + t.timelineId());
            if (onController) {
                out.add(t.timelineId());
            }
        }
        return out.stream().sorted(Comparator.comparing(TimelineId::toString)).toList();
    }

    static List<TimelineId> sorted(TimelineId... ids) {
        return Arrays.stream(ids).sorted(Comparator.comparing(TimelineId::toString)).toList();
    }

    @Test
    void run_archivesTheIdleLeaves_only(@TempDir Path dir) {
        ArchiveIdleBranches archive = recipe(dir.resolve("archive.json"));
        assertEquals(List.of("candidates", "archive", "verify"), archive.steps().stream().map(s -> s.name()).toList());
        assertEquals(List.of(), archivedEverywhere(), "the plan sends nothing");

        RecipeResult r = archive.run(e -> { });
        assertEquals(sorted(leaf, child), r.value(ArchiveIdleBranches.CANDIDATES));
        assertEquals(new ArchiveIdleBranches.Verified(r.value(ArchiveIdleBranches.ARCHIVE), 2), r.value(ArchiveIdleBranches.VERIFY));
        assertEquals(sorted(leaf, child), archivedEverywhere());
    }

    @Test
    void killedInsideTheArchiveStep_theRunResumesFromTheJournal_andArchivesTheRest(@TempDir Path dir) {
        // tag::resume[]
        Path journal = dir.resolve("archive.json");
        Consumer<RecipeEvent> dieAfterTheFirst = e -> {
            if (e instanceof StillWaiting w && w.step().name().equals("archive")) {
                throw new Killed(e);
            }
        };
        var failure = assertThrows(RecipeFailedException.class, () -> recipe(journal).run(dieAfterTheFirst));
        assertEquals("archive", failure.step());
        assertInstanceOf(Killed.class, failure.getCause());
        List<TimelineId> before = archivedEverywhere();
        assertEquals(1, before.size(), "one branch was archived before the kill: " + before);

        // A new process: a new recipe instance and the journal read back from the file.
        List<RecipeEvent> events = new ArrayList<>();
        RecipeResult r = recipe(journal).run(events::add);
        assertInstanceOf(StepSkipped.class, events.get(0), "the candidates come from the journal, typed");
        assertEquals(sorted(leaf, child), ((StepSkipped) events.get(0)).value());
        assertEquals(2, r.value(ArchiveIdleBranches.ARCHIVE).size());
        assertEquals(before.get(0), r.value(ArchiveIdleBranches.ARCHIVE).get(0), "the branch archived before the kill is not sent again");
        assertEquals(sorted(leaf, child), archivedEverywhere());
        assertEquals(1, events.stream().filter(e -> e instanceof StillWaiting).count(), "only the remaining branch was archived now");
        // end::resume[]
    }

    @Test
    void killedAfterPicking_aComputeStartedMeanwhileKeepsItsBranch(@TempDir Path dir) {
        Path journal = dir.resolve("archive.json");
        Consumer<RecipeEvent> dieAfterPicking = e -> {
            if (e instanceof StepFinished f && f.step().name().equals("candidates")) {
                throw new Killed(e);
            }
        };
        assertThrows(Killed.class, () -> recipe(journal).run(dieAfterPicking));
        assertEquals(List.of(), archivedEverywhere());

        computes.start(ComputeSpec.minimal(tenant, leaf).withPlacement(Placements.of(storcon, tenant)));
        RecipeResult r = recipe(journal).run(e -> { });
        assertEquals(sorted(leaf, child), r.value(ArchiveIdleBranches.CANDIDATES), "the journal keeps what was picked");
        assertEquals(List.of(child), r.value(ArchiveIdleBranches.ARCHIVE), "but a branch that got a compute is left alone");
        assertEquals(List.of(child), archivedEverywhere());
    }

    @Test
    void aTenantTheControllerDoesNotKnow_isRefusedBeforeAnythingIsSent(@TempDir Path dir) {
        var failure = assertThrows(RecipeFailedException.class,
                () -> ArchiveIdleBranches.of(storcon, computes, TenantId.generate()).withJournal(Journal.file(dir.resolve("j.json"))).run(e -> { }));
        assertEquals("candidates", failure.step());
        assertEquals("nothing changed", failure.nextAction());
        assertTrue(failure.getMessage().contains("unknown to the controller"), failure.getMessage());
    }
}
