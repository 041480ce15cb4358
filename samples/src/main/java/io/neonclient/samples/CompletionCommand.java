package io.neonclient.samples;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neon-ops completion}: the bash/zsh completion script picocli generates from the commands themselves. */
@Command(name = "completion", description = "Print a bash/zsh completion script: source <(./neon-ops completion)")
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NeonOps.textOnly(spec, "prints a shell script");
        CommandSpec root = spec;
        while (root.parent() != null) {
            root = root.parent();
        }
        spec.commandLine().getOut().print(AutoComplete.bash("neon-ops", root.commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
