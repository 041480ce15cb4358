package io.neonclient.storcon;

import io.neonclient.core.NotFoundException;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import java.util.Optional;

/**
 * A placement change sent by {@link TenantResource#updatePolicy}; the controller only spawns the reconciles, so
 * {@code await} polls {@code GET /control/v1/tenant/{id}} (NOTES.md §4):
 * <ul>
 *   <li>{@code Attached(n)}: every shard attached with exactly n secondaries, not reconciling;</li>
 *   <li>{@code Secondary}: no shard attached, each with a secondary, not reconciling;</li>
 *   <li>{@code Detached}: the tenant answers 404 (the controller drops detached tenants from memory) or every shard
 *       has no location and is not reconciling.</li>
 * </ul>
 * A shard's {@code last_error} fails the wait at once. {@code await} returns the final description, or empty when the
 * tenant was detached and dropped.
 */
public final class PolicyChange extends Awaitable<Optional<TenantDescription>, Optional<TenantDescription>> {
    private final TenantId tenantId;
    private final PlacementPolicy policy;

    PolicyChange(StorageControllerClient client, TenantId tenantId, PlacementPolicy policy) {
        super(client);
        this.tenantId = tenantId;
        this.policy = policy;
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
    String awaited() {
        return "tenant " + tenantId + " placed as " + policy;
    }

    @Override
    Optional<TenantDescription> probe() {
        try {
            return Optional.of(client.tenant(tenantId).describe());
        } catch (NotFoundException dropped) {
            if (policy instanceof PlacementPolicy.Detached) {
                return Optional.empty();
            }
            throw dropped;
        }
    }

    @Override
    WaitVerdict judge(Optional<TenantDescription> state) {
        if (state.isEmpty()) {
            return WaitVerdict.done();
        }
        TenantDescription d = state.get();
        return Judges.placed(d, policy, true);
    }

    @Override
    Optional<TenantDescription> result(Optional<TenantDescription> state) {
        return state;
    }

    @Override
    public String toString() {
        return "PolicyChange[" + tenantId + " -> " + policy + "]";
    }
}
