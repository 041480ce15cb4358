package io.neonclient.admin;

import java.util.List;
import java.util.function.Consumer;

/**
 * A runbook procedure as one safe, observable, resumable call: a {@link Plan} (the steps and their code) and the
 * {@link Journal} it records into. {@link #steps()} prints the plan and sends nothing; {@link #run(Consumer)} carries
 * it out, reporting {@link RecipeEvent}s. Each step checks the cluster before it acts and is safe to repeat, so
 * running the same recipe again with the same journal resumes where a crashed or interrupted run stopped, with the
 * values earlier steps chose.
 *
 * <p>To write one, implement {@link #plan()} and {@link #journal()}; recipe inputs are a record:
 * <pre>{@code
 * public final class ArchiveIdleBranches implements Recipe {
 *     record Inputs(TenantId tenant) {}
 *     static final Step.Key<List<TimelineId>> CANDIDATES = Step.listKey("candidates", TimelineId.class);
 *     private final Plan plan;
 *     private final Journal journal;
 *     …
 *     plan = Plan.builder("ArchiveIdleBranches", new Inputs(tenant))
 *             .step(Step.of(CANDIDATES, "List branches with no children (GET /v1/tenant/{tenant_id}/timeline)", ctx -> find()))
 *             .step(Step.of(ARCHIVED, "Archive them (PUT …/archival_config)", ctx -> archive(ctx.result(CANDIDATES))))
 *             .build();
 * }
 * }</pre>
 */
public interface Recipe {

    /** The steps and their code. */
    Plan plan();

    /** Where progress is recorded (in memory unless the recipe was given a file). */
    Journal journal();

    /** The procedure's name, e.g. {@code TimeTravel}. */
    default String name() {
        return plan().name();
    }

    /** The plan, in order. Sends no request. */
    default List<Step<?>> steps() {
        return plan().steps();
    }

    /**
     * Runs the steps the journal does not show as finished: {@code plan().run(journal(), listener)}.
     *
     * @throws io.neonclient.core.RecipeFailedException at the first step that fails, saying where the cluster stands
     *                                                  and what to do next
     */
    default RecipeResult run(Consumer<? super RecipeEvent> listener) {
        return plan().run(journal(), listener);
    }
}
