/**
 * neon-client testkit: an embedded, stateful Neon cluster (storage controller, pageservers, safekeepers and
 * compute_ctl instances) that speaks upstream's HTTP API on loopback ports. Entry point:
 * {@link io.neonclient.testkit.NeonTestCluster}; JUnit 5 users annotate with {@link io.neonclient.testkit.NeonCluster}.
 */
module io.neonclient.testkit {
    requires transitive io.neonclient.core;
    requires transitive io.neonclient.storcon;
    requires transitive io.neonclient.pageserver;
    requires io.neonclient.compute;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires jdk.httpserver;
    requires static transitive org.junit.jupiter.api;

    exports io.neonclient.testkit;
}
