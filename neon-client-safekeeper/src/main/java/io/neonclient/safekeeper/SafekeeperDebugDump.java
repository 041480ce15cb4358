package io.neonclient.safekeeper;

import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A safekeeper's state dump: {@code debug_dump::Response} in upstream {@code safekeeper/src/debug_dump.rs}, the
 * answer of {@code GET /v1/debug_dump}. What each timeline carries depends on the {@link DebugDumpOptions}; the
 * in-memory part ({@code memory}) is not decoded.
 *
 * @param startTime      when the dump started
 * @param finishTime     when it finished
 * @param timelines      the timelines dumped (all, or the one asked for)
 * @param timelinesCount how many timelines the safekeeper holds
 * @param config         the safekeeper's configuration
 */
public record SafekeeperDebugDump(Instant startTime, Instant finishTime, List<Timeline> timelines, long timelinesCount,
                                  Config config) {
    /** Checks the components: copies lists and maps (unmodifiable). */
    public SafekeeperDebugDump {
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
    }

    /**
     * Upstream {@code debug_dump::Timeline}.
     *
     * @param tenantId        the tenant
     * @param timelineId      the timeline
     * @param controlFile     the persisted control file, when asked for
     * @param diskContent     the timeline directory's files, when asked for
     * @param walLastModified when the last WAL segment was modified, when asked for
     */
    public record Timeline(TenantId tenantId, TimelineId timelineId, Optional<ControlFile> controlFile,
                           Optional<DiskContent> diskContent, Optional<Instant> walLastModified) {
        /** A component the wire left out (null) takes its empty or default value. */
        public Timeline {
            controlFile = controlFile == null ? Optional.empty() : controlFile;
            diskContent = diskContent == null ? Optional.empty() : diskContent;
            walLastModified = walLastModified == null ? Optional.empty() : walLastModified;
        }
    }

    /**
     * Upstream {@code TimelinePersistentState} ({@code safekeeper/src/state.rs}), the fields an operator reads.
     *
     * @param mconf               membership configuration
     * @param acceptorState       persisted term and term history
     * @param server              the Postgres server the WAL comes from
     * @param timelineStartLsn    where the timeline's WAL starts
     * @param localStartLsn       where this safekeeper's WAL starts
     * @param commitLsn           persisted commit LSN
     * @param backupLsn           WAL uploaded to remote storage
     * @param peerHorizonLsn      WAL all peers have
     * @param remoteConsistentLsn what the pageserver has persisted remotely
     */
    public record ControlFile(Membership mconf, AcceptorState acceptorState, TimelineStatus.ServerInfo server, Lsn timelineStartLsn,
                              Lsn localStartLsn, Lsn commitLsn, Lsn backupLsn, Lsn peerHorizonLsn, Lsn remoteConsistentLsn) {}

    /**
     * Upstream {@code AcceptorState} ({@code safekeeper/src/safekeeper.rs}).
     *
     * @param term        the highest term this safekeeper voted in
     * @param termHistory where each term started
     */
    public record AcceptorState(long term, List<TimelineStatus.TermSwitch> termHistory) {
        /** Checks the components: copies lists and maps (unmodifiable). */
        public AcceptorState {
            termHistory = termHistory == null ? List.of() : List.copyOf(termHistory);
        }
    }

    /** Upstream {@code DiskContent}: the timeline directory's files. */
    public record DiskContent(List<FileInfo> files) {
        /** Checks the components: copies lists and maps (unmodifiable). */
        public DiskContent {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /**
     * Upstream {@code FileInfo}.
     *
     * @param name        file name (a WAL segment, {@code safekeeper.control}, …)
     * @param size        bytes
     * @param created     creation time
     * @param modified    last modification
     * @param startZeroes zero bytes at the start
     * @param endZeroes   zero bytes at the end (unused space of a partial segment)
     */
    public record FileInfo(String name, long size, Instant created, Instant modified, long startZeroes, long endZeroes) {}

    /**
     * Upstream {@code debug_dump::Config}.
     *
     * @param id                   the safekeeper's node id
     * @param workdir              its data directory
     * @param listenPgAddr         its WAL service address
     * @param listenHttpAddr       its HTTP address
     * @param noSync               whether fsync is off
     * @param maxOffloaderLagBytes how far WAL offloading may lag before it is forced
     * @param walBackupEnabled     whether WAL goes to remote storage
     */
    public record Config(NodeId id, String workdir, String listenPgAddr, String listenHttpAddr, boolean noSync,
                         long maxOffloaderLagBytes, boolean walBackupEnabled) {}
}
