package io.neonclient.admin;

/**
 * A step began.
 *
 * @param step   the step
 * @param number 1-based position in the plan
 * @param total  number of steps in the plan
 */
public record StepStarted(Step<?> step, int number, int total) implements RecipeEvent {
    @Override
    public String toJson() {
        return StepValues.eventLine("step_started", step, n -> n.put("number", number).put("total", total).put("description", step.description()));
    }

    @Override
    public String toString() {
        return "[" + number + "/" + total + "] " + step.description();
    }
}
