package io.neonclient.samples;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neon-ops vm list [--namespace NS]}: {@code GET /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines}, as a table. */
@Command(name = "list", description = "List the NeonVM VirtualMachines of a namespace: phase, CPUs and memory now, bounds, autoscaling.")
final class VmListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubernetesOptions kubernetes;

    @Override
    public Integer call() {
        try (KubernetesClient client = kubernetes.client(spec)) {
            String namespace = kubernetes.namespace(client);
            var vms = KubernetesOptions.neon(client).virtualMachines(namespace).list().stream()
                    .sorted(java.util.Comparator.comparing(io.neonclient.kubernetes.VirtualMachine::name)).toList();
            NeonOps ops = (NeonOps) spec.root().userObject();
            if (ops.json()) {
                var json = CliJson.summary("vm list").put("namespace", namespace);
                vms.forEach(vm -> json.withArray("virtual_machines").add(CliJson.vm(vm)));
                json.withArray("virtual_machines");
                return CliJson.print(ops, spec.commandLine().getOut(), json, "");
            }
            if (vms.isEmpty()) {
                spec.commandLine().getOut().println("No VirtualMachines in namespace " + namespace + ".");
            } else {
                VmCommand.print(spec.commandLine().getOut(), vms);
            }
            return 0;
        }
    }
}
