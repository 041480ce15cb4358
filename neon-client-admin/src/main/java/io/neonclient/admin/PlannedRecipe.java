package io.neonclient.admin;

import java.util.List;
import java.util.function.Consumer;

/** A recipe whose work is a {@link Plan} run against a {@link Journal}. */
abstract class PlannedRecipe implements Recipe {
    private final String name;
    private Plan plan;
    private final Journal journal;

    PlannedRecipe(String name, Journal journal) {
        this.name = name;
        this.journal = journal;
    }

    /** Set once by the subclass constructor, after its fields are assigned. */
    final void plan(Plan plan) {
        this.plan = plan;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Step> steps() {
        return plan.steps();
    }

    @Override
    public final RecipeResult run(Consumer<? super RecipeEvent> listener) {
        return plan.run(journal, listener);
    }

    final Journal journal() {
        return journal;
    }

    @Override
    public String toString() {
        return name + steps();
    }
}
