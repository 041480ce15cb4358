package io.neonclient.admin;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finished recipe: each step's typed value, including those of steps an earlier run finished.
 *
 * <pre>{@code
 * RecipeResult r = pitr.run(System.out::println);
 * Lsn at = r.value(PointInTimeRecovery.VERIFY);                  // typed by the step's key
 * Lsn same = r.value("verify", Lsn.class);                       // or by name and type
 * }</pre>
 *
 * @param recipe the recipe's name
 * @param values each step's value by step name, in plan order
 * @param took   time of this run
 */
public record RecipeResult(String recipe, Map<String, Object> values, Duration took) {

    public RecipeResult {
        Objects.requireNonNull(recipe, "recipe");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        Objects.requireNonNull(took, "took");
    }

    /**
     * The value of the step with this key.
     *
     * @throws IllegalArgumentException if the plan has no such step, or its value is of another type
     */
    public <T> T value(Step.Key<T> key) {
        Objects.requireNonNull(key, "key");
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException(recipe + " has no step '" + key.name() + "'; its steps are " + values.keySet());
        }
        return key.cast(values.get(key.name()));
    }

    /** The value of the step named {@code step}, as a {@code type}; see {@link #value(Step.Key)}. */
    public <T> T value(String step, Class<T> type) {
        return value(Step.key(Objects.requireNonNull(step, "step"), type));
    }
}
