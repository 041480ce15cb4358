package io.neonclient.samples;

import io.neonclient.admin.Journal;
import io.neonclient.core.ApiException;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.NeonException;
import io.neonclient.core.ProtocolException;
import io.neonclient.core.RecipeFailedException;
import io.neonclient.core.Scope;
import io.neonclient.core.TokenProvider;
import io.neonclient.core.TransportException;
import io.neonclient.core.WaitException;
import io.neonclient.storcon.StorageControllerClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neon-ops}: the runbook's procedures from the command line. {@code neon-ops demo} runs them all on an embedded
 * simulated cluster; every other command talks to a real storage controller given by {@code --storcon} (or
 * {@code NEON_STORCON_URL}), with tokens from the environment: {@code NEON_ADMIN_TOKEN} for the controller,
 * {@code NEON_PAGESERVER_TOKEN} ({@code pageserverapi}), {@code NEON_SAFEKEEPER_TOKEN} ({@code safekeeperdata}) and
 * {@code NEON_COMPUTE_TOKEN} ({@code compute_ctl:admin}) for the components the recipes call directly. One per-scope
 * provider holds them all and every client the CLI builds shares it.
 */
@Command(name = "neon-ops", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = NeonOps.Version.class,
        description = "Operate a self-hosted Neon cluster: bootstrap, register nodes and safekeepers, create tenants and timelines, status, report,"
                + " migrate, drain (evacuate), rolling-restart, remove-node, split, time-travel, pitr, repair-routing, emergency-recovery,"
                + " wal-recovery, import, backup, vm, compute, and a demo on an embedded cluster.")
public class NeonOps implements Runnable {

    /**
     * {@code neon-ops} with every command, in the order help lists them: what {@code help}, {@code completion}, the
     * top-level usage and anything not recognised run on. Other runs build only the invoked command's picocli model
     * ({@link #invoked}): reflecting over all of them is most of a short command's start-up. The commands are declared
     * on this subclass so that picocli adds them after the root's options, as it always has (the order completion
     * scripts list inherited options in).
     */
    @Command(scope = CommandLine.ScopeType.INHERIT, subcommands = {DemoCommand.class, StatusCommand.class, ReportCommand.class, MigrateCommand.class, DrainCommand.class, RollingRestartCommand.class,
                RemoveNodeCommand.class, TimeTravelCommand.class, PitrCommand.class, BootstrapCommand.class, NodeCommand.class, SafekeeperCommand.class,
                TenantCommand.class, TimelineCommand.class, RepairRoutingCommand.class, EmergencyRecoveryCommand.class, CompletionCommand.class,
                WalRecoveryCommand.class, ImportCommand.class, BackupCommand.class, VmCommand.class, ComputeCommand.class, ComputeHookCommand.class,
                CommandLine.HelpCommand.class})
    static final class WithAllCommands extends NeonOps {
        WithAllCommands(Function<String, String> env) {
            super(env);
        }
    }

    @Option(names = "--storcon", scope = CommandLine.ScopeType.INHERIT, paramLabel = "URL", description = "Storage controller base URL (default: $NEON_STORCON_URL).")
    String storcon;

    @Option(names = "--dry-run", scope = CommandLine.ScopeType.INHERIT, description = "Print the plan and send nothing.")
    boolean dryRun;

    @Option(names = "--journal", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE|URL",
            description = "Where the run is journaled, so a run that stopped resumes from it when started again with the same journal:"
                    + " a file, or a PostgreSQL database a team shares (postgresql://user@host:5432/db or"
                    + " jdbc:postgresql://host:5432/db?user=NAME; password from $PGPASSWORD, never in the URL)."
                    + " One run per recipe and subject (tenant, shard, node) holds it at a time.")
    String journal;

    @Option(names = "--yes", scope = CommandLine.ScopeType.INHERIT,
            description = "Confirm a destructive command (remove-node, time-travel, backup restore --in-place with --confirm) without being asked:"
                    + " needed in scripts, where nobody can type the answer.")
    boolean yes;

    /**
     * Confirms a destructive run: nothing to confirm for {@code --dry-run}; {@code --yes} confirms; at a terminal the
     * operator types {@code answer}; elsewhere it is refused, naming {@code --yes}, before anything is sent.
     *
     * @param what   what the run will do, in a sentence
     * @param answer what the operator types to go on (the node or tenant id)
     */
    void confirm(CommandLine.Model.CommandSpec command, String what, String answer) {
        if (dryRun || yes) {
            return;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(command.commandLine(), what + ": pass --yes to confirm (nobody is at a terminal to ask)");
        }
        String typed = console.readLine("%s.%nType %s to go on: ", what, answer);
        if (typed == null || !typed.strip().equals(answer)) {
            throw new CommandLine.ParameterException(command.commandLine(), "not confirmed: nothing was sent");
        }
    }

    /** What commands print: tables and sentences for people, or JSON for scripts. */
    enum Output { text, json }

    @Option(names = "--output", scope = CommandLine.ScopeType.INHERIT, paramLabel = "text|json", defaultValue = "text",
            description = "text (default) for people; json for scripts: one JSON document, or one JSON object per line for a recipe's events.")
    Output output = Output.text;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The arguments this run was given, to print the exact command that resumes it. */
    private String[] args = new String[0];

    /** The environment the tokens and {@code NEON_STORCON_URL} are read from. */
    private final Function<String, String> env;

    /**
     * The clients this run built, closed when it ends: a JVM whose HTTP client is still open spends about 0.3 s more in
     * its exit (see {@link StorageControllerClient#close()}), a third of a short command's time.
     */
    private final Deque<AutoCloseable> opened = new ConcurrentLinkedDeque<>();

    /** The controller client, built on first use. */
    private StorageControllerClient storconClient;

    NeonOps(Function<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code neon-ops} with the given arguments and streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System::getenv);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, reading environment variables from {@code env}. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Function<String, String> env) {
        NeonOps root = new NeonOps(env);
        CommandLine probe = new CommandLine(root);
        Class<?> invoked = invoked(probe.getCommandSpec(), args);
        if (invoked != null) {
            probe.addSubcommand(invoked);
            boolean[] rootError = {false};
            int exit;
            try {
                exit = execute(probe, root, args, out, err, rootError);
            } finally {
                root.closeClients();
            }
            if (!rootError[0]) {
                return exit;
            }
            // An error in the root's own options: its usage lists every command, so it is reported by the full tree.
        }
        NeonOps all = new WithAllCommands(env);
        try {
            return execute(new CommandLine(all), all, args, out, err, null);
        } finally {
            all.closeClients();
        }
    }

    /** Registers {@code client} to be closed when this run ends, and returns it. */
    <T extends AutoCloseable> T closedAtEnd(T client) {
        opened.push(client);
        return client;
    }

    /** Closes the clients this run built, newest first; a failure to close one is not the command's failure. */
    private void closeClients() {
        for (AutoCloseable c; (c = opened.poll()) != null; ) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing releases threads and connections; nothing the command said depends on it.
            }
        }
    }

    /**
     * Parses and runs {@code args} on {@code cl}. With {@code rootError}, a usage error in the root's own options prints
     * nothing, sets {@code rootError[0]} and returns 2, so the caller can report it from the full tree.
     */
    private static int execute(CommandLine cl, NeonOps ops, String[] args, PrintWriter out, PrintWriter err, boolean[] rootError) {
        ops.args = args.clone();
        cl.setOut(out);
        cl.setErr(err);
        // Ids parse with the SDK's own ASCII-only parsers, so `--node ٣` is refused here as it is in Java.
        cl.registerConverter(io.neonclient.core.NodeId.class, io.neonclient.core.NodeId::parse);
        cl.registerConverter(io.neonclient.core.TenantId.class, io.neonclient.core.TenantId::parse);
        cl.registerConverter(io.neonclient.core.TimelineId.class, io.neonclient.core.TimelineId::parse);
        cl.registerConverter(io.neonclient.core.TenantShardId.class, io.neonclient.core.TenantShardId::parse);
        cl.registerConverter(io.neonclient.core.Lsn.class, io.neonclient.core.Lsn::parse);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter to = cmd.getErr();
            if (!(e instanceof NeonException failure)) {
                to.println("neon-ops: " + e.getMessage());
                return 2;
            }
            return switch (failure) {
                case RecipeFailedException r -> {
                    to.println("neon-ops: " + r.recipe() + " stopped at step '" + r.step() + "': " + r.getCause().getMessage());
                    to.println("next: " + r.nextAction());
                    Advice.of(r.getCause()).ifPresent(a -> to.println("advice: " + a));
                    to.println(ops.resumeHint());
                    yield 3;
                }
                case TransportException t -> {
                    to.println("neon-ops: " + t.getMessage());
                    Advice.of(t).ifPresent(a -> to.println("advice: " + a));
                    yield 2;
                }
                case ApiException a -> {
                    to.println("neon-ops: " + a.getMessage());
                    Advice.of(a).ifPresent(advice -> to.println("advice: " + advice));
                    yield 2;
                }
                case ProtocolException p -> fail(to, p);
                case WaitException w -> fail(to, w);
            };
        });
        if (rootError != null) {
            CommandLine.IParameterExceptionHandler usual = cl.getParameterExceptionHandler();
            cl.setParameterExceptionHandler((e, arguments) -> {
                if (e.getCommandLine() == cl) {
                    rootError[0] = true;
                    return 2;
                }
                return usual.handleParseException(e, arguments);
            });
        }
        return cl.execute(args);
    }

    /**
     * The command {@code args} invoke, or null when it is help or completion (which list every command), unknown, or not
     * certain. It is the first argument that is neither an option nor the value of one of the {@code root}'s options
     * (given as the next argument or after {@code =}); with an {@code @file} argument or {@code --} picocli decides.
     */
    static Class<?> invoked(CommandLine.Model.CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@") || a.equals("--")) {
                return null;
            }
            if (a.startsWith("-")) {
                // Help before the command prints the root's usage, which lists every command; options the root does
                // not know (or short options run together) are picocli's to report or untangle.
                CommandLine.Model.OptionSpec option = root.findOption(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
                if (option == null || option.usageHelp()) {
                    return null;
                }
                if (!a.contains("=") && option.arity().min() > 0) {
                    i++;
                }
                continue;
            }
            for (Class<?> command : WithAllCommands.class.getAnnotation(Command.class).subcommands()) {
                Command c = command.getAnnotation(Command.class);
                if (c.name().equals(a) || java.util.Arrays.asList(c.aliases()).contains(a)) {
                    return command == CommandLine.HelpCommand.class || command == CompletionCommand.class ? null : command;
                }
            }
            return null;
        }
        return null;
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter, Function)} with the environment as a map. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return run(args, out, err, copy::get);
    }

    /**
     * Adds arguments the run chose itself (an id it generated) to the command {@link #resumeHint()} prints, so the
     * resumed run asks for the same thing and its journal accepts it.
     */
    void resumeAlsoWith(String... chosen) {
        String[] more = java.util.Arrays.copyOf(args, args.length + chosen.length);
        System.arraycopy(chosen, 0, more, args.length, chosen.length);
        args = more;
    }

    /**
     * The exact command that resumes a stopped run: this run's arguments again when it has a {@code --journal} (the
     * journal holds what was done), else how to make the next run resumable.
     */
    String resumeHint() {
        if (journal == null) {
            return "resume: this run kept no journal, so a re-run starts from its first step; give --journal FILE to make runs resumable";
        }
        StringBuilder cmd = new StringBuilder("neon-ops");
        for (String a : args) {
            cmd.append(' ').append(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return "resume: " + cmd + "   (the journal " + journal + " records the finished steps)";
    }

    /**
     * Refuses {@code --output json} for a command whose output has no JSON form ({@code what} says what it prints), so the
     * option is never silently ignored.
     */
    static void textOnly(CommandLine.Model.CommandSpec command, String what) {
        if (NodeCommand.ops(command).json()) {
            throw new CommandLine.ParameterException(command.commandLine(), command.name() + " " + what
                    + " and has no JSON form: drop --output json");
        }
    }

    /** Whether {@code --output json} was asked for. */
    boolean json() {
        return output == Output.json;
    }

    private static int fail(PrintWriter to, NeonException e) {
        to.println("neon-ops: " + e.getMessage());
        return 2;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'neon-ops demo' or 'neon-ops --help'");
    }

    /** The storage controller client for {@code --storcon}, with the admin token from the environment if set. */
    synchronized StorageControllerClient storcon() {
        String url = storcon != null ? storcon : env.apply("NEON_STORCON_URL");
        if (url == null || url.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--storcon URL (or NEON_STORCON_URL) is required");
        }
        if (storconClient == null) {
            storconClient = closedAtEnd(StorageControllerClient.builder().baseUri(url).config(ClientConfig.defaults().withTokens(tokens())).build());
        }
        return storconClient;
    }

    /**
     * The CLI's one token provider, by scope. The controller accepts {@code admin} for every route
     * ({@code check_permissions} in {@code storage_controller/src/http.rs}), so {@code NEON_ADMIN_TOKEN} stands in for
     * any scope without a token of its own; pageservers and safekeepers reject {@code admin}
     * ({@code libs/utils/src/auth.rs}), so calls to them need their own token; compute_ctl takes only
     * {@code compute_ctl:admin} tokens with the {@code compute} audience, so admin never stands in for it.
     */
    TokenProvider tokens() {
        Map<Scope, String> tokens = new EnumMap<>(Scope.class);
        put(tokens, Scope.PAGESERVER_API, "NEON_PAGESERVER_TOKEN");
        put(tokens, Scope.SAFEKEEPER_DATA, "NEON_SAFEKEEPER_TOKEN");
        put(tokens, Scope.COMPUTE_CTL_ADMIN, "NEON_COMPUTE_TOKEN");
        String admin = env.apply("NEON_ADMIN_TOKEN");
        if (admin != null && !admin.isBlank()) {
            for (Scope s : Scope.values()) {
                if (s != Scope.COMPUTE_CTL_ADMIN) {
                    tokens.putIfAbsent(s, admin);
                }
            }
        }
        return TokenProvider.perScope(tokens);
    }

    private void put(Map<Scope, String> tokens, Scope scope, String variable) {
        String token = env.apply(variable);
        if (token != null && !token.isBlank()) {
            tokens.put(scope, token);
        }
    }

    /**
     * The journal {@code --journal} names: in memory without it, a PostgreSQL table for a {@code postgresql://},
     * {@code postgres://} or {@code jdbc:postgresql:} URL (password from {@code PGPASSWORD}), else a file.
     */
    Journal journal() {
        if (journal == null) {
            return Journal.inMemory();
        }
        String scheme = journal.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*") ? journal.substring(0, journal.indexOf(':')) : "";
        if (scheme.equals("postgresql") || scheme.equals("postgres") || scheme.equals("jdbc")) {
            String password = env.apply("PGPASSWORD");
            try {
                return password == null || password.isEmpty() ? Journal.postgres(journal) : Journal.postgres(journal, password);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--journal: " + e.getMessage());
            }
        }
        if (journal.contains("://")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--journal: '" + scheme + "://' is not a journal this tool"
                    + " keeps; give a file path, postgresql://user@host:5432/db or jdbc:postgresql://host:5432/db?user=NAME");
        }
        return Journal.file(Path.of(journal));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"neon-ops " + io.neonclient.core.internal.Version.version()};
        }
    }
}
