package io.neonclient.storcon;

import io.neonclient.core.Lsn;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer of {@code GET /v1/tenant/{t}/timeline/{tl}/get_lsn_by_timestamp} (the local {@code Result} struct of
 * {@code get_lsn_by_timestamp_handler} in upstream {@code pageserver/src/http/routes.rs}).
 *
 * @param lsn        the LSN found; a safe point-in-time branch point when {@code kind} is {@link LsnKind#PRESENT}
 * @param kind       what was found (present, past, future, nodata)
 * @param validUntil when a lease was asked for and granted: until when the LSN is protected from GC
 */
public record LsnForTimestamp(Lsn lsn, LsnKind kind, Optional<Instant> validUntil) {
    public LsnForTimestamp {
        validUntil = validUntil == null ? Optional.empty() : validUntil;
    }
}
