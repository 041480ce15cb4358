package io.neonclient.compute;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code GET /status} and of {@code POST /configure} (mirrors {@code ComputeStatusResponse} in upstream
 * {@code libs/compute_api/src/responses.rs}). Upstream declares {@code tenant} and {@code timeline} as free strings
 * ({@code Option<String>}, filled from the spec in {@code compute_tools/src/http/routes/mod.rs}), so they are kept as
 * received and {@link #tenantId()} / {@link #timelineId()} give the typed ids when the text is one: a compute whose
 * spec carries something else still reports its status instead of failing to decode.
 *
 * @param startTime  when compute_ctl started
 * @param tenant     the tenant it serves, as sent, once configured
 * @param timeline   the timeline it serves, as sent, once configured
 * @param status     the lifecycle state
 * @param lastActive last user activity
 * @param error      why it failed, when {@code status} is {@code failed}
 */
public record ComputeState(Instant startTime, Optional<String> tenant, Optional<String> timeline, ComputeStatus status,
                           Optional<Instant> lastActive, Optional<String> error) {
    /** Checks the components: refuses a null component, naming it. */
    public ComputeState {
        Objects.requireNonNull(status, "status");
        tenant = tenant == null ? Optional.empty() : tenant;
        timeline = timeline == null ? Optional.empty() : timeline;
        lastActive = lastActive == null ? Optional.empty() : lastActive;
        error = error == null ? Optional.empty() : error;
    }

    /** The tenant as a {@link TenantId}; empty when not configured or when {@link #tenant()} is not a tenant id. */
    public Optional<TenantId> tenantId() {
        return tenant.filter(ComputeState::isHexId).map(TenantId::parse);
    }

    /** The timeline as a {@link TimelineId}; empty when not configured or when {@link #timeline()} is not a timeline id. */
    public Optional<TimelineId> timelineId() {
        return timeline.filter(ComputeState::isHexId).map(TimelineId::parse);
    }

    private static boolean isHexId(String s) {
        if (s.length() != 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
