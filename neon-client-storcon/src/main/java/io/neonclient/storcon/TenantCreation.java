package io.neonclient.storcon;

import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import java.util.List;

/**
 * A tenant just created by {@link Tenants#create}. {@link #shards()} is what the controller answered (only shards
 * with an attached location, generation 0); {@code await} polls {@code GET /control/v1/tenant/{id}} until every shard
 * is attached, not reconciling and without {@code last_error} (NOTES.md §4), failing at once on a {@code last_error}.
 * It returns the final description. For {@code Secondary}/{@code Detached} placements nothing gets attached: do not
 * await those.
 */
public final class TenantCreation extends Awaitable<TenantDescription, TenantDescription> {
    private final TenantId tenantId;
    private final List<ShardLocation> shards;

    TenantCreation(StorageControllerClient client, TenantId tenantId, List<ShardLocation> shards) {
        super(client);
        this.tenantId = tenantId;
        this.shards = List.copyOf(shards);
    }

    public TenantId tenantId() {
        return tenantId;
    }

    /** The attached shards in the create response ({@code TenantCreateResponse.shards}). */
    public List<ShardLocation> shards() {
        return shards;
    }

    @Override
    String awaited() {
        return "tenant " + tenantId + " created: every shard attached and idle";
    }

    @Override
    TenantDescription probe() {
        return client.tenant(tenantId).describe();
    }

    @Override
    WaitVerdict judge(TenantDescription d) {
        return Judges.allAttachedAndIdle(d, -1);
    }

    @Override
    TenantDescription result(TenantDescription d) {
        return d;
    }

    /** {@code TenantCreateResponse}. */
    record Created(List<ShardLocation> shards) {
        Created {
            shards = shards == null ? List.of() : List.copyOf(shards);
        }
    }

    @Override
    public String toString() {
        return "TenantCreation[" + tenantId + ", shards " + shards + "]";
    }
}
