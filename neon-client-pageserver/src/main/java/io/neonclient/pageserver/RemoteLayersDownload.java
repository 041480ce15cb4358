package io.neonclient.pageserver;

/**
 * A download of every evicted layer of a timeline: {@code DownloadRemoteLayersTaskInfo} in upstream
 * {@code libs/pageserver_api/src/models.rs}, the answer of {@code GET …/download_remote_layers}.
 *
 * @param taskId                  the task's id
 * @param state                   running, completed or shut down
 * @param totalLayerCount         layers to download (final once completed)
 * @param successfulDownloadCount layers downloaded
 * @param failedDownloadCount     layers that failed
 */
public record RemoteLayersDownload(String taskId, RemoteLayersDownloadState state, long totalLayerCount,
                                   long successfulDownloadCount, long failedDownloadCount) {}
