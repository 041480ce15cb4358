package io.neonclient.pageserver;

/**
 * Query flags of {@code PUT …/timeline/{timeline_id}/compact} (parsed in {@code timeline_compact_handler}, upstream
 * {@code pageserver/src/http/routes.rs}); a flag is sent only when set.
 *
 * @param forceL0Compaction                compact L0 layers even below the threshold
 * @param forceRepartition                 recompute the key partitioning
 * @param forceImageLayerCreation          create image layers even below the threshold
 * @param enhancedGcBottomMostCompaction   run the GC-compaction of the bottom-most layers
 * @param dryRun                           compute but do not write
 * @param waitUntilUploaded                answer only after uploads finished
 * @param waitUntilScheduledCompactionDone answer only after the scheduled compaction ran
 */
public record CompactOptions(boolean forceL0Compaction, boolean forceRepartition, boolean forceImageLayerCreation,
                             boolean enhancedGcBottomMostCompaction, boolean dryRun, boolean waitUntilUploaded,
                             boolean waitUntilScheduledCompactionDone) {

    /** No flags: the server's defaults. */
    public static CompactOptions defaults() {
        return new CompactOptions(false, false, false, false, false, false, false);
    }

    /** A copy with {@code force_image_layer_creation}. */
    public CompactOptions withForceImageLayerCreation(boolean on) {
        return new CompactOptions(forceL0Compaction, forceRepartition, on, enhancedGcBottomMostCompaction, dryRun, waitUntilUploaded, waitUntilScheduledCompactionDone);
    }

    /** A copy with {@code force_l0_compaction}. */
    public CompactOptions withForceL0Compaction(boolean on) {
        return new CompactOptions(on, forceRepartition, forceImageLayerCreation, enhancedGcBottomMostCompaction, dryRun, waitUntilUploaded, waitUntilScheduledCompactionDone);
    }

    /** A copy with {@code force_repartition}. */
    public CompactOptions withForceRepartition(boolean on) {
        return new CompactOptions(forceL0Compaction, on, forceImageLayerCreation, enhancedGcBottomMostCompaction, dryRun, waitUntilUploaded, waitUntilScheduledCompactionDone);
    }

    /** A copy with {@code enhanced_gc_bottom_most_compaction}. */
    public CompactOptions withEnhancedGcBottomMostCompaction(boolean on) {
        return new CompactOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, on, dryRun, waitUntilUploaded, waitUntilScheduledCompactionDone);
    }

    /** A copy with {@code dry_run}. */
    public CompactOptions withDryRun(boolean on) {
        return new CompactOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, enhancedGcBottomMostCompaction, on, waitUntilUploaded, waitUntilScheduledCompactionDone);
    }

    /** A copy with {@code wait_until_uploaded}. */
    public CompactOptions withWaitUntilUploaded(boolean on) {
        return new CompactOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, enhancedGcBottomMostCompaction, dryRun, on, waitUntilScheduledCompactionDone);
    }

    /** A copy with {@code wait_until_scheduled_compaction_done}. */
    public CompactOptions withWaitUntilScheduledCompactionDone(boolean on) {
        return new CompactOptions(forceL0Compaction, forceRepartition, forceImageLayerCreation, enhancedGcBottomMostCompaction, dryRun, waitUntilUploaded, on);
    }

    void addTo(io.neonclient.core.internal.Request.Builder r) {
        flag(r, "force_l0_compaction", forceL0Compaction);
        flag(r, "force_repartition", forceRepartition);
        flag(r, "force_image_layer_creation", forceImageLayerCreation);
        flag(r, "enhanced_gc_bottom_most_compaction", enhancedGcBottomMostCompaction);
        flag(r, "dry_run", dryRun);
        flag(r, "wait_until_uploaded", waitUntilUploaded);
        flag(r, "wait_until_scheduled_compaction_done", waitUntilScheduledCompactionDone);
    }

    static void flag(io.neonclient.core.internal.Request.Builder r, String name, boolean on) {
        if (on) {
            r.query(name, true);
        }
    }
}
