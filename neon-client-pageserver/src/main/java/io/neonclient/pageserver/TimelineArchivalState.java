package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code state} of {@code PUT …/timeline/{timeline_id}/archival_config} (mirrors {@code TimelineArchivalState} in
 * upstream {@code libs/pageserver_api/src/models.rs}).
 */
public enum TimelineArchivalState {
    @JsonProperty("Archived") ARCHIVED,
    @JsonProperty("Unarchived") UNARCHIVED
}
