package io.neonclient.pageserver;

import java.time.Instant;
import java.util.Optional;

/**
 * How far a secondary location has downloaded its heatmap's layers (mirrors {@code SecondaryProgress} in upstream
 * {@code libs/pageserver_api/src/models.rs}).
 *
 * @param heatmapMtime     remote modification time of the heatmap last downloaded
 * @param layersDownloaded layers on local disk
 * @param layersTotal      layers in that heatmap
 * @param bytesDownloaded  bytes on local disk
 * @param bytesTotal       bytes in that heatmap
 */
public record SecondaryProgress(Optional<Instant> heatmapMtime, long layersDownloaded, long layersTotal,
                                long bytesDownloaded, long bytesTotal) {

    /** True when every layer of the heatmap is on disk (what upstream's handler calls done). */
    public boolean isComplete() {
        return layersDownloaded >= layersTotal;
    }

    @Override
    public String toString() {
        return "SecondaryProgress[" + layersDownloaded + "/" + layersTotal + " layers, " + bytesDownloaded + "/" + bytesTotal
                + " bytes, heatmap " + heatmapMtime.map(Instant::toString).orElse("none") + "]";
    }
}
