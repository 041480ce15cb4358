package io.neonclient.admin;

import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One compute the {@link ComputeHook} keeps pointed at its shards: which tenant and timeline it serves, where its
 * compute_ctl listens, the spec it last accepted ({@code POST /configure} sends the whole spec back with only the
 * storage fields changed, as upstream {@code control_plane/src/endpoint.rs} reconfigures endpoints) and the error of
 * the last attempt that failed (empty once a later one succeeded). {@link #toString()} never prints the spec's token.
 *
 * @param computeId     the operator's name for the compute (letters, digits, {@code . _ : -}), e.g. {@code compute-1}
 * @param tenantId      the tenant the compute reads
 * @param timelineId    the timeline the compute runs on
 * @param computeCtlUrl compute_ctl's external HTTP address, e.g. {@code http://10.0.0.7:3080}
 * @param spec          the spec compute_ctl last accepted
 * @param lastError     why the last re-configure failed; empty when the spec is applied
 */
public record ComputeRecord(String computeId, TenantId tenantId, TimelineId timelineId, URI computeCtlUrl, ComputeSpec spec,
                            Optional<String> lastError) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ComputeRecord {
        Objects.requireNonNull(computeId, "computeId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(timelineId, "timelineId");
        Objects.requireNonNull(computeCtlUrl, "computeCtlUrl");
        Objects.requireNonNull(spec, "spec");
        lastError = lastError == null ? Optional.empty() : lastError;
        if (!ID.matcher(computeId).matches()) {
            throw new IllegalArgumentException("computeId must be 1-128 letters, digits, '.', '_', ':' or '-', got '" + computeId + "'");
        }
        if (!"http".equals(computeCtlUrl.getScheme()) && !"https".equals(computeCtlUrl.getScheme()) || computeCtlUrl.getHost() == null) {
            throw new IllegalArgumentException("computeCtlUrl must be an http(s) URL with a host, e.g. http://10.0.0.7:3080, got '"
                    + computeCtlUrl + "'");
        }
        if (spec.tenantId().filter(t -> !t.equals(tenantId)).isPresent()) {
            throw new IllegalArgumentException("spec is for tenant " + spec.tenantId().get() + " but the compute is registered for " + tenantId);
        }
        if (spec.timelineId().filter(t -> !t.equals(timelineId)).isPresent()) {
            throw new IllegalArgumentException("spec is for timeline " + spec.timelineId().get() + " but the compute is registered for " + timelineId);
        }
    }

    /** A compute registered with {@code spec}, which names its tenant and timeline. */
    public static ComputeRecord of(String computeId, URI computeCtlUrl, ComputeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        TenantId tenant = spec.tenantId().orElseThrow(() -> new IllegalArgumentException("spec must name tenant_id to register a compute"));
        TimelineId timeline = spec.timelineId().orElseThrow(() -> new IllegalArgumentException("spec must name timeline_id to register a compute"));
        return new ComputeRecord(computeId, tenant, timeline, computeCtlUrl, spec, Optional.empty());
    }

    /** This record after compute_ctl accepted {@code applied}: the error is cleared. */
    public ComputeRecord withSpec(ComputeSpec applied) {
        return new ComputeRecord(computeId, tenantId, timelineId, computeCtlUrl, applied, Optional.empty());
    }

    /** This record after a re-configure failed with {@code error}; the spec stays the last one accepted. */
    public ComputeRecord withError(String error) {
        Objects.requireNonNull(error, "error");
        return new ComputeRecord(computeId, tenantId, timelineId, computeCtlUrl, spec, Optional.of(error));
    }

    /**
     * Where the last applied spec points each shard, e.g. {@code 0002@node1 0102@node2} (from
     * {@code pageserver_connection_info}, else the legacy connection string).
     */
    public String pageservers() {
        return spec.pageserverConnectionInfo().map(info -> {
            StringBuilder out = new StringBuilder();
            info.shards().forEach((index, shard) -> out.append(out.isEmpty() ? "" : " ").append(index).append("@node")
                    .append(shard.pageservers().isEmpty() ? "-" : shard.pageservers().get(0).id().map(Object::toString).orElse("?")));
            return out.toString();
        }).orElse(spec.pageserverConnstring().orElse("-"));
    }

    @Override
    public String toString() {
        return computeId + " (" + tenantId + "/" + timelineId + " at " + computeCtlUrl + ", pageservers " + pageservers() + lastError.map(e -> ", last error: " + e).orElse("") + ")";
    }
}
