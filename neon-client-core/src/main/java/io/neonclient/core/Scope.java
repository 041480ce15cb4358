package io.neonclient.core;

/**
 * The JWT {@code scope} a Neon endpoint requires (mirrors {@code utils::auth::Scope} in upstream
 * {@code libs/utils/src/auth.rs}). Scopes match exactly, except that the storage controller also accepts
 * {@link #ADMIN} everywhere; pageservers and safekeepers reject {@code admin}.
 */
public enum Scope {
    /** Per-tenant access (claims carry a {@code tenant_id}); accepted by pageservers and safekeepers. */
    TENANT("tenant"),
    TENANT_ENDPOINT("tenantendpoint"),
    /** Pageserver API, and the controller's {@code /v1} pageserver-compatible routes. */
    PAGESERVER_API("pageserverapi"),
    /** Safekeeper API. */
    SAFEKEEPER_DATA("safekeeperdata"),
    /** Pageserver → controller upcalls. */
    GENERATIONS_API("generations_api"),
    /** Everything on the storage controller. */
    ADMIN("admin"),
    /** Node and safekeeper registration, listing, drain and fill. */
    INFRA("infra"),
    /** Tenant describe on the controller. */
    SCRUBBER("scrubber"),
    CONTROLLER_PEER("controller_peer"),
    /** compute_ctl's external API ({@code {"scope": "compute_ctl:admin", "aud": ["compute"]}}). */
    COMPUTE_CTL_ADMIN("compute_ctl:admin");

    private final String claim;

    Scope(String claim) {
        this.claim = claim;
    }

    /** The string that appears in the token's {@code scope} claim. */
    public String claim() {
        return claim;
    }

    /** Neon's spelling: the {@code scope} claim, e.g. {@code pageserverapi}. */
    @Override
    public String toString() {
        return claim;
    }

    /**
     * The scope whose claim is {@code claim}. Scopes are chosen by the SDK and never read from a server, so an
     * unknown claim is refused rather than kept: no token could be selected for it.
     *
     * @throws IllegalArgumentException naming the claim and the known ones
     */
    public static Scope fromWire(String claim) {
        for (Scope s : values()) {
            if (s.claim.equals(claim)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scope must be one of " + java.util.Arrays.toString(values()) + ", got '" + claim + "'");
    }
}
