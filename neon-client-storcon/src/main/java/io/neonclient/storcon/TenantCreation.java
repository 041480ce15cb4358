package io.neonclient.storcon;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitVerdict;
import java.util.List;

/**
 * A tenant just created by {@link Tenants#create}. {@link #shards()} is what the controller answered (only shards
 * with an attached location, generation 0); {@code await} polls {@code GET /control/v1/tenant/{id}} until every shard
 * is attached, not reconciling and without {@code last_error} (NOTES.md §4), failing at once on a {@code last_error}.
 * It returns the final description. For a {@code Secondary} placement it waits for secondaries and no attachment, for
 * {@code Detached} for no location at all.
 */
public final class TenantCreation extends Awaitable<TenantDescription, TenantDescription> {
    private final TenantId tenantId;
    private final List<ShardLocation> shards;
    private final PlacementPolicy placement;

    TenantCreation(StorageControllerClient client, TenantId tenantId, PlacementPolicy placement, List<ShardLocation> shards) {
        super(client);
        this.tenantId = tenantId;
        this.placement = placement;
        this.shards = List.copyOf(shards);
    }

    /** The tenant created. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The attached shards in the create response ({@code TenantCreateResponse.shards}). */
    public List<ShardLocation> shards() {
        return shards;
    }

    /** The placement asked for ({@code Attached(0)} when the request named none, upstream's default). */
    public PlacementPolicy placement() {
        return placement;
    }

    @Override
    String awaited() {
        return "tenant " + tenantId + " created as " + placement + " and idle";
    }

    @Override
    TenantDescription probe() {
        return client.tenant(tenantId).describe();
    }

    @Override
    WaitVerdict judge(TenantDescription d) {
        // Secondaries of an Attached(n) tenant may lag the attachment: creation is done once every shard serves.
        return Judges.placed(d, placement, false);
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
