package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's synthetic size, the billing size that mixes logical snapshots and retained WAL: the answer of
 * {@code GET /v1/tenant/{tenant_shard_id}/synthetic_size} on a pageserver (shard zero) and, passed through to shard
 * zero, of {@code GET /v1/tenant/{tenant_id}/synthetic_size} on the controller ({@code TenantHistorySize} of
 * {@code tenant_size_handler} in upstream {@code pageserver/src/http/routes.rs}, with the per-timeline
 * {@code TimelineInputs} of {@code pageserver/src/tenant/size.rs}).
 *
 * @param tenantId  the tenant ({@code id})
 * @param size      the size in bytes; empty when only the inputs were asked for ({@code inputs_only=true})
 * @param timelines what the calculation read of each timeline ({@code inputs.timeline_inputs})
 */
public record SyntheticSize(TenantId tenantId, Optional<Long> size, List<Inputs> timelines) {

    /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
    public SyntheticSize {
        Objects.requireNonNull(tenantId, "tenantId");
        size = size == null ? Optional.empty() : size;
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
    }

    /** Reads the wire shape, where the timeline inputs sit under {@code inputs.timeline_inputs}. */
    @JsonCreator
    static SyntheticSize fromWire(@JsonProperty("id") TenantId id, @JsonProperty("size") Optional<Long> size,
            @JsonProperty("inputs") WireInputs inputs) {
        return new SyntheticSize(id, size, inputs == null ? List.of() : inputs.timelineInputs());
    }

    /** {@code ModelInputs} of upstream {@code pageserver/src/tenant/size.rs}; its segments are not read. */
    record WireInputs(List<Inputs> timelineInputs) { }

    /**
     * One timeline's inputs to the size model ({@code TimelineInputs} in upstream {@code pageserver/src/tenant/size.rs}).
     *
     * @param timelineId     the timeline
     * @param ancestorId     its parent; empty for a root timeline
     * @param ancestorLsn    the branch point on the parent ({@code 0/0} for a root)
     * @param lastRecord     the last record LSN
     * @param latestGcCutoff the GC cutoff last applied
     * @param nextPitrCutoff the cutoff the PITR window sets for the next GC
     * @param leasePoints    LSNs held by live leases
     */
    public record Inputs(TimelineId timelineId, Optional<TimelineId> ancestorId, Lsn ancestorLsn, Lsn lastRecord,
                         Lsn latestGcCutoff, Lsn nextPitrCutoff, List<Lsn> leasePoints) {
        /** Checks the components: refuses a null component, naming it, and copies lists and maps (unmodifiable). */
        public Inputs {
            Objects.requireNonNull(timelineId, "timelineId");
            ancestorId = ancestorId == null ? Optional.empty() : ancestorId;
            ancestorLsn = ancestorLsn == null ? Lsn.ZERO : ancestorLsn;
            Objects.requireNonNull(lastRecord, "lastRecord");
            latestGcCutoff = latestGcCutoff == null ? Lsn.ZERO : latestGcCutoff;
            nextPitrCutoff = nextPitrCutoff == null ? Lsn.ZERO : nextPitrCutoff;
            leasePoints = leasePoints == null ? List.of() : List.copyOf(leasePoints);
        }
    }
}
