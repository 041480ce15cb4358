package io.neonclient.storcon;

import java.time.Instant;
import java.util.Optional;

/**
 * Warm-up progress of a tenant's secondary locations: {@code SecondaryProgress} in upstream
 * {@code libs/pageserver_api/src/models.rs}, from {@code POST /v1/tenant/{id}/secondary/download}.
 *
 * @param complete         true for a 200 answer (every secondary downloaded), false for 202 (still downloading)
 * @param heatmapMtime     when the heatmap last downloaded was written
 * @param layersDownloaded layers on disk
 * @param layersTotal      layers in the heatmap
 * @param bytesDownloaded  layer bytes on disk
 * @param bytesTotal       layer bytes in the heatmap
 */
public record SecondaryProgress(boolean complete, Optional<Instant> heatmapMtime, long layersDownloaded, long layersTotal,
                                long bytesDownloaded, long bytesTotal) {
    public SecondaryProgress {
        heatmapMtime = heatmapMtime == null ? Optional.empty() : heatmapMtime;
    }

    /** The body as upstream serializes it, before the status is known. */
    record Wire(Instant heatmapMtime, long layersDownloaded, long layersTotal, long bytesDownloaded, long bytesTotal) {
        SecondaryProgress withStatus(int status) {
            return new SecondaryProgress(status == 200, Optional.ofNullable(heatmapMtime), layersDownloaded, layersTotal,
                    bytesDownloaded, bytesTotal);
        }
    }
}
