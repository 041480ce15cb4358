package io.neonclient.admin;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.Optional;

/**
 * Where a recipe reads the controller's {@code import_complete} notifications from: the compute hook service records
 * them, and so can any receiver an operator runs at the controller's {@code --control-plane-url}.
 */
@FunctionalInterface
public interface ImportOutcomes {
    /**
     * The notification received for this timeline, if any.
     *
     * @param tenantId   the importing tenant
     * @param timelineId the imported timeline
     * @return the first notification received for the pair, or empty when none arrived yet
     */
    Optional<ImportOutcome> find(TenantId tenantId, TimelineId timelineId);
}
