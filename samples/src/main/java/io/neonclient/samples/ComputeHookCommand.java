package io.neonclient.samples;

import io.neonclient.admin.ComputeHook;
import io.neonclient.admin.ComputeStore;
import io.neonclient.core.ClientConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops compute-hook --listen HOST:PORT --registry FILE|URL [--token-file F | --jwt-public-key F]
 * [--tls-keystore F --tls-password-env VAR] [--compute-token-env VAR]}: runs the {@link ComputeHook} service the storage
 * controller's {@code --control-plane-url} points at, until stopped (SIGTERM or Ctrl-C).
 */
@Command(name = "compute-hook", description = "Run the compute hook service for the storage controller's --control-plane-url:"
        + " computes follow their shards (notify-attach, notify-safekeepers), import_complete is recorded; GET /healthz, GET /metrics.")
final class ComputeHookCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "Where to listen, e.g. 0.0.0.0:3000.")
    String listen;

    @Option(names = "--registry", required = true, paramLabel = "FILE|URL",
            description = "The compute registry: a file, or postgresql://user@host:5432/db (password from $PGPASSWORD).")
    String registry;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the controller's --control-plane-jwt-token; only requests bearing it are served.")
    Path tokenFile;

    @Option(names = "--jwt-public-key", paramLabel = "FILE|DIR",
            description = "Ed25519 public key(s) in PEM: only requests with a JWT signed by one of them (and not expired) are served.")
    Path jwtPublicKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate in this PKCS12 file.")
    Path tlsKeystore;

    @Option(names = "--tls-password-env", paramLabel = "VAR", description = "Environment variable holding the keystore password.")
    String tlsPasswordEnv;

    @Option(names = "--compute-token-env", paramLabel = "VAR",
            description = "Environment variable holding the bearer token for compute_ctl (compute_ctl:admin, audience compute).")
    String computeTokenEnv;

    @Override
    public Integer call() throws InterruptedException {
        NeonOps.textOnly(spec, "is a service that logs what it does");
        PrintWriter out = spec.commandLine().getOut();
        ComputeHook.Builder b = configure(ComputeHook.builder());
        ComputeHook hook = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hook.close();
            stopped.countDown();
        }));
        out.println("compute hook listening on " + hook.uri() + " (registry " + registry + ", " + hook.store().list().size()
                + " computes); give the storage controller --control-plane-url " + hook.uri());
        out.flush();
        stopped.await();
        return 0;
    }

    /** Applies the options to {@code b}, refusing bad combinations before anything listens. */
    ComputeHook.Builder configure(ComputeHook.Builder b) {
        if (tokenFile != null && jwtPublicKey != null) {
            throw fail("give --token-file or --jwt-public-key, not both");
        }
        if ((tlsKeystore == null) != (tlsPasswordEnv == null)) {
            throw fail("--tls-keystore and --tls-password-env go together");
        }
        try {
            b.listen(listen);
            b.storageController(parent.storcon());
            String pgPassword = System.getenv("PGPASSWORD");
            b.store(ComputeStore.open(registry, pgPassword == null || pgPassword.isEmpty() ? null : pgPassword));
            if (tokenFile != null) {
                b.token(read(tokenFile, "--token-file"));
            }
            if (jwtPublicKey != null) {
                b.jwtPublicKeys(jwtPublicKey);
            }
            if (tlsKeystore != null) {
                b.tls(tlsKeystore, variable(tlsPasswordEnv, "--tls-password-env").toCharArray());
            }
            if (computeTokenEnv != null) {
                String token = variable(computeTokenEnv, "--compute-token-env");
                b.computeTokens(r -> token).computeClientConfig(ClientConfig.defaults().withRequestTimeout(java.time.Duration.ofSeconds(8)));
            }
            return b;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw fail(e.getMessage());
        }
    }

    private String variable(String name, String option) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw fail(option + " names $" + name + ", which is not set");
        }
        return value;
    }

    private String read(Path file, String option) {
        try {
            String text = Files.readString(file).strip();
            if (text.isEmpty()) {
                throw fail(option + " " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw fail(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException fail(String why) {
        return new CommandLine.ParameterException(spec.commandLine(), why);
    }
}
