package io.neonclient.admin.backup;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import java.util.Objects;

/**
 * The catalog compared with the cluster ({@link BackupCatalog#reconcile}).
 *
 * @param tenant   the tenant compared
 * @param present  entries whose snapshot branch exists
 * @param gone     entries whose snapshot branch the cluster no longer has (deleted outside the catalog, or erased by a
 *                 time travel): nothing can be restored from them
 * @param strays   branches of the tenant the catalog does not know, other than the sources of its snapshots
 */
public record CatalogReconciliation(TenantId tenant, List<CatalogEntry> present, List<CatalogEntry> gone, List<Stray> strays) {

    public CatalogReconciliation {
        Objects.requireNonNull(tenant, "tenant");
        present = List.copyOf(present);
        gone = List.copyOf(gone);
        strays = List.copyOf(strays);
    }

    /** True when every entry has its branch and no branch is unknown. */
    public boolean clean() {
        return gone.isEmpty() && strays.isEmpty();
    }

    /**
     * A branch the catalog does not know.
     *
     * @param timeline    the branch
     * @param ancestor    its parent
     * @param ancestorLsn its branch point
     * @param archived    whether it is archived (snapshots are, when taken with archiving)
     */
    public record Stray(TimelineId timeline, TimelineId ancestor, Lsn ancestorLsn, boolean archived) {
        public Stray {
            Objects.requireNonNull(timeline, "timeline");
            Objects.requireNonNull(ancestor, "ancestor");
            Objects.requireNonNull(ancestorLsn, "ancestorLsn");
        }

        @Override
        public String toString() {
            return timeline + " branched from " + ancestor + " at " + ancestorLsn + (archived ? " (archived)" : "");
        }
    }
}
