package io.neonclient.admin;

import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.WaitInterruptedException;
import io.neonclient.core.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A recipe's steps, in order, and the record of inputs that makes two runs "the same run". {@link #run} skips the
 * steps a {@link Journal} shows as finished (handing their journaled values to later steps), runs the others,
 * journals each value as JSON as soon as its step finishes, and on a failure reports {@link StepFailed} and throws
 * {@link RecipeFailedException} with the step's own account of where the cluster stands.
 */
public final class Plan {
    private final String name;
    private final Record inputs;
    private final String subject;
    private final String inputsJson;
    private final List<Step<?>> steps;

    private Plan(Builder b) {
        this.name = b.name;
        this.inputs = b.inputs;
        this.inputsJson = Json.encodeToString(b.inputs);
        this.subject = b.subject == null ? "inputs " + inputsJson : b.subject;
        this.steps = List.copyOf(b.steps);
    }

    /**
     * Starts a plan.
     *
     * @param name   the recipe's name, e.g. {@code TimeTravel}
     * @param inputs what makes two runs the same run (tenant, target time, …), as a record the journal keeps as JSON
     */
    public static Builder builder(String name, Record inputs) {
        return new Builder(name, inputs);
    }

    /** The recipe's name. */
    public String name() {
        return name;
    }

    /** The inputs given to {@link #builder}. */
    public Record inputs() {
        return inputs;
    }

    /**
     * What the recipe acts on, e.g. {@code tenant 9933…}, {@code shard 9933…-0102} or {@code node 3}: a shared
     * {@link Journal} lets one run of a recipe per subject proceed at a time. Defaults to the inputs' JSON.
     */
    public String subject() {
        return subject;
    }

    /** The steps in order; sends nothing. */
    public List<Step<?>> steps() {
        return steps;
    }

    /**
     * Runs the steps {@code journal} does not show as finished, in order, reporting events to {@code listener}.
     * A listener that throws stops the run there, as a crash would. The run holds {@code journal} from start to end
     * ({@link Journal#begin}, {@link Journal#close}) and records its completion in it.
     *
     * @throws RecipeFailedException at the first failing step, with the step's account of what to do next
     * @throws IllegalStateException if another run holds {@code journal}, if it records another run or is damaged, or
     *                               if it records a value that no longer reads as its step's type
     */
    public RecipeResult run(Journal journal, Consumer<? super RecipeEvent> listener) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(listener, "listener");
        journal.begin(name, subject, inputsJson);
        try {
            RecipeResult result = runSteps(journal, listener);
            journal.recordCompleted();
            return result;
        } finally {
            journal.close();
        }
    }

    private RecipeResult runSteps(Journal journal, Consumer<? super RecipeEvent> listener) {
        long start = System.nanoTime();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step<?> step = steps.get(i);
            var recorded = journal.finished(step.name());
            if (recorded.isPresent()) {
                Object value = recorded(journal, step, recorded.get());
                values.put(step.name(), value);
                listener.accept(new StepSkipped(step, value, true));
                continue;
            }
            listener.accept(new StepStarted(step, i + 1, steps.size()));
            values.put(step.name(), runStep(step, journal, listener, values));
        }
        return new RecipeResult(name, values, Duration.ofNanos(System.nanoTime() - start));
    }

    private Object recorded(Journal journal, Step<?> step, String json) {
        try {
            return StepValues.decode(step.key(), json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(journal + ": step " + e.getMessage() + ". It was written by another version of " + name
                    + "; resume it with that version, or move it away and start again with a new journal", e);
        }
    }

    private <T> T runStep(Step<T> step, Journal journal, Consumer<? super RecipeEvent> listener, Map<String, Object> values) {
        StepContext context = new StepContext(name, step, journal, listener, Collections.unmodifiableMap(values));
        long stepStart = System.nanoTime();
        T value;
        boolean skipped;
        String json;
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted before the step started");
            }
            var done = step.alreadyDone(context);
            skipped = done.isPresent();
            T raw = skipped ? done.get() : step.run(context);
            json = StepValues.encode(step.key(), raw);
            // Later steps see what a resumed run would read back from the journal, not the object in hand.
            value = StepValues.decode(step.key(), json);
        } catch (RuntimeException failure) {
            String next = step.nextAction(failure);
            String why = failure instanceof WaitInterruptedException || Thread.currentThread().isInterrupted()
                    ? "interrupted: " + failure.getMessage() : failure.getMessage();
            listener.accept(new StepFailed(step, why, next));
            throw new RecipeFailedException(name, step.name(), next, failure);
        }
        journal.recordFinished(step.name(), json);
        listener.accept(skipped ? new StepSkipped(step, value, false)
                : new StepFinished(step, Duration.ofNanos(System.nanoTime() - stepStart), value));
        return value;
    }

    @Override
    public String toString() {
        return name + steps.stream().map(Step::name).toList();
    }

    /** Collects the steps of a {@link Plan}. */
    public static final class Builder {
        private final String name;
        private final Record inputs;
        private final List<Step<?>> steps = new ArrayList<>();
        private String subject;

        private Builder(String name, Record inputs) {
            this.name = Objects.requireNonNull(name, "name");
            this.inputs = Objects.requireNonNull(inputs, "inputs");
        }

        /**
         * What the recipe acts on, as an operator says it: {@code tenant 9933…}, {@code node 3}. A shared journal keys
         * its runs by recipe name and subject.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public Builder subject(String subject) {
            Objects.requireNonNull(subject, "subject");
            if (subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank, expected e.g. 'tenant <id>' or 'node <id>'");
            }
            this.subject = subject;
            return this;
        }

        /**
         * Adds a step.
         *
         * @throws IllegalArgumentException if the plan already has a step of that name
         */
        public Builder step(Step<?> step) {
            Objects.requireNonNull(step, "step");
            if (steps.stream().anyMatch(s -> s.name().equals(step.name()))) {
                throw new IllegalArgumentException("step name '" + step.name() + "' is used twice in " + name);
            }
            steps.add(step);
            return this;
        }

        /**
         * Adds {@code Step.of(key, description, body).ifFailed(ifFailed)}.
         *
         * @param ifFailed where the cluster stands if this step fails, and how to continue
         */
        public <T> Builder step(Step.Key<T> key, String description, Step.Body<T> body, String ifFailed) {
            return step(Step.of(key, description, body).ifFailed(ifFailed));
        }

        /** The plan; throws {@link IllegalStateException} when no step was added. */
        public Plan build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException(name + " has no steps");
            }
            return new Plan(this);
        }
    }
}
