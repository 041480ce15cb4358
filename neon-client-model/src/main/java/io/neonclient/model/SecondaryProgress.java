package io.neonclient.model;

import java.time.Instant;
import java.util.Optional;

/**
 * How far secondary locations have downloaded their heatmaps' layers (mirrors {@code SecondaryProgress} in upstream
 * {@code libs/pageserver_api/src/models.rs}): the body of a pageserver's {@code GET …/secondary/status} and of
 * {@code POST …/secondary/download} on a pageserver (one shard) or on the controller (summed over the shards).
 *
 * @param heatmapMtime     remote modification time of the heatmap last downloaded (the newest one, summed)
 * @param layersDownloaded layers on local disk
 * @param layersTotal      layers in that heatmap
 * @param bytesDownloaded  layer bytes on local disk
 * @param bytesTotal       layer bytes in that heatmap
 */
public record SecondaryProgress(Optional<Instant> heatmapMtime, long layersDownloaded, long layersTotal,
                                long bytesDownloaded, long bytesTotal) {
    /** A component the wire left out (null) takes its empty or default value. */
    public SecondaryProgress {
        heatmapMtime = heatmapMtime == null ? Optional.empty() : heatmapMtime;
    }

    /** Nothing known yet: no heatmap, no layers. */
    public static SecondaryProgress none() {
        return new SecondaryProgress(Optional.empty(), 0, 0, 0, 0);
    }

    /** True when every layer of the heatmap is on disk (the pageserver's own test in {@code secondary_download_handler}). */
    public boolean isComplete() {
        return layersDownloaded >= layersTotal;
    }

    @Override
    public String toString() {
        return "SecondaryProgress[" + layersDownloaded + "/" + layersTotal + " layers, " + bytesDownloaded + "/" + bytesTotal
                + " bytes, heatmap " + heatmapMtime.map(Instant::toString).orElse("none") + "]";
    }
}
