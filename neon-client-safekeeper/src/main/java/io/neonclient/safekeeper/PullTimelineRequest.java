package io.neonclient.safekeeper;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v1/pull_timeline}: copy a timeline from peers onto this safekeeper (upstream
 * {@code PullTimelineRequest}, {@code libs/safekeeper_api/src/models.rs}).
 *
 * @param tenantId  the tenant
 * @param timelineId the timeline
 * @param httpHosts peers' HTTP base URLs, e.g. {@code http://safekeeper-1:7676}
 * @param mconf     the membership to install, if any
 */
public record PullTimelineRequest(TenantId tenantId, TimelineId timelineId, List<String> httpHosts, Optional<Membership> mconf) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field and copies lists and maps (unmodifiable). */
    public PullTimelineRequest {
        if (tenantId == null || timelineId == null) {
            throw new NullPointerException("pull_timeline needs tenantId and timelineId");
        }
        if (httpHosts == null || httpHosts.isEmpty()) {
            throw new IllegalArgumentException("pull_timeline needs at least one peer in httpHosts");
        }
        for (String h : httpHosts) {
            if (h == null || !(h.startsWith("http://") || h.startsWith("https://"))) {
                throw new IllegalArgumentException("httpHosts entries must be http(s):// URLs, got '" + h + "'");
            }
        }
        httpHosts = List.copyOf(httpHosts);
        mconf = mconf == null ? Optional.empty() : mconf;
    }
}
