package io.neonclient.admin;

/**
 * A step's body did not run: the journal shows an earlier run finished it ({@code fromJournal}), or its skip check
 * found the work already done.
 *
 * @param step        the step
 * @param value       the step's value: the one the earlier run recorded, or the one the skip check returned
 * @param fromJournal true when an earlier run finished the step
 */
public record StepSkipped(Step<?> step, Object value, boolean fromJournal) implements RecipeEvent {
    @Override
    public String toJson() {
        return StepValues.eventLine("step_skipped", step, n -> n.put("from_journal", fromJournal).set("value", StepValues.valueTree(value)));
    }

    @Override
    public String toString() {
        return "      (" + (fromJournal ? "done in an earlier run" : "already done") + ": " + StepValues.brief(value) + ") "
                + step.description();
    }
}
