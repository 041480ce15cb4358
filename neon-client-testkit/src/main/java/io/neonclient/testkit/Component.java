package io.neonclient.testkit;

/** The kinds of simulated servers, for fault injection and auth tokens. */
public enum Component {
    /** The storage controller. */
    STORAGE_CONTROLLER,
    /** Every pageserver. */
    PAGESERVER,
    /** Every safekeeper. */
    SAFEKEEPER,
    /** Every compute's compute_ctl. */
    COMPUTE
}
