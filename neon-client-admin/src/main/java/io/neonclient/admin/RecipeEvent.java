package io.neonclient.admin;

/**
 * What a running recipe reports to its listener, in order: for each step a {@link StepStarted}, any number of
 * {@link StillWaiting}, then {@link StepFinished} or {@link StepFailed}; steps an earlier run finished are
 * reported as {@link StepSkipped}.
 */
public sealed interface RecipeEvent permits StepStarted, StillWaiting, StepFinished, StepSkipped, StepFailed {

    /** The step this event is about. */
    Step step();
}
