package io.neonclient.pageserver;

/**
 * How {@code GET /v1/tenant/{tenant_shard_id}/feature_flag/{flag_key}?as=…} evaluates a flag (the {@code as} query
 * parameter of upstream {@code tenant_evaluate_feature_flag}, {@code pageserver/src/http/routes.rs}). Without it the
 * pageserver asks its flag store which kind the flag is.
 */
public enum FeatureFlagType {
    /** {@code boolean}: the flag is on or off for the tenant. */
    BOOLEAN("boolean"),
    /** {@code multivariate}: the flag names a variant for the tenant. */
    MULTIVARIATE("multivariate");

    private final String wire;

    FeatureFlagType(String wire) {
        this.wire = wire;
    }

    /** The query value, as upstream spells it. */
    @Override
    public String toString() {
        return wire;
    }
}
