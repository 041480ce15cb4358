package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a timeline is archived: mirrors {@code TimelineArchivalState} in upstream {@code libs/pageserver_api/src/models.rs}. */
public enum TimelineArchivalState {
    @JsonProperty("Archived")
    ARCHIVED,
    @JsonProperty("Unarchived")
    UNARCHIVED
}
