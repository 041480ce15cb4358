package io.neonclient.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.Checks;
import java.util.Objects;

/**
 * One shard of a tenant: {@code <tenant>-NNCC}, or the bare tenant id for the legacy unsharded layout
 * (mirrors {@code TenantShardId} in upstream {@code libs/utils/src/shard.rs}: the parser accepts exactly
 * 32 or 37 characters).
 *
 * @param tenantId   the tenant
 * @param shardIndex which shard of how many
 */
public record TenantShardId(TenantId tenantId, ShardIndex shardIndex) {

    public TenantShardId {
        Objects.requireNonNull(tenantId, "TenantShardId tenantId must not be null");
        Objects.requireNonNull(shardIndex, "TenantShardId shardIndex must not be null");
    }

    public static TenantShardId of(TenantId tenantId, ShardIndex shardIndex) {
        return new TenantShardId(tenantId, shardIndex);
    }

    /** The only shard of a legacy unsharded tenant; prints as the bare tenant id. */
    public static TenantShardId unsharded(TenantId tenantId) {
        return new TenantShardId(tenantId, ShardIndex.UNSHARDED);
    }

    /** Parses {@code <32 hex>} or {@code <32 hex>-NNCC}; anything else is rejected with the offending text. */
    @JsonCreator
    public static TenantShardId parse(String text) {
        Checks.notNull("TenantShardId", text);
        if (text.length() == 32) {
            return unsharded(TenantId.parse(text));
        }
        if (text.length() != 37 || text.charAt(32) != '-') {
            throw new IllegalArgumentException(
                    "TenantShardId needs '<32 hex digits>' or '<32 hex digits>-NNCC', got '" + Checks.abbreviate(text) + "'");
        }
        ShardIndex index = ShardIndex.parse(text.substring(33));
        if (index.isUnsharded()) {
            // Upstream prints count 0 as the bare id, so "-0000" never appears on the wire.
            throw new IllegalArgumentException(
                    "TenantShardId '" + text + "': the unsharded layout is written as the bare tenant id, not '-0000'");
        }
        return new TenantShardId(TenantId.parse(text.substring(0, 32)), index);
    }

    public int shardNumber() {
        return shardIndex.number();
    }

    public int shardCount() {
        return shardIndex.count();
    }

    /** True for shard 0 of any layout: the shard that answers tenant-wide reads such as LSN by timestamp. */
    public boolean isShardZero() {
        return shardIndex.number() == 0;
    }

    @JsonValue
    @Override
    public String toString() {
        return shardIndex.isUnsharded() ? tenantId.toString() : tenantId + "-" + shardIndex;
    }
}
