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

    /** Prints the plan as text when {@code planOnly}, else runs the recipe printing its events as text (no resume hint). */
    static int planOrRun(Recipe recipe, boolean planOnly, PrintWriter out) {
        if (planOnly) {
            out.println(recipe.name() + " plan (nothing sent):");
            int i = 1;
            for (var step : recipe.steps()) {
                out.printf("  %d. %s%n", i++, step.description());
            }
            return 0;
        }
        run(recipe, out);
        return 0;
    }

    /** With {@code --dry-run} prints the plan (as JSON with {@code --output json}); otherwise runs the recipe. */
    static int planOrRun(Recipe recipe, NeonOps ops, PrintWriter out) {
        if (ops.dryRun) {
            if (ops.json()) {
                var plan = CliJson.MAPPER.createObjectNode().put("recipe", recipe.name()).put("dry_run", true);
                var steps = plan.putArray("steps");
                recipe.steps().forEach(s -> steps.addObject().put("step", s.name()).put("description", s.description()));
                out.println(plan);
                return 0;
            }
            return planOrRun(recipe, true, out);
        }
        // A RecipeFailedException reaches NeonOps' handler, which prints where the recipe stopped and exits with 3.
        run(recipe, ops, out);
        return 0;
    }

    /**
     * Runs the recipe printing its events, as text or one JSON object per line. While it runs, an interrupt (Ctrl-C,
     * SIGTERM) prints the step it stopped in and the exact command that resumes it before the process exits.
     */
    static RecipeResult run(Recipe recipe, NeonOps ops, PrintWriter out) {
        PrintWriter err = ops.spec.commandLine().getErr();
        return run(recipe, out, ops.json(), printer -> {
            err.println();
            err.println("neon-ops: interrupted in " + recipe.name() + (printer.current == null ? "" : " during step '" + printer.current + "'"));
            err.println(ops.resumeHint());
            err.flush();
        });
    }

    /** Runs the recipe printing its events as text (the demo's way: no journal to resume from). */
    static RecipeResult run(Recipe recipe, PrintWriter out) {
        return run(recipe, out, false, null);
    }

    private static RecipeResult run(Recipe recipe, PrintWriter out, boolean json, java.util.function.Consumer<Printer> onInterrupt) {
        if (!json) {
            out.println("== " + recipe.name());
        }
        Printer printer = new Printer(out, json);
        Thread hook = onInterrupt == null ? null : new Thread(() -> onInterrupt.accept(printer), "neon-ops-resume-hint");
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        RecipeResult result;
        try {
            result = recipe.run(printer::print);
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it says how to resume
                }
            }
        }
        boolean nothingLeft = printer.started == 0 && printer.fromJournal > 0;
        if (json) {
            out.println(CliJson.MAPPER.createObjectNode().put("event", "recipe_finished").put("recipe", recipe.name())
                    .put("took_ms", result.took().toMillis()).put("nothing_left_to_do", nothingLeft));
            out.flush();
            return result;
        }
        if (nothingLeft) {
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
        private final boolean json;
        private String lastReason = "";
        private Duration lastShown = Duration.ZERO;
        int started;
        int fromJournal;
        /** The step running now, for the interrupt message. */
        volatile String current;

        Printer(PrintWriter out, boolean json) {
            this.out = out;
            this.json = json;
        }

        void print(RecipeEvent event) {
            current = event instanceof StepStarted || event instanceof StillWaiting ? event.step().name() : null;
            if (json) {
                if (event instanceof StepSkipped s && s.fromJournal()) {
                    fromJournal++;
                } else if (event instanceof StepStarted) {
                    started++;
                }
                out.println(event.toJson());
                out.flush();
                return;
            }
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
