package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A compute's lifecycle state as {@code compute_ctl} reports it (mirrors {@code ComputeStatus} in upstream
 * {@code libs/compute_api/src/responses.rs}, serde snake_case).
 */
public enum ComputeStatus {
    /** Started without a spec; waiting for {@code /configure}. */
    @JsonProperty("empty") EMPTY,
    /** A configuration was requested. */
    @JsonProperty("configuration_pending") CONFIGURATION_PENDING,
    /** Has a spec; initial start-up in progress. */
    @JsonProperty("init") INIT,
    /** Configured and serving. */
    @JsonProperty("running") RUNNING,
    /** A new spec is being applied. */
    @JsonProperty("configuration") CONFIGURATION,
    /** Start-up or configuration failed; see the status {@code error}. */
    @JsonProperty("failed") FAILED,
    /** Termination requested (waits 30 s before answering). */
    @JsonProperty("termination_pending_fast") TERMINATION_PENDING_FAST,
    /** Termination requested, answering as soon as everything stopped. */
    @JsonProperty("termination_pending_immediate") TERMINATION_PENDING_IMMEDIATE,
    /** Postgres has stopped. */
    @JsonProperty("terminated") TERMINATED,
    /** A spec refresh was requested. */
    @JsonProperty("refresh_configuration_pending") REFRESH_CONFIGURATION_PENDING,
    /** A spec refresh is being applied. */
    @JsonProperty("refresh_configuration") REFRESH_CONFIGURATION,
    /** A state added upstream after this SDK was built. */
    @JsonEnumDefaultValue UNKNOWN
}
