package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * Where a download of a timeline's evicted layers stands, {@code state} of {@code GET …/download_remote_layers}
 * (mirrors {@code DownloadRemoteLayersTaskState} in upstream {@code libs/pageserver_api/src/models.rs}). Prints as Neon
 * spells it; a value added upstream later reads as {@link Unknown} and prints as received.
 */
public sealed interface RemoteLayersDownloadState permits RemoteLayersDownloadState.Known, RemoteLayersDownloadState.Unknown {
    /** {@code Running}. */
    RemoteLayersDownloadState RUNNING = Known.RUNNING;
    /** {@code Completed}: every layer was tried; see the counts. */
    RemoteLayersDownloadState COMPLETED = Known.COMPLETED;
    /** {@code ShutDown}: the timeline shut down before it finished. */
    RemoteLayersDownloadState SHUT_DOWN = Known.SHUT_DOWN;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements RemoteLayersDownloadState {
        RUNNING("Running"),
        COMPLETED("Completed"),
        SHUT_DOWN("ShutDown");

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
    record Unknown(String wire) implements RemoteLayersDownloadState {
        public Unknown {
            WireEnums.requireWire("RemoteLayersDownloadState", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static RemoteLayersDownloadState fromWire(String wire) {
        return WireEnums.fromWire("RemoteLayersDownloadState", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
