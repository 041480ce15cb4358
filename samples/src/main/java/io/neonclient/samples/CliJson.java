package io.neonclient.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.admin.ComputeRecord;
import io.neonclient.core.internal.Json;
import io.neonclient.kubernetes.VirtualMachine;
import java.io.PrintWriter;

/** The CLI's JSON output: trees built field by field in wire names, so the output never depends on Java names. */
final class CliJson {
    private CliJson() {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A summary object for {@code command} ({@code "backup snapshot"}, {@code "compute list"} …). */
    static ObjectNode summary(String command) {
        return MAPPER.createObjectNode().put("command", command);
    }

    /** Prints {@code summary} on one line when {@code --output json}, else {@code text}; returns 0. */
    static int print(NeonOps ops, PrintWriter out, ObjectNode summary, String text) {
        out.println(ops.json() ? summary.toString() : text);
        out.flush();
        return 0;
    }

    /**
     * A registered compute in compute_ctl's words: where it is, what it serves, where its spec points
     * ({@code pageserver_connection_info} / {@code pageserver_connstring} as compute_ctl reads them), and the last error.
     * The rest of the spec, with its storage token, is left out.
     */
    static ObjectNode compute(ComputeRecord r) {
        ObjectNode n = MAPPER.createObjectNode().put("compute_id", r.computeId()).put("tenant_id", r.tenantId().toString())
                .put("timeline_id", r.timelineId().toString()).put("compute_ctl_url", r.computeCtlUrl().toString());
        r.spec().safekeepersGeneration().ifPresentOrElse(g -> n.put("safekeepers_generation", g), () -> n.putNull("safekeepers_generation"));
        n.set("pageserver_connection_info", r.spec().pageserverConnectionInfo().<JsonNode>map(Json.MAPPER::valueToTree)
                .orElse(MAPPER.nullNode()));
        n.put("pageserver_connstring", r.spec().pageserverConnstring().orElse(null));
        n.put("last_error", r.lastError().orElse(null));
        return n;
    }

    /** A NeonVM VirtualMachine in the custom resource's field names ({@code spec.guest}, {@code status}). */
    static ObjectNode vm(VirtualMachine vm) {
        ObjectNode n = MAPPER.createObjectNode().put("namespace", vm.namespace()).put("name", vm.name())
                .put("phase", vm.phase().map(Object::toString).orElse(null)).put("autoscalingEnabled", vm.autoscalingEnabled());
        ObjectNode guest = n.putObject("guest");
        guest.putObject("cpus").put("min", vm.cpus().min().toString()).put("use", vm.cpus().use().toString())
                .put("max", vm.cpus().max().toString());
        guest.putObject("memorySlots").put("min", vm.memorySlots().min()).put("use", vm.memorySlots().use()).put("max", vm.memorySlots().max());
        guest.put("memorySlotSize", VmCommand.quantity(vm.memorySlotSize()));
        ObjectNode status = n.putObject("status");
        status.put("cpus", vm.statusCpus().map(Object::toString).orElse(null));
        status.put("memorySize", vm.statusMemory().map(VmCommand::quantity).orElse(null));
        return n;
    }
}
