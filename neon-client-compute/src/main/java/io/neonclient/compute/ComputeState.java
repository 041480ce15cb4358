package io.neonclient.compute;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer of {@code GET /status} and of {@code POST /configure} (mirrors {@code ComputeStatusResponse} in upstream
 * {@code libs/compute_api/src/responses.rs}).
 *
 * @param startTime  when compute_ctl started
 * @param tenant     the tenant it serves, once configured
 * @param timeline   the timeline it serves, once configured
 * @param status     the lifecycle state
 * @param lastActive last user activity
 * @param error      why it failed, when {@code status} is {@link ComputeStatus#FAILED}
 */
public record ComputeState(Instant startTime, Optional<TenantId> tenant, Optional<TimelineId> timeline, ComputeStatus status,
                           Optional<Instant> lastActive, Optional<String> error) {
    public ComputeState {
        status = status == null ? ComputeStatus.UNKNOWN : status;
    }
}
