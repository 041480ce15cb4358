package io.neonclient.samples;

import io.neonclient.core.NodeId;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.StorageControllerClient;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops node register|list}: the runbook's pageserver registration and "Check node status". */
@Command(name = "node", description = "Pageservers as the controller knows them: register, list.",
        subcommands = {NodeCommand.Register.class, NodeCommand.ListNodes.class})
final class NodeCommand {

    /** {@code POST /control/v1/node}. */
    @Command(name = "register", description = "Register a pageserver with the controller (POST /control/v1/node); it is Offline until its first heartbeat.")
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "NODE_ID")
        NodeId id;

        @Option(names = "--host", required = true, description = "address the controller and computes reach it at (listen_pg_addr and listen_http_addr)")
        String host;

        @Option(names = "--pg-port", defaultValue = "6400", description = "listen_pg_port (default 6400)")
        int pgPort;

        @Option(names = "--http-port", defaultValue = "9898", description = "listen_http_port (default 9898)")
        int httpPort;

        @Option(names = "--az", required = true, paramLabel = "AZ", description = "availability_zone_id, e.g. az-a")
        String az;

        @Override
        public Integer call() {
            NeonOps ops = ops(spec);
            RegisterNodeRequest request = RegisterNodeRequest.of(id, host, pgPort, host, httpPort, az);
            StorageControllerClient storcon = ops.storcon();
            storcon.nodes().register(request);
            Node n = storcon.node(id).describe();
            return Printed.print(ops, spec.commandLine().getOut(), n, "registered pageserver " + n.id() + " at " + n.listenHttpAddr() + ":"
                    + n.listenHttpPort() + " in " + n.availabilityZoneId() + ": " + n.availability() + "/" + n.scheduling());
        }
    }

    /** {@code GET /control/v1/node}. */
    @Command(name = "list", description = "List the registered pageservers (GET /control/v1/node).")
    static final class ListNodes implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            NeonOps ops = ops(spec);
            List<Node> nodes = ops.storcon().nodes().list();
            String text = nodes.isEmpty() ? "no pageservers are registered (neon-ops node register …)" : nodes.stream()
                    .map(n -> String.format("%-4s %-9s %-16s %-8s http %s:%d pg %s:%d", n.id(), n.availability(), n.scheduling(),
                            n.availabilityZoneId(), n.listenHttpAddr(), n.listenHttpPort(), n.listenPgAddr(), n.listenPgPort()))
                    .collect(Collectors.joining("\n"));
            return Printed.print(ops, spec.commandLine().getOut(), nodes, text);
        }
    }

    /** The root command of a sub-subcommand. */
    static NeonOps ops(CommandSpec spec) {
        CommandSpec s = spec;
        while (s.parent() != null) {
            s = s.parent();
        }
        return (NeonOps) s.userObject();
    }
}
