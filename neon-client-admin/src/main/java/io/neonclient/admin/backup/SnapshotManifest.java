package io.neonclient.admin.backup;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import java.util.Objects;

/**
 * What a snapshot covers and what it does not, written into its catalog entry so that an operator reading the catalog
 * (or the exported metadata) sees the limits of the copy next to the copy.
 *
 * @param covers       what can be restored from the snapshot
 * @param doesNotCover what is lost with the bucket, or lives outside the timeline and needs a copy of its own
 */
public record SnapshotManifest(List<String> covers, List<String> doesNotCover) {

    public SnapshotManifest {
        covers = List.copyOf(Objects.requireNonNull(covers, "covers"));
        doesNotCover = List.copyOf(Objects.requireNonNull(doesNotCover, "doesNotCover"));
    }

    /** The manifest of a branch of {@code source} at {@code lsn}, kept as timeline {@code snapshot}. */
    public static SnapshotManifest of(TenantId tenant, TimelineId source, Lsn lsn, TimelineId snapshot) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(snapshot, "snapshot");
        return new SnapshotManifest(List.of(
                "the data of timeline " + source + " of tenant " + tenant + " as of LSN " + lsn
                        + " (every database, role and table inside that Postgres), kept as branch " + snapshot
                        + " on the pageservers and in remote storage"),
                List.of("a lost or damaged remote-storage bucket: it holds every branch, this snapshot included (a logical dump"
                                + " with neon-ops backup dump is the copy that survives it)",
                        "the storage controller's database: tenants, placement policies and shard layout (neon-ops backup"
                                + " export-metadata writes what the SDK can read)",
                        "compute specs, and the roles and settings the control plane pushes to computes",
                        "JWT signing keys and tokens",
                        "other timelines of the tenant, and WAL written after LSN " + lsn));
    }
}
