package io.neonclient.pageserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.neonclient.core.Lsn;
import java.time.Instant;
import java.util.List;

/**
 * A timeline's layers on one pageserver: {@code LayerMapInfo} in upstream {@code libs/pageserver_api/src/models.rs},
 * the answer of {@code GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/layer}.
 *
 * @param inMemoryLayers the open and frozen in-memory layers (WAL not yet flushed)
 * @param historicLayers the layer files, resident on local disk or evicted to remote storage only
 */
public record LayerMap(List<InMemory> inMemoryLayers, List<Historic> historicLayers) {
    /** Checks the components: copies lists and maps (unmodifiable). */
    public LayerMap {
        inMemoryLayers = inMemoryLayers == null ? List.of() : List.copyOf(inMemoryLayers);
        historicLayers = historicLayers == null ? List.of() : List.copyOf(historicLayers);
    }

    /** The layers only in remote storage ({@code remote: true}): evicted, downloaded again on access. */
    public List<Historic> evicted() {
        return historicLayers.stream().filter(Historic::remote).toList();
    }

    /** The layers on local disk. */
    public List<Historic> resident() {
        return historicLayers.stream().filter(h -> !h.remote()).toList();
    }

    /** Upstream {@code InMemoryLayerInfo}, tagged by {@code kind}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = InMemory.Open.class, name = "Open"),
            @JsonSubTypes.Type(value = InMemory.Frozen.class, name = "Frozen")})
    public sealed interface InMemory {
        /** The layer WAL is being written into, from {@code lsnStart}. */
        record Open(Lsn lsnStart) implements InMemory {}

        /** A full in-memory layer waiting to be flushed to a delta layer file. */
        record Frozen(Lsn lsnStart, Lsn lsnEnd) implements InMemory {}
    }

    /** Upstream {@code HistoricLayerInfo}, tagged by {@code kind}: a delta or an image layer file. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Historic.Delta.class, name = "Delta"),
            @JsonSubTypes.Type(value = Historic.Image.class, name = "Image")})
    public sealed interface Historic {
        /** The name that {@code …/layer/{layer_file_name}} addresses. */
        String layerFileName();

        /** Size in bytes. */
        long layerFileSize();

        /** True when the file is only in remote storage (evicted). */
        boolean remote();

        /** When it was last read and since when it is resident. */
        AccessStats accessStats();

        /** WAL records for a key range over {@code [lsnStart, lsnEnd)}; {@code l0} when it spans the whole key space. */
        record Delta(String layerFileName, long layerFileSize, Lsn lsnStart, Lsn lsnEnd, boolean remote,
                     AccessStats accessStats, boolean l0) implements Historic {}

        /** Page images of a key range at {@code lsnStart}. */
        record Image(String layerFileName, long layerFileSize, Lsn lsnStart, boolean remote, AccessStats accessStats)
                implements Historic {}
    }

    /**
     * Upstream {@code LayerAccessStats}: times are milliseconds since the epoch on the wire.
     *
     * @param accessTime    last read
     * @param residenceTime when it became resident (or was evicted)
     * @param visible       whether reads can reach it (not covered by newer image layers)
     */
    public record AccessStats(Instant accessTime, Instant residenceTime, boolean visible) {
        @JsonCreator
        static AccessStats fromWire(@JsonProperty("access_time") long accessTime, @JsonProperty("residence_time") long residenceTime,
                                    @JsonProperty("visible") boolean visible) {
            return new AccessStats(Instant.ofEpochMilli(accessTime), Instant.ofEpochMilli(residenceTime), visible);
        }
    }
}
