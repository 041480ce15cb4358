package io.neonclient.kubernetes;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A NeonVM CPU amount in thousandths of a vCPU (mirrors {@code MilliCPU} in upstream autoscaling's
 * {@code neonvm/apis/neonvm/v1/virtualmachine_types.go}): {@code 2} is 2000, {@code 0.25} and {@code 250m} are 250.
 * Prints as NeonVM writes it: whole vCPUs as an integer ({@code 2}), others in milli-units ({@code 250m}).
 *
 * @param millis thousandths of a vCPU, 0 or more
 */
public record MilliCpu(long millis) implements Comparable<MilliCpu> {
    // The CRD's pattern for the field (+kubebuilder:validation:Pattern on MilliCPU)
    private static final Pattern WIRE = Pattern.compile("[0-9]+((\\.[0-9]*)?|m)");

    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
    public MilliCpu {
        if (millis < 0 || millis > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("MilliCpu millis must be 0.." + 0xFFFF_FFFFL + " (a uint32), got " + millis);
        }
    }

    /** Whole vCPUs: {@code ofCpus(2)} is {@code 2}. */
    public static MilliCpu ofCpus(int cpus) {
        if (cpus < 0) {
            throw new IllegalArgumentException("cpus must be 0 or more, got " + cpus);
        }
        return new MilliCpu(cpus * 1000L);
    }

    /**
     * Parses NeonVM's spellings: {@code 2}, {@code 0.5}, {@code 1.}, {@code 500m}.
     *
     * @throws IllegalArgumentException for anything else, or a fraction finer than a milli-CPU
     */
    public static MilliCpu parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!WIRE.matcher(text).matches()) {
            throw new IllegalArgumentException("MilliCpu needs a CPU amount like 2, 0.5 or 500m, got '" + text + "'");
        }
        if (text.endsWith("m")) {
            return new MilliCpu(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        BigDecimal millis = new BigDecimal(text.endsWith(".") ? text + "0" : text).movePointRight(3);
        try {
            return new MilliCpu(millis.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("MilliCpu is precise to a thousandth of a CPU, got '" + text + "'", e);
        }
    }

    /** True when this is a whole number of vCPUs. */
    public boolean isWhole() {
        return millis % 1000 == 0;
    }

    @Override
    public int compareTo(MilliCpu other) {
        return Long.compare(millis, other.millis);
    }

    /** {@code 2} for whole vCPUs, {@code 250m} otherwise; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return isWhole() ? Long.toString(millis / 1000) : millis + "m";
    }
}
