package io.neonclient.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One step of a {@link Plan}: a name, a description that says what it does and the call it sends (printable before
 * anything runs), and the code: an optional skip check (is the work already done?), an optional precondition (may
 * the work be done?), and a body that does it and returns a typed value. The value is journaled as JSON, handed to
 * later steps ({@link StepContext#result}) and to the caller ({@link RecipeResult#value}).
 *
 * <pre>{@code
 * static final Step.Key<Lsn> FIND_LSN = Step.key("find-lsn", Lsn.class);
 * Step<Lsn> findLsn = Step.of(FIND_LSN, "Find the LSN of 12:00 (GET …/get_lsn_by_timestamp)", ctx -> lookUp())
 *         .ifFailed("nothing changed");
 * }</pre>
 *
 * @param <T> the type of the step's value
 */
public final class Step<T> {

    /** The work of a step: returns its value (never null), or throws to stop the recipe. */
    @FunctionalInterface
    public interface Body<T> {
        T run(StepContext context);
    }

    /** Looks, before the body runs, whether the work is already done: the step's value if so (the body is skipped). */
    @FunctionalInterface
    public interface SkipCheck<T> {
        Optional<T> alreadyDone(StepContext context);
    }

    /** Throws (e.g. {@link IllegalStateException}) when the body must not run; sends no write. */
    @FunctionalInterface
    public interface Precondition {
        void check(StepContext context);
    }

    /**
     * A typed name for a step's value, shared by the step, later steps ({@link StepContext#result}), the caller
     * ({@link RecipeResult#value}) and notes ({@link StepContext#remember}). Make one with {@link Step#key} or
     * {@link Step#listKey}; two keys are equal when name and type are.
     */
    public static final class Key<T> {
        private final String name;
        private final Class<?> type;
        private final Class<?> element;

        private Key(String name, Class<?> type, Class<?> element) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z0-9][a-z0-9_.:-]*")) {
                throw new IllegalArgumentException("step name must be lower-case letters, digits and _.:-, got '" + name + "'");
            }
            this.name = name;
            this.type = type;
            this.element = element;
        }

        /** The name, e.g. {@code find-lsn}. */
        public String name() {
            return name;
        }

        Class<?> type() {
            return type;
        }

        /** The element type of a {@link Step#listKey}, null otherwise. */
        Class<?> element() {
            return element;
        }

        /** {@code value} as this key's type, or an {@link IllegalArgumentException} saying what it holds instead. */
        @SuppressWarnings("unchecked")
        T cast(Object value) {
            boolean fits = type.isInstance(value)
                    && (element == null || ((List<?>) value).stream().allMatch(element::isInstance));
            if (!fits) {
                throw new IllegalArgumentException("'" + name + "' holds " + (value == null ? "nothing" : value.getClass().getSimpleName()
                        + " " + value) + ", not " + typeName());
            }
            return (T) value;
        }

        String typeName() {
            return element == null ? type.getSimpleName() : "List<" + element.getSimpleName() + ">";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key<?> k && k.name.equals(name) && k.type.equals(type) && Objects.equals(k.element, element);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type, element);
        }

        /** {@code name: Type}, e.g. {@code find-lsn: Lsn}. */
        @Override
        public String toString() {
            return name + ": " + typeName();
        }
    }

    private static final String DEFAULT_ADVICE = "re-run with the same journal to retry this step (finished steps are skipped)";

    private final Key<T> key;
    private final String description;
    private final Body<T> body;
    private final SkipCheck<T> skipCheck;
    private final Precondition precondition;
    private final Function<RuntimeException, String> ifFailed;

    private Step(Key<T> key, String description, Body<T> body, SkipCheck<T> skipCheck, Precondition precondition,
                 Function<RuntimeException, String> ifFailed) {
        this.key = key;
        this.description = description;
        this.body = body;
        this.skipCheck = skipCheck;
        this.precondition = precondition;
        this.ifFailed = ifFailed;
    }

    /**
     * A key for a step whose value is a {@code type}: a record, an id or value type ({@code Lsn}, {@code TimelineId},
     * {@code Instant}), a {@code String}, {@code Boolean} or {@code Integer}. Lists go in a record or {@link #listKey}.
     *
     * @param name lower-case letters, digits and {@code _.:-}, unique in the plan, e.g. {@code find-lsn}
     * @throws IllegalArgumentException when {@code name} is malformed
     */
    public static <T> Key<T> key(String name, Class<T> type) {
        return new Key<>(name, Objects.requireNonNull(type, "type"), null);
    }

    /** A key for a step whose value is a list of {@code element}s (journaled as a JSON array). */
    public static <E> Key<List<E>> listKey(String name, Class<E> element) {
        return new Key<>(name, List.class, Objects.requireNonNull(element, "element"));
    }

    /** A step that runs {@code body}; by default a failure advises re-running with the same journal. */
    public static <T> Step<T> of(Key<T> key, String description, Body<T> body) {
        return new Step<>(Objects.requireNonNull(key, "key"), Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(body, "body"), null, null, failure -> DEFAULT_ADVICE);
    }

    /** Runs {@code check} first; when it returns a value the body is skipped and that value is the step's. */
    public Step<T> skipWhen(SkipCheck<T> check) {
        return new Step<>(key, description, body, Objects.requireNonNull(check, "check"), precondition, ifFailed);
    }

    /** Runs {@code precondition} after the skip check and before the body; when it throws, the body does not run. */
    public Step<T> requires(Precondition precondition) {
        return new Step<>(key, description, body, skipCheck, Objects.requireNonNull(precondition, "precondition"), ifFailed);
    }

    /** Where the cluster stands if this step fails, and how to continue (the {@code nextAction} of the failure). */
    public Step<T> ifFailed(String nextAction) {
        Objects.requireNonNull(nextAction, "nextAction");
        return ifFailed(failure -> nextAction);
    }

    /** Like {@link #ifFailed(String)}, for advice that depends on the failure. */
    public Step<T> ifFailed(Function<RuntimeException, String> nextAction) {
        return new Step<>(key, description, body, skipCheck, precondition, Objects.requireNonNull(nextAction, "nextAction"));
    }

    /** The key of this step's value. */
    public Key<T> key() {
        return key;
    }

    /** The step's name, e.g. {@code detach}: stable across versions, used by the journal. */
    public String name() {
        return key.name();
    }

    /** What the step does and the call it sends. */
    public String description() {
        return description;
    }

    Optional<T> alreadyDone(StepContext context) {
        return skipCheck == null ? Optional.empty() : Objects.requireNonNull(skipCheck.alreadyDone(context), "skip check result");
    }

    T run(StepContext context) {
        if (precondition != null) {
            precondition.check(context);
        }
        T value = body.run(context);
        if (value == null) {
            throw new IllegalStateException("step '" + name() + "' returned null; a step returns a value (a record, an id, a count …)");
        }
        return value;
    }

    String nextAction(RuntimeException failure) {
        String advice = ifFailed.apply(failure);
        return advice == null || advice.isBlank() ? DEFAULT_ADVICE : advice;
    }

    @Override
    public String toString() {
        return name() + ": " + description;
    }
}
