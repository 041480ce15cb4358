package io.neonclient.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.WaitVerdict;
import java.util.Optional;

/**
 * Verdicts on a tenant description shared by the handles and {@link TenantDescription#settledVerdict()}: the states
 * upstream's own tests wait on after a placement change ({@code test_runner/regress/test_storage_controller.py}).
 */
final class Judges {
    private Judges() {}

    /**
     * Done when every shard is attached and idle and, when {@code secondaries >= 0}, has exactly that many
     * secondaries; failed at once on a shard's {@code last_error}.
     */
    static WaitVerdict allAttachedAndIdle(TenantDescription d, int secondaries) {
        Optional<WaitVerdict> error = firstError(d);
        if (error.isPresent()) {
            return error.get();
        }
        if (d.shards().isEmpty()) {
            return WaitVerdict.pending("tenant has no shards yet");
        }
        for (ShardDescription s : d.shards()) {
            if (s.attachedNode().isEmpty() || s.isReconciling()
                    || (secondaries >= 0 && s.secondaryNodes().size() != secondaries)) {
                return WaitVerdict.pending(s.summary());
            }
        }
        return WaitVerdict.done();
    }

    /** The verdict of {@link #allAttachedAndIdle} or {@link #noAttachment} that {@code placement} calls for. */
    static WaitVerdict placed(TenantDescription d, PlacementPolicy placement, boolean exactSecondaries) {
        return switch (placement) {
            case PlacementPolicy.Attached a -> allAttachedAndIdle(d, exactSecondaries ? a.secondaries() : -1);
            case PlacementPolicy.Secondary s -> noAttachment(d, true);
            case PlacementPolicy.Detached x -> noAttachment(d, false);
        };
    }

    static Optional<WaitVerdict> firstError(TenantDescription d) {
        return d.shards().stream().filter(ShardDescription::hasError).findFirst()
                .map(s -> WaitVerdict.failed("shard " + s.id() + " last_error: " + s.lastError()));
    }

    /**
     * Done when no shard is attached, each has a secondary ({@code wantSecondary}) or no location at all, and none
     * reconciles; failed at once on a {@code last_error}.
     */
    static WaitVerdict noAttachment(TenantDescription d, boolean wantSecondary) {
        Optional<WaitVerdict> error = firstError(d);
        if (error.isPresent()) {
            return error.get();
        }
        for (ShardDescription s : d.shards()) {
            boolean placed = s.attachedNode().isEmpty() && (wantSecondary ? !s.secondaryNodes().isEmpty() : s.secondaryNodes().isEmpty());
            if (!placed || s.isReconciling()) {
                return WaitVerdict.pending(s.summary());
            }
        }
        return WaitVerdict.done();
    }
}
