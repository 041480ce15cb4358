package io.neonclient.samples;

import io.neonclient.core.NodeId;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops safekeeper register|list|set-policy}: the runbook's safekeeper registration and scheduling policy. */
@Command(name = "safekeeper", description = "Safekeepers as the controller knows them: register, list, set-policy.",
        subcommands = {SafekeeperCommand.Register.class, SafekeeperCommand.ListSafekeepers.class, SafekeeperCommand.SetPolicy.class})
final class SafekeeperCommand {

    /** {@code POST /control/v1/safekeeper/{id}}. */
    @Command(name = "register", description = "Register or update a safekeeper (POST /control/v1/safekeeper/{id}); a new one is Activating until its first heartbeat turns it Active.")
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "NODE_ID")
        NodeId id;

        @Option(names = "--host", required = true)
        String host;

        @Option(names = "--pg-port", defaultValue = "5454", description = "port (WAL service, default 5454)")
        int port;

        @Option(names = "--http-port", defaultValue = "7676", description = "http_port (default 7676)")
        int httpPort;

        @Option(names = "--region", defaultValue = "local", description = "region_id (default local)")
        String region;

        @Option(names = "--az", required = true, paramLabel = "AZ", description = "availability_zone_id, e.g. az-a")
        String az;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            StorageControllerClient storcon = ops.storcon();
            storcon.safekeeper(id).upsert(UpsertSafekeeperRequest.of(id, region, host, port, httpPort, az));
            Safekeeper sk = storcon.safekeeper(id).describe();
            return Printed.print(ops, spec.commandLine().getOut(), sk, "registered safekeeper " + sk.id() + " at " + sk.host() + ":" + sk.port()
                    + " (http " + sk.httpPort() + ") in " + sk.availabilityZoneId() + ": scheduling " + sk.schedulingPolicy()
                    + (sk.schedulingPolicy() == SkSchedulingPolicy.ACTIVE ? "" : "; neon-ops safekeeper set-policy --id " + sk.id() + " --policy Active"));
        }
    }

    /** {@code GET /control/v1/safekeeper}. */
    @Command(name = "list", description = "List the registered safekeepers (GET /control/v1/safekeeper).")
    static final class ListSafekeepers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            List<Safekeeper> sks = ops.storcon().safekeepers().list();
            String text = sks.isEmpty() ? "no safekeepers are registered (neon-ops safekeeper register …)" : sks.stream()
                    .map(s -> String.format("%-4s %-10s %-8s %s:%d http %d", s.id(), s.schedulingPolicy(), s.availabilityZoneId(), s.host(), s.port(), s.httpPort()))
                    .collect(Collectors.joining("\n"));
            return Printed.print(ops, spec.commandLine().getOut(), sks, text);
        }
    }

    /** {@code POST /control/v1/safekeeper/{id}/scheduling_policy}. */
    @Command(name = "set-policy", description = "Set a safekeeper's scheduling policy (POST /control/v1/safekeeper/{id}/scheduling_policy): Active, Pause, Decomissioned.")
    static final class SetPolicy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "NODE_ID")
        NodeId id;

        @Option(names = "--policy", required = true, paramLabel = "POLICY", description = "Active, Pause or Decomissioned (Neon's spelling)")
        String policy;

        @Override
        public Integer call() {
            NeonOps ops = NodeCommand.ops(spec);
            SkSchedulingPolicy p = SkSchedulingPolicy.fromWire(policy);
            if (!(p instanceof SkSchedulingPolicy.Known)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--policy must be one of Active, Pause, Decomissioned, got '" + policy + "'");
            }
            StorageControllerClient storcon = ops.storcon();
            storcon.safekeeper(id).schedulingPolicy(p);
            Safekeeper sk = storcon.safekeeper(id).describe();
            return Printed.print(ops, spec.commandLine().getOut(), sk, "safekeeper " + sk.id() + ": scheduling " + sk.schedulingPolicy());
        }
    }
}
