package io.neonclient.compute;

/** The {@code mode} query value of {@code POST /terminate} (upstream {@code TerminateMode}, snake_case). */
public enum TerminateMode {
    /** Upstream's default: wait 30 s before answering so the control plane can fetch errors. */
    FAST("fast"),
    /** Answer as soon as everything has stopped. */
    IMMEDIATE("immediate");

    private final String wire;

    TerminateMode(String wire) {
        this.wire = wire;
    }

    /** The query value. */
    @Override
    public String toString() {
        return wire;
    }
}
