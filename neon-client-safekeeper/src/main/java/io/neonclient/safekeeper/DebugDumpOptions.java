package io.neonclient.safekeeper;

import io.neonclient.core.internal.Request;
import java.util.Objects;

/**
 * What {@code GET /v1/debug_dump} includes: the query flags of upstream {@code dump_debug_handler}
 * ({@code safekeeper/src/http/routes.rs}) and {@code debug_dump::Args} ({@code safekeeper/src/debug_dump.rs}).
 * {@link #defaults()} sends no flag: the safekeeper then dumps every timeline's id only (and the full term history
 * when the control file is dumped). Immutable; derive with the {@code with} methods.
 */
public final class DebugDumpOptions {
    private final boolean all;
    private final boolean controlFile;
    private final boolean diskContent;
    private final TenantTimelineId only;

    private DebugDumpOptions(boolean all, boolean controlFile, boolean diskContent, TenantTimelineId only) {
        this.all = all;
        this.controlFile = controlFile;
        this.diskContent = diskContent;
        this.only = only;
    }

    /** No flags: ids of every timeline, the configuration and the counts. */
    public static DebugDumpOptions defaults() {
        return new DebugDumpOptions(false, false, false, null);
    }

    /** {@code dump_all=true}: control files, in-memory state, disk content and WAL modification times. */
    public DebugDumpOptions withAll(boolean all) {
        return new DebugDumpOptions(all, controlFile, diskContent, only);
    }

    /** {@code dump_control_file=true}: each timeline's persisted control file. */
    public DebugDumpOptions withControlFile(boolean controlFile) {
        return new DebugDumpOptions(all, controlFile, diskContent, only);
    }

    /** {@code dump_disk_content=true}: the files of each timeline's directory. */
    public DebugDumpOptions withDiskContent(boolean diskContent) {
        return new DebugDumpOptions(all, controlFile, diskContent, only);
    }

    /** {@code tenant_id=…&timeline_id=…}: only this timeline. */
    public DebugDumpOptions withTimeline(TenantTimelineId timeline) {
        return new DebugDumpOptions(all, controlFile, diskContent, Objects.requireNonNull(timeline, "timeline"));
    }

    void addTo(Request.Builder r) {
        if (all) {
            r.query("dump_all", true);
        }
        if (controlFile) {
            r.query("dump_control_file", true);
        }
        if (diskContent) {
            r.query("dump_disk_content", true);
        }
        if (only != null) {
            r.query("tenant_id", only.tenantId()).query("timeline_id", only.timelineId());
        }
    }

    @Override
    public String toString() {
        return "DebugDumpOptions[all=" + all + ", controlFile=" + controlFile + ", diskContent=" + diskContent
                + (only == null ? "" : ", timeline=" + only.tenantId() + "/" + only.timelineId()) + "]";
    }
}
