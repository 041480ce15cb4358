/**
 * neon-client safekeeper: {@link io.neonclient.safekeeper.SafekeeperClient} for a safekeeper's HTTP API
 * ({@code safekeeper/src/http/routes.rs} upstream): status, utilization, timelines, membership, pull and copy.
 */
module io.neonclient.safekeeper {
    requires transitive io.neonclient.core;
    requires com.fasterxml.jackson.databind;

    exports io.neonclient.safekeeper;

    opens io.neonclient.safekeeper to com.fasterxml.jackson.databind;
}
