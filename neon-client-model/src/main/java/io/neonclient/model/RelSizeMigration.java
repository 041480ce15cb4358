package io.neonclient.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Which relation-size format a timeline uses: {@code rel_size_migration} of {@link Timeline} (mirrors
 * {@code RelSizeMigration} in upstream {@code libs/pageserver_api/src/models.rs}, serde {@code camelCase}). Prints as
 * Neon spells it ({@code legacy}); a value added upstream later reads as {@link Unknown} and prints as received.
 */
public sealed interface RelSizeMigration permits RelSizeMigration.Known, RelSizeMigration.Unknown {
    /** {@code legacy}: the old format only. */
    RelSizeMigration LEGACY = Known.LEGACY;
    /** {@code migrating}: both formats are written and read. */
    RelSizeMigration MIGRATING = Known.MIGRATING;
    /** {@code migrated}: the new format only. */
    RelSizeMigration MIGRATED = Known.MIGRATED;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements RelSizeMigration {
        /** {@code legacy} on the wire. */
        LEGACY("legacy"),
        /** {@code migrating} on the wire. */
        MIGRATING("migrating"),
        /** {@code migrated} on the wire. */
        MIGRATED("migrated");

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
    record Unknown(String wire) implements RelSizeMigration {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("RelSizeMigration", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static RelSizeMigration fromWire(String wire) {
        return WireEnums.fromWire("RelSizeMigration", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
