package io.neonclient.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link NeonTestCluster} for each test and injects it into {@code NeonTestCluster} test parameters
 * and non-static fields; the cluster is closed after the test. Put it on the class, or on a method to override.
 *
 * <pre>{@code
 * @NeonCluster(pageservers = 2, safekeepers = 3)
 * class FailoverIT {
 *     @Test
 *     void failsOver(NeonTestCluster cluster) { ... }
 * }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NeonClusterExtension.class)
public @interface NeonCluster {
    /** How many pageservers to start. */
    int pageservers() default 1;

    /** How many safekeepers to start. */
    int safekeepers() default 1;

    /** How much faster than the wall clock the cluster's own clock runs (reconciles, heartbeats, leases). */
    double timeScale() default 100;

    /** Require tokens on every route, as upstream does with auth on; clients get them from {@code cluster.clientConfig()}. */
    boolean auth() default false;

    /** Register the pageservers and safekeepers with the controller at start. */
    boolean registerNodes() default false;

    /** Seed of the random source behind probabilistic faults and latency jitter, so a faulty run can be repeated. */
    long seed() default 0;
}
