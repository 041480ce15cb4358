package io.neonclient.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which pageserver a {@code PageserverClient} injected by {@link NeonCluster} talks to (default: pageserver 1).
 *
 * <pre>{@code
 * @Test
 * void test(@PageserverId(2) PageserverClient second) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface PageserverId {
    /** The pageserver's node id (1..n). */
    long value();
}
