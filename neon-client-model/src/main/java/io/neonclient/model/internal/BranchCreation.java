package io.neonclient.model.internal;

import io.neonclient.core.ConflictException;
import io.neonclient.core.RetryPolicy;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TransportException;
import io.neonclient.core.internal.CheckedResend;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.CreateTimelineRequest.Branch;
import io.neonclient.model.Timeline;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Timeline creation as both the controller and the pageserver clients send it. A repeatable request (a bootstrap, an
 * import, a branch at an explicit LSN) goes through the transport's ordinary retries. A branch without an LSN does
 * not: the pageserver picks the ancestor's last record LSN on every attempt ({@code branch_timeline_impl} in upstream
 * {@code pageserver/src/tenant.rs}) and the controller creates on shard 0 before the other shards
 * ({@code tenant_timeline_create_pageservers}, {@code storage_controller/src/service.rs}), so a blind repeat after a
 * lost answer picks a newer LSN and gets 409. After a 503/429 or a transport failure the timeline is read: when it is
 * this branch, the request is sent again pinned at the LSN it was created at (an identical repeat, which also
 * completes the controller's other shards); when nothing is there, a definite answer (503/429) created nothing and the
 * request goes again as it was, while a transport failure (the first attempt may still be running) is reported. A 409
 * on such a repeat is checked the same way before it is reported.
 */
public final class BranchCreation {
    private BranchCreation() {}

    /**
     * Creates the timeline, re-sending a branch creation only when the timeline is not there already.
     *
     * @param send              sends one request; the flag says whether the transport may retry it
     * @param describeIfPresent reads the timeline, empty on 404
     */
    public static Timeline create(CreateTimelineRequest request, RetryPolicy retries, BiFunction<CreateTimelineRequest, Boolean, Timeline> send,
                                  Function<TimelineId, Optional<Timeline>> describeIfPresent) {
        if (!(request instanceof Branch branch) || branch.isRepeatable()) {
            return send.apply(request, true);
        }
        AtomicBoolean lostOnce = new AtomicBoolean();
        return CheckedResend.send(retries, () -> {
            try {
                return send.apply(branch, false);
            } catch (ConflictException conflict) {
                if (!lostOnce.get()) {
                    throw conflict;
                }
                return describeIfPresent.apply(branch.newTimelineId()).flatMap(branch::pinnedTo)
                        .map(pinned -> send.apply(pinned, true)).orElseThrow(() -> conflict);
            }
        }, lost -> {
            lostOnce.set(true);
            Optional<Timeline> existing = describeIfPresent.apply(branch.newTimelineId());
            if (existing.isEmpty()) {
                if (lost instanceof TransportException) {
                    throw lost;
                }
                return Optional.empty();
            }
            Branch pinned = branch.pinnedTo(existing.get()).orElseThrow(() -> lost); // the id holds something else
            return Optional.of(send.apply(pinned, true));
        });
    }
}
