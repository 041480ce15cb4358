package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * The outcome of promoting a replica compute to primary: {@code PromoteState} in upstream
 * {@code libs/compute_api/src/responses.rs}, tagged by {@code status}; the answer of {@code POST /promote}.
 * {@code toString()} is the wire status.
 */
public sealed interface PromoteState permits PromoteState.NotPromoted, PromoteState.Completed, PromoteState.Failed,
        PromoteState.Unknown {

    /** {@code not_promoted}. */
    record NotPromoted() implements PromoteState {
        @Override
        public String toString() {
            return "not_promoted";
        }
    }

    /**
     * {@code completed}: the compute is primary now.
     *
     * @param lsnWaitTimeMs     time to catch up with the old primary's WAL flush LSN
     * @param pgPromoteTimeMs   time {@code pg_promote()} took
     * @param reconfigureTimeMs time to apply the primary's spec
     */
    record Completed(long lsnWaitTimeMs, long pgPromoteTimeMs, long reconfigureTimeMs) implements PromoteState {
        @Override
        public String toString() {
            return "completed";
        }
    }

    /** {@code failed}, with the error (upstream answers it with status 500). */
    record Failed(String error) implements PromoteState {
        @Override
        public String toString() {
            return "failed";
        }
    }

    /** A status added upstream after this SDK was built, kept as received. */
    record Unknown(String status) implements PromoteState {
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
    static PromoteState fromJson(Map<String, Object> json) {
        String status = WireTags.status("PromoteState", json);
        return switch (status) {
            case "not_promoted" -> new NotPromoted();
            case "completed" -> new Completed(WireTags.number(json, "lsn_wait_time_ms"), WireTags.number(json, "pg_promote_time_ms"),
                    WireTags.number(json, "reconfigure_time_ms"));
            case "failed" -> new Failed(WireTags.text(json, "error"));
            default -> new Unknown(status);
        };
    }
}
