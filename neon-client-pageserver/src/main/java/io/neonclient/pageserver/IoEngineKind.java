package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * How the pageserver does file I/O, the body of {@code PUT /v1/io_engine} (mirrors {@code IoEngineKind} in upstream
 * {@code libs/pageserver_api/src/models.rs}). Prints as Neon spells it; a value added upstream later reads as {@link
 * Unknown} and prints as received.
 */
public sealed interface IoEngineKind permits IoEngineKind.Known, IoEngineKind.Unknown {
    /** {@code std-fs}: blocking std::fs calls on a thread pool. */
    IoEngineKind STD_FS = Known.STD_FS;
    /** {@code tokio-epoll-uring}: io_uring (Linux). */
    IoEngineKind TOKIO_EPOLL_URING = Known.TOKIO_EPOLL_URING;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements IoEngineKind {
        /** {@code std-fs} on the wire. */
        STD_FS("std-fs"),
        /** {@code tokio-epoll-uring} on the wire. */
        TOKIO_EPOLL_URING("tokio-epoll-uring");

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
    record Unknown(String wire) implements IoEngineKind {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("IoEngineKind", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static IoEngineKind fromWire(String wire) {
        return WireEnums.fromWire("IoEngineKind", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
