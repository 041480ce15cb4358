package io.neonclient.admin;

import java.time.Duration;

/**
 * A step finished.
 *
 * @param step   the step
 * @param took   how long it took
 * @param result what it did or found, e.g. {@code detached (404 from the controller)}
 */
public record StepFinished(Step step, Duration took, String result) implements RecipeEvent {
    @Override
    public String toString() {
        return "      done in " + String.format(java.util.Locale.ROOT, "%.1fs", took.toMillis() / 1000.0) + ": " + result;
    }
}
