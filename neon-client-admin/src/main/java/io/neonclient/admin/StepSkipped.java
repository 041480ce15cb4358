package io.neonclient.admin;

/**
 * A step was not run because the journal shows an earlier run finished it.
 *
 * @param step   the step
 * @param result what that earlier run recorded
 */
public record StepSkipped(Step step, String result) implements RecipeEvent {
    @Override
    public String toString() {
        return "      (done in an earlier run: " + result + ") " + step.description();
    }
}
