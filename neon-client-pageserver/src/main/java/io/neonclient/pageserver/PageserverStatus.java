package io.neonclient.pageserver;

import io.neonclient.core.NodeId;

/**
 * The answer of {@code GET /v1/status} (upstream {@code StatusResponse}).
 *
 * @param id the pageserver's node id
 */
public record PageserverStatus(NodeId id) {}
