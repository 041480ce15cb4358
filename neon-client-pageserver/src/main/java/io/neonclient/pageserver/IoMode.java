package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Whether the pageserver bypasses the page cache, the body of {@code PUT /v1/io_mode} (mirrors {@code IoMode} in
 * upstream {@code libs/pageserver_api/src/models.rs}). Prints as Neon spells it; a value added upstream later reads as
 * {@link Unknown} and prints as received.
 */
public sealed interface IoMode permits IoMode.Known, IoMode.Unknown {
    /** {@code buffered}: through the kernel page cache. */
    IoMode BUFFERED = Known.BUFFERED;
    /** {@code direct}: O_DIRECT reads. */
    IoMode DIRECT = Known.DIRECT;
    /** {@code direct-rw}: O_DIRECT reads and writes (upstream preferred). */
    IoMode DIRECT_RW = Known.DIRECT_RW;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements IoMode {
        /** {@code buffered} on the wire. */
        BUFFERED("buffered"),
        /** {@code direct} on the wire. */
        DIRECT("direct"),
        /** {@code direct-rw} on the wire. */
        DIRECT_RW("direct-rw");

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
    record Unknown(String wire) implements IoMode {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("IoMode", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static IoMode fromWire(String wire) {
        return WireEnums.fromWire("IoMode", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
