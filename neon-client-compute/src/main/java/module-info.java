/**
 * neon-client compute: {@link io.neonclient.compute.ComputeClient} for {@code compute_ctl}'s HTTP API
 * ({@code compute_tools/src/http/} upstream) and {@link io.neonclient.compute.ComputeSpec}, the spec a compute is
 * configured with, including the shard placement it reads pages from.
 */
module io.neonclient.compute {
    requires transitive io.neonclient.core;
    requires com.fasterxml.jackson.databind;

    exports io.neonclient.compute;

    opens io.neonclient.compute to com.fasterxml.jackson.databind;
}
