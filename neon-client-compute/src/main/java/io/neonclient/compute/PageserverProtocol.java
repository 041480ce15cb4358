package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Which of a pageserver's URLs a compute uses, {@code prefer_protocol} in the spec's {@code
 * pageserver_connection_info}: mirrors {@code PageserverProtocol} in upstream {@code
 * libs/compute_api/src/spec.rs}.
 * Prints as Neon spells it; a value added upstream after this SDK reads as {@link Unknown} and prints as
 * received.
 */
public sealed interface PageserverProtocol permits PageserverProtocol.Known, PageserverProtocol.Unknown {
    /** {@code libpq}: the libpq page service (the default). */
    PageserverProtocol LIBPQ = Known.LIBPQ;
    /** {@code grpc}: the gRPC page service. */
    PageserverProtocol GRPC = Known.GRPC;

    /** The values this SDK knows, for exhaustive {@code switch}es ({@code case PageserverProtocol.Known.LIBPQ ->}). */
    enum Known implements PageserverProtocol {
        /** {@code libpq} on the wire. */
        LIBPQ("libpq"),
        /** {@code grpc} on the wire. */
        GRPC("grpc");

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
    record Unknown(String wire) implements PageserverProtocol {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("PageserverProtocol", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static PageserverProtocol fromWire(String wire) {
        return WireEnums.fromWire("PageserverProtocol", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
