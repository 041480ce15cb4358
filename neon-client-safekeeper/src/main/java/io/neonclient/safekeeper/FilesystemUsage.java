package io.neonclient.safekeeper;

/**
 * The safekeeper's data directory and its filesystem: the answer of {@code GET /v1/debug/filesystem_usage} (upstream
 * {@code filesystem_usage_handler}, {@code safekeeper/src/http/routes.rs}).
 *
 * @param dataDir       the safekeeper's working directory
 * @param capacityBytes the filesystem's size
 * @param usageBytes    bytes used under the data directory
 */
public record FilesystemUsage(String dataDir, long capacityBytes, long usageBytes) {}
