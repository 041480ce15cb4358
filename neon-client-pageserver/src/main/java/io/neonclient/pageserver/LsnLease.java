package io.neonclient.pageserver;

import java.time.Instant;

/**
 * A lease that keeps GC away from an LSN (mirrors {@code LsnLease} in upstream {@code libs/pageserver_api/src/models.rs};
 * {@code valid_until} is RFC 3339 with milliseconds).
 *
 * @param validUntil when the lease expires unless renewed
 */
public record LsnLease(Instant validUntil) {}
