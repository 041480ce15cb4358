package io.neonclient.admin;

import java.time.Duration;

/**
 * A step reports progress: it is waiting for the cluster to reach a state, or is part-way through its work.
 *
 * @param step    the step
 * @param reason  what is not there yet, e.g. {@code shard …-0102: attached on node 2, reconciling}
 * @param elapsed time since the step started
 */
public record StillWaiting(Step<?> step, String reason, Duration elapsed) implements RecipeEvent {
    @Override
    public String toJson() {
        return StepValues.eventLine("still_waiting", step, n -> n.put("reason", reason).put("elapsed_ms", elapsed.toMillis()));
    }

    @Override
    public String toString() {
        return "      ... " + reason + " (" + elapsed.toSeconds() + "s)";
    }
}
