package io.neonclient.safekeeper;

import io.neonclient.core.NodeId;

/**
 * The answer of {@code GET /v1/status} (upstream {@code SafekeeperStatus}, {@code libs/safekeeper_api/src/models.rs}).
 *
 * @param id the safekeeper's node id
 */
public record SafekeeperStatus(NodeId id) {}
