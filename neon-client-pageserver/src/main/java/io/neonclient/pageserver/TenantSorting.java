package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * What {@code POST /v1/top_tenants} orders by (mirrors {@code TenantSorting} in upstream
 * {@code libs/pageserver_api/src/models.rs}). Prints as Neon spells it ({@code resident_size}); a value added upstream
 * later reads as {@link Unknown} and prints as received.
 */
public sealed interface TenantSorting permits TenantSorting.Known, TenantSorting.Unknown {
    /** {@code resident_size}: bytes of the shard's layers on local disk. */
    TenantSorting RESIDENT_SIZE = Known.RESIDENT_SIZE;
    /** {@code max_logical_size}: the tenant's largest timeline (tracked on shard zero). */
    TenantSorting MAX_LOGICAL_SIZE = Known.MAX_LOGICAL_SIZE;
    /** {@code max_logical_size_per_shard}: that size divided by the shard count. */
    TenantSorting MAX_LOGICAL_SIZE_PER_SHARD = Known.MAX_LOGICAL_SIZE_PER_SHARD;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements TenantSorting {
        RESIDENT_SIZE("resident_size"),
        MAX_LOGICAL_SIZE("max_logical_size"),
        MAX_LOGICAL_SIZE_PER_SHARD("max_logical_size_per_shard");

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A value added upstream after this SDK was built, kept as received. */
    record Unknown(String wire) implements TenantSorting {
        public Unknown {
            WireEnums.requireWire("TenantSorting", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static TenantSorting fromWire(String wire) {
        return WireEnums.fromWire("TenantSorting", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
