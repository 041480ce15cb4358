package io.neonclient.storcon;

import io.neonclient.core.Awaitable;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.internal.Polling;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A placement change sent by {@link TenantResource#updatePolicy}; the controller only spawns the reconciles, so
 * {@code await} polls {@code GET /control/v1/tenant/{id}}:
 * <ul>
 *   <li>{@code Attached(n)}: every shard attached with exactly n secondaries, not reconciling;</li>
 *   <li>{@code Secondary}: no shard attached, each with a secondary, not reconciling;</li>
 *   <li>{@code Detached}: the tenant answers 404 (the controller drops detached tenants from memory) or every shard
 *       has no location and is not reconciling.</li>
 * </ul>
 * A shard's {@code last_error} fails the wait at once. {@code await} returns the final description, or empty when the
 * tenant was detached and dropped.
 */
public final class PolicyChange implements Awaitable<Optional<TenantDescription>> {
    private final TenantId tenantId;
    private final PlacementPolicy policy;
    private final Polling<TenantDescription, Optional<TenantDescription>> polling;

    PolicyChange(StorageControllerClient client, TenantId tenantId, PlacementPolicy policy) {
        this.tenantId = tenantId;
        this.policy = policy;
        // A tenant that answers 404 is "gone": only a Detached target lets the probe see that (otherwise 404 propagates).
        this.polling = Polling.<TenantDescription>of("tenant " + tenantId + " placed as " + policy, client.settings(),
                () -> describe(client),
                d -> d == null ? WaitVerdict.done() : Judges.placed(d, policy, true)).map(Optional::ofNullable);
    }

    private TenantDescription describe(StorageControllerClient client) {
        try {
            return client.tenant(tenantId).describe();
        } catch (NotFoundException dropped) {
            if (policy instanceof PlacementPolicy.Detached) {
                return null;
            }
            throw dropped;
        }
    }

    /** The tenant whose placement changes. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The placement asked for. */
    public PlacementPolicy policy() {
        return policy;
    }

    @Override
    public Optional<TenantDescription> await() {
        return polling.await();
    }

    @Override
    public Optional<TenantDescription> await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public Optional<TenantDescription> await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
    }

    @Override
    public String toString() {
        return "PolicyChange[" + tenantId + " -> " + policy + "]";
    }
}
