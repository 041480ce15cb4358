package io.neonclient.samples;

import io.neonclient.kubernetes.VirtualMachine;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code neon-ops vm list|scale}: NeonVM {@code VirtualMachine}s ({@code vm.neon.tech/v1}) through the
 * neon-client-kubernetes module, printed in NeonVM's words (its phases, CPU amounts such as {@code 500m}, memory as a
 * Kubernetes quantity).
 */
@Command(name = "vm", description = "NeonVM virtual machines: list them, scale one by hand.",
        subcommands = {VmListCommand.class, VmScaleCommand.class})
final class VmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: 'vm list' or 'vm scale'");
    }

    static final String HEADER = String.format("%-24s %-12s %-6s %-9s %-16s %-18s %s",
            "NAME", "PHASE", "CPUS", "MEMORY", "CPUS MIN/USE/MAX", "SLOTS MIN/USE/MAX", "AUTOSCALING");

    /** The table {@code vm list} and {@code vm scale} print: a header and one row per VM. */
    static void print(PrintWriter out, List<VirtualMachine> vms) {
        out.println(HEADER);
        for (VirtualMachine vm : vms) {
            VirtualMachine.Cpus c = vm.cpus();
            VirtualMachine.MemorySlots m = vm.memorySlots();
            out.println(String.format("%-24s %-12s %-6s %-9s %-16s %-18s %s", vm.name(),
                    vm.phase().map(Object::toString).orElse("-"), vm.statusCpus().map(Object::toString).orElse("-"),
                    vm.statusMemory().map(VmCommand::quantity).orElse("-"), c.min() + "/" + c.use() + "/" + c.max(),
                    m.min() + "/" + m.use() + "/" + m.max() + " x" + quantity(vm.memorySlotSize()),
                    vm.autoscalingEnabled() ? "enabled" : "off"));
        }
        out.flush();
    }

    /** Bytes as Kubernetes writes a memory quantity: {@code 4Gi}, {@code 512Mi}, or plain bytes. */
    static String quantity(long bytes) {
        String[] units = {"Ki", "Mi", "Gi", "Ti", "Pi"};
        String unit = "";
        long value = bytes;
        for (int i = 0; i < units.length && value != 0 && value % 1024 == 0; i++) {
            value /= 1024;
            unit = units[i];
        }
        return value + unit;
    }
}
