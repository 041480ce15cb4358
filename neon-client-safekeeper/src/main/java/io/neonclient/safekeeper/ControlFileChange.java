package io.neonclient.safekeeper;

import java.util.Objects;

/**
 * The answer of {@code PATCH /v1/tenant/{tenant_id}/timeline/{timeline_id}/control_file}: upstream
 * {@code patch_control_file::Response} ({@code safekeeper/src/patch_control_file.rs}), the persisted state before and
 * after the patch.
 *
 * @param oldControlFile the control file before
 * @param newControlFile the control file as now persisted
 */
public record ControlFileChange(SafekeeperDebugDump.ControlFile oldControlFile, SafekeeperDebugDump.ControlFile newControlFile) {
    /** Both states are required. */
    public ControlFileChange {
        Objects.requireNonNull(oldControlFile, "oldControlFile");
        Objects.requireNonNull(newControlFile, "newControlFile");
    }
}
