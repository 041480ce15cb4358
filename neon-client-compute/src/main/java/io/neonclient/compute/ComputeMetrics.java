package io.neonclient.compute;

/**
 * Start-up timings from {@code GET /metrics.json} (mirrors {@code ComputeMetrics} in upstream
 * {@code libs/compute_api/src/responses.rs}).
 *
 * @param waitForSpecMs           waiting in the pool for a spec
 * @param syncSkCheckMs           checking whether safekeepers are in sync
 * @param syncSafekeepersMs       syncing safekeepers
 * @param pageserverConnectMicros connecting to the pageserver
 * @param basebackupMs            fetching and writing the basebackup
 * @param basebackupBytes         compressed basebackup size
 * @param startPostgresMs         starting Postgres
 * @param configMs                applying catalog updates
 * @param totalStartupMs          spec received to ready
 * @param loadExtMs               loading extensions
 * @param numExtDownloaded        extensions downloaded
 * @param largestExtSize          largest extension, bytes
 * @param totalExtDownloadSize    all extensions, bytes
 */
public record ComputeMetrics(long waitForSpecMs, long syncSkCheckMs, long syncSafekeepersMs, long pageserverConnectMicros,
                             long basebackupMs, long basebackupBytes, long startPostgresMs, long configMs, long totalStartupMs,
                             long loadExtMs, long numExtDownloaded, long largestExtSize, long totalExtDownloadSize) {}
