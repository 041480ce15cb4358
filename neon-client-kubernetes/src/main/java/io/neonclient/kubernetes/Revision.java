package io.neonclient.kubernetes;

/**
 * A NeonVM revision: an identifier written into {@code spec.targetRevision} together with a change, and copied by the
 * NeonVM controller into {@code status.currentRevision} once the change reached the VM (mirrors {@code Revision} in
 * upstream autoscaling's {@code neonvm/apis/neonvm/v1/virtualmachine_types.go}). Two revisions are the same change
 * when value and flags are equal; the {@code updatedAt} time beside them is not part of it.
 *
 * @param value a number the writer increments
 * @param flags a bitmask whose meaning is up to the writer (the autoscaler marks up- and downscaling); 0 from this SDK
 */
public record Revision(long value, long flags) {

    @Override
    public String toString() {
        return flags == 0 ? Long.toString(value) : value + " (flags " + Long.toBinaryString(flags) + ")";
    }
}
