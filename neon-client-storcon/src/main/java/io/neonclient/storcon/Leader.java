package io.neonclient.storcon;

import java.time.Instant;

/**
 * The controller instance recorded as leader ({@code ControllerPersistence} in upstream
 * {@code storage_controller/src/persistence.rs}), from {@code GET /control/v1/leader}.
 *
 * @param address   its HTTP address, e.g. {@code http://storage-controller-0:1234/}
 * @param startedAt when it started
 */
public record Leader(String address, Instant startedAt) {}
