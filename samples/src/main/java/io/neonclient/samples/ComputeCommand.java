package io.neonclient.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neon-ops compute …}: the computes of a tenant; each subcommand is its own class. */
@Command(name = "compute", description = "Computes: the config a compute_ctl starts from.",
        subcommands = {ComputeConfigCommand.class})
final class ComputeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'compute config'");
    }
}
