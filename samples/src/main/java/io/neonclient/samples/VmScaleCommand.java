package io.neonclient.samples;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neonclient.core.WaitPolicy;
import io.neonclient.kubernetes.MilliCpu;
import io.neonclient.kubernetes.VirtualMachine;
import io.neonclient.kubernetes.VirtualMachines;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code neon-ops vm scale NAME [--cpus N] [--memory-slots N] [--override-autoscaler]}: the JSON patch the
 * autoscaler-agent sends ({@code PATCH /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines/{name}}), checked
 * against the VM's bounds first, then waits until the NeonVM controller reports it {@code Running} at the new size.
 */
@Command(name = "scale", description = {
        "Scale a NeonVM by hand (what 'kubectl patch neonvm … /spec/guest/cpus/use' does), within its min..max, and wait until",
        "it runs at the new size. Refuses a VM labelled autoscaling.neon.tech/enabled=true unless --override-autoscaler."})
final class VmScaleCommand implements Callable<Integer> {
    @ParentCommand
    VmCommand vm;

    @Spec
    CommandSpec spec;

    @Mixin
    KubernetesOptions kubernetes;

    @Parameters(index = "0", paramLabel = "NAME", description = "the VirtualMachine")
    String name;

    @Option(names = "--cpus", paramLabel = "CPUS", description = "new spec.guest.cpus.use, e.g. 2, 0.5 or 500m (default: unchanged)")
    String cpus;

    @Option(names = "--memory-slots", paramLabel = "N", description = "new spec.guest.memorySlots.use (default: unchanged)")
    Integer memorySlots;

    @Option(names = "--override-autoscaler",
            description = "scale even though the autoscaler-agent manages this VM (it will move the size again on its next decision)")
    boolean overrideAutoscaler;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT5M",
            description = "how long to wait for the VM to run at the new size, ISO-8601 (default: PT5M)")
    Duration timeout;

    @Override
    public Integer call() {
        if (cpus == null && memorySlots == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --cpus, --memory-slots or both");
        }
        MilliCpu newCpus;
        try {
            newCpus = cpus == null ? null : MilliCpu.parse(cpus);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cpus: " + e.getMessage());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive, got " + timeout);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = kubernetes.client(spec)) {
            VirtualMachines vms = KubernetesOptions.neon(client).virtualMachines(kubernetes.namespace(client));
            VirtualMachine before = vms.get(name);
            MilliCpu c = newCpus != null ? newCpus : before.cpus().use();
            int slots = memorySlots != null ? memorySlots : before.memorySlots().use();
            NeonOps ops = (NeonOps) spec.root().userObject();
            var json = CliJson.summary("vm scale").put("dry_run", ops.dryRun);
            json.set("before", CliJson.vm(before));
            json.putObject("target").put("cpus", c.toString()).put("memorySlots", slots);
            if (ops.dryRun) {
                if (ops.json()) {
                    return CliJson.print(ops, out, json, "");
                }
                VmCommand.print(out, List.of(before));
                out.println("Dry run: would PATCH VirtualMachine " + before.qualifiedName() + " to spec.guest.cpus.use " + c
                        + " and spec.guest.memorySlots.use " + slots + " (bounds " + before.cpus().min() + ".." + before.cpus().max()
                        + " CPUs and " + before.memorySlots().min() + ".." + before.memorySlots().max() + " slots); nothing sent.");
                return 0;
            }
            var scaling = overrideAutoscaler ? vms.scaleOverridingAutoscaler(name, c, slots) : vms.scale(name, c, slots);
            if (!ops.json()) {
                out.println("Scaling VirtualMachine " + before.qualifiedName() + " to " + c + " CPUs and " + slots + " memory slots ("
                        + VmCommand.quantity(slots * before.memorySlotSize()) + ") at revision " + scaling.revision().value() + " ...");
                out.flush();
            }
            VirtualMachine after = scaling.await(WaitPolicy.defaults().withTimeout(timeout), p -> {
                if (!ops.json()) {
                    out.println("      ... " + p.reason());
                }
            });
            if (ops.json()) {
                json.put("revision", scaling.revision().value());
                json.set("after", CliJson.vm(after));
                return CliJson.print(ops, out, json, "");
            }
            VmCommand.print(out, List.of(after));
            return 0;
        }
    }
}
