package io.neonclient.safekeeper;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;

/**
 * A timeline of a tenant, as {@code GET /v1/tenant/timeline} lists them (upstream {@code TenantTimelineId},
 * {@code libs/utils/src/id.rs}).
 *
 * @param tenantId   the tenant
 * @param timelineId the timeline
 */
public record TenantTimelineId(TenantId tenantId, TimelineId timelineId) {
    /** Refuses a null tenant or timeline id. */
    public TenantTimelineId {
        if (tenantId == null || timelineId == null) {
            throw new NullPointerException("tenantId and timelineId must not be null");
        }
    }
}
