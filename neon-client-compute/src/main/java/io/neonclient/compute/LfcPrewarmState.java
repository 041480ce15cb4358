package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * Where the compute's Local File Cache prewarm stands: {@code LfcPrewarmState} in upstream
 * {@code libs/compute_api/src/responses.rs}, tagged by {@code status} ({@code not_prewarmed}, {@code prewarming},
 * {@code completed}, {@code failed}, {@code skipped}, {@code cancelled}); the answer of {@code GET /lfc/prewarm}.
 * {@code toString()} is the wire status.
 */
public sealed interface LfcPrewarmState permits LfcPrewarmState.NotPrewarmed, LfcPrewarmState.Prewarming,
        LfcPrewarmState.Completed, LfcPrewarmState.Failed, LfcPrewarmState.Skipped, LfcPrewarmState.Cancelled,
        LfcPrewarmState.Unknown {

    /** {@code not_prewarmed}: nothing asked since the compute started. */
    record NotPrewarmed() implements LfcPrewarmState {
        @Override
        public String toString() {
            return "not_prewarmed";
        }
    }

    /** {@code prewarming}: pages are being loaded into the cache. */
    record Prewarming() implements LfcPrewarmState {
        @Override
        public String toString() {
            return "prewarming";
        }
    }

    /**
     * {@code completed}: the offloaded cache state was found and loaded.
     *
     * @param total               pages processed
     * @param prewarmed           pages loaded
     * @param skipped             pages processed but not loaded
     * @param stateDownloadTimeMs time to download the state from endpoint storage
     * @param uncompressTimeMs    time to uncompress it
     * @param prewarmTimeMs       time to load the pages
     */
    record Completed(long total, long prewarmed, long skipped, long stateDownloadTimeMs, long uncompressTimeMs,
                     long prewarmTimeMs) implements LfcPrewarmState {
        @Override
        public String toString() {
            return "completed";
        }
    }

    /** {@code failed}: an error other than "no offloaded state" ({@code error} says which). */
    record Failed(String error) implements LfcPrewarmState {
        @Override
        public String toString() {
            return "failed";
        }
    }

    /** {@code skipped}: endpoint storage had no offloaded state (normal on an endpoint's first start), or the LFC is off. */
    record Skipped() implements LfcPrewarmState {
        @Override
        public String toString() {
            return "skipped";
        }
    }

    /** {@code cancelled}: {@code DELETE /lfc/prewarm} stopped it; some pages may be loaded. */
    record Cancelled() implements LfcPrewarmState {
        @Override
        public String toString() {
            return "cancelled";
        }
    }

    /** A status added upstream after this SDK was built, kept as received. */
    record Unknown(String status) implements LfcPrewarmState {
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
    static LfcPrewarmState fromJson(Map<String, Object> json) {
        String status = WireTags.status("LfcPrewarmState", json);
        return switch (status) {
            case "not_prewarmed" -> new NotPrewarmed();
            case "prewarming" -> new Prewarming();
            case "completed" -> new Completed(WireTags.number(json, "total"), WireTags.number(json, "prewarmed"),
                    WireTags.number(json, "skipped"), WireTags.number(json, "state_download_time_ms"),
                    WireTags.number(json, "uncompress_time_ms"), WireTags.number(json, "prewarm_time_ms"));
            case "failed" -> new Failed(WireTags.text(json, "error"));
            case "skipped" -> new Skipped();
            case "cancelled" -> new Cancelled();
            default -> new Unknown(status);
        };
    }
}
