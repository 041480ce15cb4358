package io.neonclient.admin;

/**
 * A step failed; the recipe stops and throws {@link io.neonclient.core.RecipeFailedException}.
 *
 * @param step       the step
 * @param error      what went wrong (the exception's one-line message)
 * @param nextAction where the cluster stands now and how to continue, e.g.
 *                   {@code tenant … is detached; re-run with the same journal to finish, or re-attach with …}
 */
public record StepFailed(Step<?> step, String error, String nextAction) implements RecipeEvent {
    @Override
    public String toJson() {
        return StepValues.eventLine("step_failed", step, n -> n.put("error", error).put("next_action", nextAction));
    }

    @Override
    public String toString() {
        return "      FAILED: " + error + "\n      next: " + nextAction;
    }
}
