package io.neonclient.admin;

import java.time.Duration;
import java.util.Locale;

/**
 * A step finished.
 *
 * @param step  the step
 * @param took  how long it took
 * @param value what it returned, as later steps and the {@link RecipeResult} see it (read back from its journal JSON)
 */
public record StepFinished(Step<?> step, Duration took, Object value) implements RecipeEvent {
    @Override
    public String toJson() {
        return StepValues.eventLine("step_finished", step, n -> n.put("took_ms", took.toMillis()).set("value", StepValues.valueTree(value)));
    }

    @Override
    public String toString() {
        return "      done in " + String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0) + ": " + StepValues.brief(value);
    }
}
