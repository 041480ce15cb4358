package io.neonclient.admin;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the storage controller told the control plane when a PGDATA import finished: the body of its
 * {@code PUT /import_complete} ({@code ImportCompleteRequest} in upstream {@code storage_controller/src/timeline_import.rs},
 * {@code {"tenant_id", "timeline_id", "error"}}), with the time it was received.
 *
 * @param tenantId   the importing tenant
 * @param timelineId the imported timeline
 * @param error      the controller's error when the import failed; empty when it succeeded
 * @param receivedAt when the notification arrived (the controller repeats it until it gets a 2xx; the first one counts)
 */
public record ImportOutcome(TenantId tenantId, TimelineId timelineId, Optional<String> error, Instant receivedAt) {
    public ImportOutcome {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(timelineId, "timelineId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Whether the import succeeded (the notification carried no error). */
    public boolean succeeded() {
        return error.isEmpty();
    }
}
