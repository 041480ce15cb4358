package io.neonclient.pageserver;

/**
 * How {@code detach_ancestor} treats the ancestor chain (mirrors {@code DetachBehavior} in upstream
 * {@code libs/pageserver_api/src/models.rs}; sent as the {@code detach_behavior} query value).
 */
public enum DetachBehavior {
    /** Only detach from a root ancestor, reparenting earlier siblings (upstream default, "v1"). */
    NO_ANCESTOR_AND_REPARENT("no_ancestor_and_reparent"),
    /** Detach from several levels of ancestors without reparenting ("v2"). */
    MULTI_LEVEL_AND_NO_REPARENT("multi_level_and_no_reparent");

    private final String wire;

    DetachBehavior(String wire) {
        this.wire = wire;
    }

    /** The query value. */
    @Override
    public String toString() {
        return wire;
    }
}
