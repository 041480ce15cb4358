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
    // PgdataBucket: the S3 pre-check of PgdataImport (not in any public signature)
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.http;

    exports io.neonclient.admin;
    exports io.neonclient.admin.backup;

    opens io.neonclient.admin to com.fasterxml.jackson.databind;
    opens io.neonclient.admin.backup to com.fasterxml.jackson.databind;
}
