package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.neonclient.core.internal.Json;
import java.util.Map;
import java.util.Optional;

/**
 * What one disk-usage eviction pass did: {@code IterationOutcome} in upstream
 * {@code pageserver/src/disk_usage_eviction_task.rs}, the answer of {@code PUT /v1/disk_usage_eviction/run}
 * ({@code "NoPressure"}, {@code "Cancelled"} or {@code {"Finished": {…}}}).
 */
public sealed interface DiskUsageEviction permits DiskUsageEviction.NoPressure, DiskUsageEviction.Cancelled, DiskUsageEviction.Finished {

    /** Nothing to evict: the requested bytes were already free ({@code evict_bytes} 0). */
    record NoPressure() implements DiskUsageEviction {
        @Override
        public String toString() {
            return "NoPressure";
        }
    }

    /** The pass was cancelled (pageserver shutting down). */
    record Cancelled() implements DiskUsageEviction {
        @Override
        public String toString() {
            return "Cancelled";
        }
    }

    /**
     * The pass ran ({@code IterationOutcomeFinished}).
     *
     * @param before  the usage before the pass
     * @param planned what phase 1 planned to free
     * @param assumed what phase 2 evicted, and what it failed to
     */
    record Finished(Usage before, Planned planned, Assumed assumed) implements DiskUsageEviction {
        /** Bytes the pass freed (its projected usage after phase 2). */
        public long freedBytes() {
            return assumed.projectedAfter().freedBytes();
        }

        @Override
        public String toString() {
            return "Finished";
        }
    }

    /** The route's {@code Usage}: bytes asked for and bytes freed. */
    record Usage(long evictBytes, long freedBytes) {}

    /** {@code PlannedUsage}: the plan respecting each tenant's minimum resident size, and the global-LRU fallback if needed. */
    record Planned(Usage respectingTenantMinResidentSize, Optional<Usage> fallbackToGlobalLru) {
        /** A component the wire left out (null) takes its empty or default value. */
        public Planned {
            fallbackToGlobalLru = fallbackToGlobalLru == null ? Optional.empty() : fallbackToGlobalLru;
        }
    }

    /** {@code AssumedUsage}: the usage after evicting, and the layers that could not be evicted. */
    record Assumed(Usage projectedAfter, LayerCount failed) {}

    /** {@code LayerCount}: how many layers and their total size. */
    record LayerCount(long fileSizes, long count) {}

    /**
     * Reads the externally tagged form, as upstream serialises it.
     *
     * @throws IllegalArgumentException for any other shape
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DiskUsageEviction fromJson(Object json) {
        if ("NoPressure".equals(json)) {
            return new NoPressure();
        }
        if ("Cancelled".equals(json)) {
            return new Cancelled();
        }
        if (json instanceof Map<?, ?> map && map.size() == 1 && map.get("Finished") != null) {
            return Json.convert(map.get("Finished"), Finished.class);
        }
        throw new IllegalArgumentException("disk usage eviction outcome must be \"NoPressure\", \"Cancelled\" or "
                + "{\"Finished\": {...}}, got " + json);
    }
}
