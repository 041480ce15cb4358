/**
 * neon-client pageserver: {@link io.neonclient.pageserver.PageserverClient} for one pageserver's management API
 * ({@code pageserver/src/http/routes.rs} upstream): location configs, tenants, timelines, LSN leases, GC and
 * compaction triggers, secondary warm-up and basebackup import.
 */
module io.neonclient.pageserver {
    requires transitive io.neonclient.core;
    requires transitive io.neonclient.model;
    requires com.fasterxml.jackson.databind;

    exports io.neonclient.pageserver;

    opens io.neonclient.pageserver to com.fasterxml.jackson.databind;
}
