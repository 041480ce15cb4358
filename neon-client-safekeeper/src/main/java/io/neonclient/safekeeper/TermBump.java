package io.neonclient.safekeeper;

/**
 * What a term bump did: {@code TimelineTermBumpResponse} in upstream {@code libs/safekeeper_api/src/models.rs}, the
 * answer of {@code POST /v1/tenant/{tenant_id}/timeline/{timeline_id}/term_bump}. Equal terms mean nothing changed
 * (the requested term was not above the current one).
 *
 * @param previousTerm the term before the request
 * @param currentTerm  the term after it
 */
public record TermBump(long previousTerm, long currentTerm) {
    /** True when the term went up. */
    public boolean bumped() {
        return currentTerm > previousTerm;
    }
}
