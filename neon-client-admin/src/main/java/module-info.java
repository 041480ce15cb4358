/**
 * neon-client admin: {@link io.neonclient.safekeeper.SafekeeperClient} for a safekeeper's HTTP API
 * ({@code safekeeper/src/http/routes.rs} upstream) and {@link io.neonclient.compute.ComputeClient} for
 * {@code compute_ctl} ({@code compute_tools/src/http/}), including {@link io.neonclient.compute.ComputeSpec}
 * and its derivation from a tenant's shard placement; and the recipes ({@code io.neonclient.admin}) that carry out the
 * operators' runbook procedures on top of the storage controller, pageserver and compute clients.
 */
module io.neonclient.admin {
    requires transitive io.neonclient.core;
    requires com.fasterxml.jackson.databind;
    requires transitive io.neonclient.storcon;
    requires transitive io.neonclient.pageserver;
    requires jdk.httpserver;
    requires org.slf4j;

    exports io.neonclient.safekeeper;
    exports io.neonclient.compute;
    exports io.neonclient.admin;

    opens io.neonclient.safekeeper to com.fasterxml.jackson.databind;
    opens io.neonclient.compute to com.fasterxml.jackson.databind;
    opens io.neonclient.admin to com.fasterxml.jackson.databind;
}
