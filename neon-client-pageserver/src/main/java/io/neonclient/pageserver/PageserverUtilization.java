package io.neonclient.pageserver;

import java.time.Instant;
import java.util.Optional;

/**
 * A pageserver's disk and shard load and its fitness score for new shards: {@code PageserverUtilization} in upstream
 * {@code libs/pageserver_api/src/models/utilization.rs}, the answer of {@code GET /v1/utilization}. The pageserver
 * regenerates it at most once a second; the storage controller reads it in every heartbeat.
 *
 * @param diskUsageBytes   used disk space (statfs)
 * @param freeSpaceBytes   free disk space
 * @param diskWantedBytes  the space its shards' layers want, whether resident or not
 * @param diskUsablePct    the share of the disk it may fill before evicting (100 without disk-usage eviction)
 * @param shardCount       tenant shards it holds
 * @param maxShardCount    shards it should hold at most
 * @param utilizationScore the score (lower is emptier; 1,000,000 is full), when computed
 * @param capturedAt       when the snapshot was taken (pageserver clock, milliseconds)
 */
public record PageserverUtilization(long diskUsageBytes, long freeSpaceBytes, long diskWantedBytes, int diskUsablePct,
                                    long shardCount, long maxShardCount, Optional<Long> utilizationScore, Instant capturedAt) {
    public PageserverUtilization {
        utilizationScore = utilizationScore == null ? Optional.empty() : utilizationScore;
    }
}
