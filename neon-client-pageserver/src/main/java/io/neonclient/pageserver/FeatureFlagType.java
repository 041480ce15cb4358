package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * How {@code GET /v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}?as=…} evaluates a flag (the {@code as} query
 * parameter of upstream {@code tenant_evaluate_feature_flag}, {@code pageserver/src/http/routes.rs}). Without it the
 * pageserver asks its flag store which kind the flag is. Prints as Neon spells it ({@code boolean}); a value added
 * upstream later reads as {@link Unknown} and is sent as given.
 */
public sealed interface FeatureFlagType permits FeatureFlagType.Known, FeatureFlagType.Unknown {
    /** {@code boolean}: the flag is on or off for the tenant. */
    FeatureFlagType BOOLEAN = Known.BOOLEAN;
    /** {@code multivariate}: the flag names a variant for the tenant. */
    FeatureFlagType MULTIVARIATE = Known.MULTIVARIATE;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements FeatureFlagType {
        /** {@code boolean} on the wire. */
        BOOLEAN("boolean"),
        /** {@code multivariate} on the wire. */
        MULTIVARIATE("multivariate");

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** A value added upstream after this SDK was built, kept as given. */
    record Unknown(String wire) implements FeatureFlagType {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("FeatureFlagType", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static FeatureFlagType fromWire(String wire) {
        return WireEnums.fromWire("FeatureFlagType", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent. */
    @JsonValue
    @Override
    String toString();
}
