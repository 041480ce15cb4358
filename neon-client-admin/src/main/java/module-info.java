/**
 * neon-client admin: the recipes ({@code io.neonclient.admin}) that carry out the operators' runbook procedures on
 * top of the storage controller, pageserver, safekeeper and compute clients: the {@code Plan}/{@code Journal}
 * engine, the recipes themselves, and what only recipes need (the compute registry and the compute hook receiver).
 */
module io.neonclient.admin {
    requires transitive io.neonclient.core;
    requires com.fasterxml.jackson.databind;
    requires transitive io.neonclient.storcon;
    requires transitive io.neonclient.pageserver;
    requires transitive io.neonclient.safekeeper;
    requires transitive io.neonclient.compute;
    requires jdk.httpserver;
    requires org.slf4j;
    // ComputeHook.Builder.meterRegistry takes the caller's Prometheus registry
    requires transitive micrometer.registry.prometheus;
    requires micrometer.core;
    requires java.sql;
    requires org.postgresql.jdbc;

    exports io.neonclient.admin;

    opens io.neonclient.admin to com.fasterxml.jackson.databind;
}
