package io.neonclient.admin;

import java.time.Duration;
import java.util.List;

/**
 * A finished recipe.
 *
 * @param recipe  the recipe's name
 * @param results each step's recorded result, in plan order (steps finished by an earlier run included)
 * @param took    time of this run
 */
public record RecipeResult(String recipe, List<String> results, Duration took) {
    public RecipeResult {
        results = List.copyOf(results);
    }
}
