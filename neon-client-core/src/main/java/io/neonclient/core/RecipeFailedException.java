package io.neonclient.core;

import java.util.Objects;

/**
 * A recipe (a runbook procedure run step by step by {@code neon-client-admin}) stopped at a step. It says which
 * recipe and step, where the cluster stands and how to continue ({@link #nextAction()}); the cause is what the step
 * hit (often another {@link NeonException}, whose {@link #operation()} and {@link #attempts()} this one repeats).
 * Running the recipe again with the same journal resumes at {@link #step()}.
 */
public final class RecipeFailedException extends NeonException {
    private static final long serialVersionUID = 1L;

    private final String recipe;
    private final String step;
    private final String nextAction;

    /**
     * @param recipe     the recipe's name, e.g. {@code TimeTravel}
     * @param step       the name of the step that failed, e.g. {@code detach}
     * @param nextAction where the cluster stands and what to do next
     * @param cause      what the step hit
     */
    public RecipeFailedException(String recipe, String step, String nextAction, Throwable cause) {
        super(Objects.requireNonNull(recipe, "recipe") + " stopped at step '" + Objects.requireNonNull(step, "step") + "': "
                        + Objects.requireNonNull(cause, "cause").getMessage() + " -- next: " + Objects.requireNonNull(nextAction, "nextAction"),
                cause instanceof NeonException n ? n.operation() : null, cause instanceof NeonException n ? n.attempts() : 0, cause);
        this.recipe = recipe;
        this.step = step;
        this.nextAction = nextAction;
    }

    /** The recipe's name, e.g. {@code TimeTravel}. */
    public String recipe() {
        return recipe;
    }

    /** The name of the step that failed, e.g. {@code detach}. */
    public String step() {
        return step;
    }

    /** Where the cluster stands now and how to continue, e.g. {@code tenant … is detached; re-run with the same journal}. */
    public String nextAction() {
        return nextAction;
    }
}
