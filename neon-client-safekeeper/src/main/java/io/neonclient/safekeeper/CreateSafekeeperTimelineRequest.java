package io.neonclient.safekeeper;

import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The body of {@code POST /v1/tenant/timeline}, which creates a timeline on one safekeeper (mirrors
 * {@code TimelineCreateRequest} in upstream {@code libs/safekeeper_api/src/models.rs}; the OpenAPI document shows an
 * older path and body). The storage controller normally does this; operators need it when running without one.
 *
 * @param tenantId   the tenant
 * @param timelineId the timeline
 * @param mconf      the initial membership (generation 1 with the safekeepers that will hold it)
 * @param pgVersion  the full Postgres version number, e.g. 160004 (not the major version)
 * @param systemId   the cluster's system identifier, 0 when unknown
 * @param walSegSize WAL segment size; upstream's default (16 MiB) when absent
 * @param startLsn   where the timeline's WAL starts
 * @param commitLsn  a commit LSN above {@code startLsn}, only for manual recovery
 */
public record CreateSafekeeperTimelineRequest(TenantId tenantId, TimelineId timelineId, Membership mconf, long pgVersion,
                                    Optional<BigInteger> systemId, Optional<Long> walSegSize, Lsn startLsn,
                                    Optional<Lsn> commitLsn) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public CreateSafekeeperTimelineRequest {
        if (tenantId == null || timelineId == null || mconf == null || startLsn == null) {
            throw new NullPointerException("safekeeper timeline creation needs tenantId, timelineId, mconf and startLsn");
        }
        if (pgVersion < 140000 || pgVersion > 999999) {
            throw new IllegalArgumentException("pgVersion is the full version number such as 160004, got " + pgVersion);
        }
        systemId = systemId == null ? Optional.empty() : systemId;
        walSegSize = walSegSize == null ? Optional.empty() : walSegSize;
        commitLsn = commitLsn == null ? Optional.empty() : commitLsn;
        if (commitLsn.isPresent() && commitLsn.get().isBefore(startLsn)) {
            throw new IllegalArgumentException("commitLsn " + commitLsn.get() + " must not be before startLsn " + startLsn);
        }
    }

    /** A timeline starting at {@code startLsn}, with the defaults for everything optional. */
    public static CreateSafekeeperTimelineRequest of(TenantId tenantId, TimelineId timelineId, Membership mconf, long pgVersion, Lsn startLsn) {
        return new CreateSafekeeperTimelineRequest(tenantId, timelineId, mconf, pgVersion, Optional.empty(), Optional.empty(), startLsn,
                Optional.empty());
    }
}
