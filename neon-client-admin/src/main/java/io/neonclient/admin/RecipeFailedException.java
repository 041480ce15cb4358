package io.neonclient.admin;

/**
 * A recipe stopped at a step. {@link #nextAction()} says where the cluster stands and how to continue; re-running
 * the recipe with the same {@link Journal} resumes at {@link #step()}.
 */
public final class RecipeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String recipe;
    private final transient Step step;
    private final String nextAction;

    public RecipeFailedException(String recipe, Step step, String nextAction, Throwable cause) {
        super(recipe + " stopped at step '" + step.id() + "': " + (cause == null ? "" : cause.getMessage()) + " -- next: " + nextAction, cause);
        this.recipe = recipe;
        this.step = step;
        this.nextAction = nextAction;
    }

    public String recipe() {
        return recipe;
    }

    public Step step() {
        return step;
    }

    public String nextAction() {
        return nextAction;
    }
}
