package io.neonclient.admin;

import java.util.List;
import java.util.function.Consumer;

/**
 * A runbook procedure as one safe, observable, resumable call. {@link #steps()} is the plan and sends nothing;
 * {@link #run(Consumer)} carries it out, reporting {@link RecipeEvent}s. Each step checks its precondition and is
 * safe to repeat, and a {@link Journal} records finished steps (and the values they chose, such as an LSN), so
 * running the same recipe again with the same journal resumes where a crashed or interrupted run stopped.
 */
public interface Recipe {

    /** The procedure's name, e.g. {@code TimeTravel}. */
    String name();

    /** The plan, in order. Sends no request. */
    List<Step> steps();

    /**
     * Runs the steps the journal does not show as finished.
     *
     * @throws RecipeFailedException at the first step that fails, saying where the cluster stands and what to do next
     */
    RecipeResult run(Consumer<? super RecipeEvent> listener);
}
