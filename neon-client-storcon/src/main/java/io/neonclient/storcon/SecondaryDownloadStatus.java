package io.neonclient.storcon;

import io.neonclient.model.SecondaryProgress;
import java.util.Objects;

/**
 * The answer of the controller's {@code POST /v1/tenant/{tenant_id}/secondary/download}: whether every shard's secondary
 * finished and the progress summed over the shards ({@code Service::tenant_secondary_download} in upstream
 * {@code storage_controller/src/service.rs} answers 200 only when every shard answered 200, else 202).
 *
 * @param complete true for a 200 answer (every secondary downloaded), false for 202 (still downloading)
 * @param progress the summed progress; {@link SecondaryProgress#none()} when the server sent no body
 */
public record SecondaryDownloadStatus(boolean complete, SecondaryProgress progress) {
    public SecondaryDownloadStatus {
        Objects.requireNonNull(progress, "progress");
    }
}
