package io.neonclient.testkit;

/** The kinds of simulated servers, for fault injection and auth tokens. */
public enum Component {
    STORAGE_CONTROLLER,
    PAGESERVER,
    SAFEKEEPER,
    COMPUTE
}
