package io.neonclient.admin;

/**
 * What a running recipe reports to its listener. For each step, in plan order: a {@link StepSkipped} alone when the
 * journal shows an earlier run finished it; otherwise a {@link StepStarted}, any number of {@link StillWaiting}, then
 * {@link StepFinished}, {@link StepSkipped} (its skip check found the work already done) or {@link StepFailed}.
 */
public sealed interface RecipeEvent permits StepStarted, StillWaiting, StepFinished, StepSkipped, StepFailed {

    /** The step this event is about. */
    Step<?> step();

    /**
     * This event as one line of JSON for scripts ({@code neon-ops --output json}): {@code {"event": "step_started" |
     * "still_waiting" | "step_finished" | "step_skipped" | "step_failed", "step": NAME, …}} with the event's fields in
     * snake_case; a step value appears as its wire JSON, without fields named like a token, password or secret.
     */
    String toJson();
}
