/**
 * neon-client storage controller: {@link io.neonclient.storcon.StorageControllerClient}, the typed client of the
 * Neon storage controller's HTTP API ({@code storage_controller/src/http.rs} upstream), its request and response
 * records, and the operation handles ({@link io.neonclient.storcon.ShardMigration}, {@link io.neonclient.storcon.NodeOperation}, …)
 * whose {@code await} waits on the states upstream's own tools wait on.
 */
module io.neonclient.storcon {
    requires transitive io.neonclient.core;
    requires transitive io.neonclient.model;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;

    exports io.neonclient.storcon;

    opens io.neonclient.storcon to com.fasterxml.jackson.databind;
}
