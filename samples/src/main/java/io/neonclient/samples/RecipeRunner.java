package io.neonclient.samples;

import io.neonclient.admin.NodeRestarter;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.RecipeEvent;
import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.StepFailed;
import io.neonclient.admin.StepFinished;
import io.neonclient.admin.StepSkipped;
import io.neonclient.admin.StepStarted;
import io.neonclient.admin.StillWaiting;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a recipe's plan, or runs it printing its events. */
final class RecipeRunner {
    private RecipeRunner() {}

    /**
     * The restarter of {@code --restart-command}: {@link NodeRestarter#command} of the template, or
     * {@link NodeRestarter#askOperator()} without one; a bad template is a usage error before anything is sent.
     */
    static NodeRestarter restarter(String restartCommand, CommandSpec spec) {
        if (restartCommand == null) {
            return NodeRestarter.askOperator();
        }
        try {
            return NodeRestarter.command(restartCommand);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--restart-command: " + e.getMessage());
        }
    }

    static int planOrRun(Recipe recipe, boolean dryRun, PrintWriter out) {
        if (dryRun) {
            out.println(recipe.name() + " plan (nothing sent):");
            int i = 1;
            for (var step : recipe.steps()) {
                out.printf("  %d. %s%n", i++, step.description());
            }
            return 0;
        }
        // A RecipeFailedException reaches NeonOps' handler, which prints where the recipe stopped and exits with 3.
        run(recipe, out);
        return 0;
    }

    static RecipeResult run(Recipe recipe, PrintWriter out) {
        out.println("== " + recipe.name());
        Printer printer = new Printer(out);
        RecipeResult result = recipe.run(printer::print);
        if (printer.started == 0 && printer.fromJournal > 0) {
            // Say so rather than exit 0 silently: every step was already recorded as finished in this journal.
            out.println("== nothing left to do: this journal records every step of " + recipe.name() + " as finished; to run"
                    + " the procedure again, give a new --journal (or none)");
        }
        out.printf("== %s done in %.1fs%n", recipe.name(), result.took().toMillis() / 1000.0);
        return result;
    }

    /** Prints events; repeated waiting lines are shown when the reason changes or every few seconds. */
    static final class Printer {
        private final PrintWriter out;
        private String lastReason = "";
        private Duration lastShown = Duration.ZERO;
        int started;
        int fromJournal;

        Printer(PrintWriter out) {
            this.out = out;
        }

        void print(RecipeEvent event) {
            switch (event) {
                case StepStarted s -> {
                    started++;
                    lastReason = "";
                    lastShown = Duration.ZERO;
                    out.println(s);
                }
                case StillWaiting w -> {
                    if (!w.reason().equals(lastReason) || w.elapsed().minus(lastShown).toSeconds() >= 5) {
                        out.println(w);
                        lastReason = w.reason();
                        lastShown = w.elapsed();
                    }
                }
                case StepFinished f -> out.println(f);
                case StepSkipped s -> {
                    if (s.fromJournal()) {
                        fromJournal++;
                    }
                    out.println(s);
                }
                case StepFailed f -> out.println(f);
            }
            out.flush();
        }
    }
}
