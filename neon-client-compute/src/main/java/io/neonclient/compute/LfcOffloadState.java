package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * Where the upload of the compute's Local File Cache state stands: {@code LfcOffloadState} in upstream
 * {@code libs/compute_api/src/responses.rs}, tagged by {@code status} ({@code not_offloaded}, {@code offloading},
 * {@code completed}, {@code failed}, {@code skipped}); the answer of {@code GET /lfc/offload}. {@code toString()} is
 * the wire status.
 */
public sealed interface LfcOffloadState permits LfcOffloadState.NotOffloaded, LfcOffloadState.Offloading,
        LfcOffloadState.Completed, LfcOffloadState.Failed, LfcOffloadState.Skipped, LfcOffloadState.Unknown {

    /** {@code not_offloaded}: nothing uploaded since the compute started. */
    record NotOffloaded() implements LfcOffloadState {
        @Override
        public String toString() {
            return "not_offloaded";
        }
    }

    /** {@code offloading}: the state is being read, compressed and uploaded. */
    record Offloading() implements LfcOffloadState {
        @Override
        public String toString() {
            return "offloading";
        }
    }

    /**
     * {@code completed}: the state is in endpoint storage.
     *
     * @param stateQueryTimeMs  time to read the state from Postgres
     * @param compressTimeMs    time to compress it
     * @param stateUploadTimeMs time to upload it
     */
    record Completed(long stateQueryTimeMs, long compressTimeMs, long stateUploadTimeMs) implements LfcOffloadState {
        @Override
        public String toString() {
            return "completed";
        }
    }

    /** {@code failed}, with the error. */
    record Failed(String error) implements LfcOffloadState {
        @Override
        public String toString() {
            return "failed";
        }
    }

    /** {@code skipped}: the cache was empty, nothing was uploaded. */
    record Skipped() implements LfcOffloadState {
        @Override
        public String toString() {
            return "skipped";
        }
    }

    /** A status added upstream after this SDK was built, kept as received. */
    record Unknown(String status) implements LfcOffloadState {
        @Override
        public String toString() {
            return status;
        }
    }

    /**
     * Reads the internally tagged form {@code {"status": …, <fields>}}.
     *
     * @throws IllegalArgumentException when there is no {@code status} string
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LfcOffloadState fromJson(Map<String, Object> json) {
        String status = WireTags.status("LfcOffloadState", json);
        return switch (status) {
            case "not_offloaded" -> new NotOffloaded();
            case "offloading" -> new Offloading();
            case "completed" -> new Completed(WireTags.number(json, "state_query_time_ms"), WireTags.number(json, "compress_time_ms"),
                    WireTags.number(json, "state_upload_time_ms"));
            case "failed" -> new Failed(WireTags.text(json, "error"));
            case "skipped" -> new Skipped();
            default -> new Unknown(status);
        };
    }
}
