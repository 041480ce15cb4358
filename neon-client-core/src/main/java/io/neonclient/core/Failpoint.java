package io.neonclient.core;

import java.util.List;
import java.util.Objects;

/**
 * One failpoint setting, as upstream's servers take it on their failpoint routes ({@code FailpointConfig} of
 * {@code libs/http-utils/src/failpoints.rs}): a failpoint name compiled into a testing build and the {@code fail}
 * crate's action string, e.g. {@code return}, {@code 2*return->off}, {@code 50%return}, {@code sleep(1000)},
 * {@code pause} or {@code off}. Production builds refuse the route (400).
 *
 * @param name    the failpoint, e.g. {@code reconciler-epilogue}
 * @param actions what it does when passed
 */
public record Failpoint(String name, String actions) {

    public Failpoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("failpoint name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (actions == null || actions.isBlank()) {
            throw new IllegalArgumentException("failpoint actions must not be blank (e.g. return, pause, off), got "
                    + (actions == null ? "null" : "'" + actions + "'") + " for " + name);
        }
    }

    /** {@code name} set to {@code actions}. */
    public static Failpoint of(String name, String actions) {
        return new Failpoint(name, actions);
    }

    /** {@code name} switched off. */
    public static Failpoint off(String name) {
        return new Failpoint(name, "off");
    }

    /** The request body: the list itself, checked to name at least one failpoint. */
    public static List<Failpoint> body(List<Failpoint> failpoints) {
        Objects.requireNonNull(failpoints, "failpoints");
        if (failpoints.isEmpty()) {
            throw new IllegalArgumentException("failpoints must name at least one failpoint");
        }
        failpoints.forEach(f -> Objects.requireNonNull(f, "failpoints element"));
        return List.copyOf(failpoints);
    }
}
