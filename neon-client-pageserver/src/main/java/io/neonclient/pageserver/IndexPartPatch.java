package io.neonclient.pageserver;

import io.neonclient.core.Lsn;
import io.neonclient.model.RelSizeMigration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST …/timeline/{timeline_id}/patch_index_part} changes in a timeline's index part: upstream
 * {@code TimelinePatchIndexPartRequest} ({@code libs/pageserver_api/src/models.rs}). An absent field is left as it is.
 * Start from {@link #none()} and add with the {@code withX} methods; upstream warns that some patches are unsafe
 * (lowering the GC cutoff without the data, going back to the legacy rel-size format).
 *
 * @param relSizeMigration             the rel-size format state to record
 * @param relSizeMigratedAt            the LSN the migration completed at (only with {@code relSizeMigration})
 * @param gcCompactionLastCompletedLsn the last LSN gc-compaction completed at
 * @param appliedGcCutoffLsn           the GC cutoff to record as applied
 * @param forceIndexUpdate             upload the index part even if nothing changed
 */
public record IndexPartPatch(Optional<RelSizeMigration> relSizeMigration, Optional<Lsn> relSizeMigratedAt,
                             Optional<Lsn> gcCompactionLastCompletedLsn, Optional<Lsn> appliedGcCutoffLsn,
                             boolean forceIndexUpdate) {
    /**
     * Checks the patch before anything is sent.
     *
     * @throws IllegalArgumentException when {@code relSizeMigratedAt} is given without {@code relSizeMigration} (upstream
     *                                  refuses it with 400)
     */
    public IndexPartPatch {
        Objects.requireNonNull(relSizeMigration, "relSizeMigration");
        Objects.requireNonNull(relSizeMigratedAt, "relSizeMigratedAt");
        Objects.requireNonNull(gcCompactionLastCompletedLsn, "gcCompactionLastCompletedLsn");
        Objects.requireNonNull(appliedGcCutoffLsn, "appliedGcCutoffLsn");
        if (relSizeMigratedAt.isPresent() && relSizeMigration.isEmpty()) {
            throw new IllegalArgumentException("relSizeMigratedAt needs relSizeMigration (updating rel_size_migrated_at "
                    + "without rel_size_migration is not allowed)");
        }
    }

    /** Changes nothing (and does not force an upload). */
    public static IndexPartPatch none() {
        return new IndexPartPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** A copy recording {@code migration}, and no migration LSN. */
    public IndexPartPatch withRelSizeMigration(RelSizeMigration migration) {
        return new IndexPartPatch(Optional.of(Objects.requireNonNull(migration, "migration")), Optional.empty(),
                gcCompactionLastCompletedLsn, appliedGcCutoffLsn, forceIndexUpdate);
    }

    /** A copy recording {@code migration}, completed at {@code migratedAt}. */
    public IndexPartPatch withRelSizeMigration(RelSizeMigration migration, Lsn migratedAt) {
        return new IndexPartPatch(Optional.of(Objects.requireNonNull(migration, "migration")),
                Optional.of(Objects.requireNonNull(migratedAt, "migratedAt")), gcCompactionLastCompletedLsn, appliedGcCutoffLsn,
                forceIndexUpdate);
    }

    /** A copy setting gc-compaction's last completed LSN. */
    public IndexPartPatch withGcCompactionLastCompletedLsn(Lsn lsn) {
        return new IndexPartPatch(relSizeMigration, relSizeMigratedAt, Optional.of(Objects.requireNonNull(lsn, "lsn")),
                appliedGcCutoffLsn, forceIndexUpdate);
    }

    /** A copy setting the applied GC cutoff. */
    public IndexPartPatch withAppliedGcCutoffLsn(Lsn lsn) {
        return new IndexPartPatch(relSizeMigration, relSizeMigratedAt, gcCompactionLastCompletedLsn,
                Optional.of(Objects.requireNonNull(lsn, "lsn")), forceIndexUpdate);
    }

    /** A copy that forces (or not) an index upload. */
    public IndexPartPatch withForceIndexUpdate(boolean force) {
        return new IndexPartPatch(relSizeMigration, relSizeMigratedAt, gcCompactionLastCompletedLsn, appliedGcCutoffLsn, force);
    }

    /** The wire body: every Option field written, null when absent, as serde does. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rel_size_migration", relSizeMigration.orElse(null));
        body.put("rel_size_migrated_at", relSizeMigratedAt.orElse(null));
        body.put("gc_compaction_last_completed_lsn", gcCompactionLastCompletedLsn.orElse(null));
        body.put("applied_gc_cutoff_lsn", appliedGcCutoffLsn.orElse(null));
        body.put("force_index_update", forceIndexUpdate);
        return body;
    }
}
