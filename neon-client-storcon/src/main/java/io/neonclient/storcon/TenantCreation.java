package io.neonclient.storcon;

import io.neonclient.core.Awaitable;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import io.neonclient.core.internal.Polling;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tenant just created by {@link Tenants#create}. {@link #shards()} is what the controller answered (only shards
 * with an attached location, generation 0); {@code await} polls {@code GET /control/v1/tenant/{id}} until every shard
 * is attached, not reconciling and without {@code last_error}, failing at once on a {@code last_error}.
 * It returns the final description. For a {@code Secondary} placement it waits for secondaries and no attachment, for
 * {@code Detached} for no location at all.
 */
public final class TenantCreation implements Awaitable<TenantDescription> {
    private final Polling<TenantDescription, TenantDescription> polling;
    private final TenantId tenantId;
    private final List<ShardLocation> shards;
    private final PlacementPolicy placement;

    TenantCreation(StorageControllerClient client, TenantId tenantId, PlacementPolicy placement, List<ShardLocation> shards) {
        this.tenantId = tenantId;
        this.placement = placement;
        this.shards = List.copyOf(shards);
        // Secondaries of an Attached(n) tenant may lag the attachment: creation is done once every shard serves.
        this.polling = Polling.<TenantDescription>of("tenant " + tenantId + " created as " + placement + " and idle",
                client.settings(), () -> client.tenant(tenantId).describe(), d -> Judges.placed(d, placement, false));
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
    public TenantDescription await() {
        return polling.await();
    }

    @Override
    public TenantDescription await(Duration timeout) {
        return polling.await(timeout);
    }

    @Override
    public TenantDescription await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return polling.await(policy, progress);
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
