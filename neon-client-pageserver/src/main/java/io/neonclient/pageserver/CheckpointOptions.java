package io.neonclient.pageserver;

/**
 * Query flags of {@code PUT …/timeline/{timeline_id}/checkpoint} (parsed in {@code timeline_checkpoint_handler},
 * upstream {@code pageserver/src/http/routes.rs}; the route exists only in pageservers built with the
 * {@code testing} feature, others answer 400). Values equal to the server's defaults are not sent.
 *
 * @param forceL0Compaction       compact L0 layers even below the threshold
 * @param forceRepartition        recompute the key partitioning
 * @param forceImageLayerCreation create image layers even below the threshold
 * @param compact                 compact after flushing (server default true)
 * @param waitUntilFlushed        answer only after the flush (server default true)
 * @param waitUntilUploaded       answer only after uploads finished (server default false)
 */
public record CheckpointOptions(boolean forceL0Compaction, boolean forceRepartition, boolean forceImageLayerCreation,
                                boolean compact, boolean waitUntilFlushed, boolean waitUntilUploaded) {

    /** The server's defaults: flush, compact, wait for the flush. */
    public static CheckpointOptions defaults() {
        return new CheckpointOptions(false, false, false, true, true, false);
    }

    /** A copy with {@code compact}. */
    public CheckpointOptions withCompact(boolean on) {
        return new CheckpointOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, on, waitUntilFlushed, waitUntilUploaded);
    }

    /** A copy with {@code wait_until_uploaded}. */
    public CheckpointOptions withWaitUntilUploaded(boolean on) {
        return new CheckpointOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, compact, waitUntilFlushed, on);
    }

    /** A copy with {@code wait_until_flushed}. */
    public CheckpointOptions withWaitUntilFlushed(boolean on) {
        return new CheckpointOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, compact, on, waitUntilUploaded);
    }

    /** A copy with {@code force_image_layer_creation}. */
    public CheckpointOptions withForceImageLayerCreation(boolean on) {
        return new CheckpointOptions(forceL0Compaction, forceRepartition, on, compact, waitUntilFlushed, waitUntilUploaded);
    }

    /** A copy with {@code force_l0_compaction}. */
    public CheckpointOptions withForceL0Compaction(boolean on) {
        return new CheckpointOptions(on, forceRepartition, forceImageLayerCreation, compact, waitUntilFlushed, waitUntilUploaded);
    }

    /** A copy with {@code force_repartition}. */
    public CheckpointOptions withForceRepartition(boolean on) {
        return new CheckpointOptions(forceL0Compaction, on, forceImageLayerCreation, compact, waitUntilFlushed, waitUntilUploaded);
    }

    void addTo(io.neonclient.core.internal.Request.Builder r) {
        CompactOptions.flag(r, "force_l0_compaction", forceL0Compaction);
        CompactOptions.flag(r, "force_repartition", forceRepartition);
        CompactOptions.flag(r, "force_image_layer_creation", forceImageLayerCreation);
        if (!compact) {
            r.query("compact", false);
        }
        if (!waitUntilFlushed) {
            r.query("wait_until_flushed", false);
        }
        CompactOptions.flag(r, "wait_until_uploaded", waitUntilUploaded);
    }
}
