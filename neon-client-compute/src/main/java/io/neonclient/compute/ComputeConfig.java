package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The file {@code compute_ctl -c config.json} reads at start-up (mirrors {@code ComputeConfig} in upstream
 * {@code libs/compute_api/src/responses.rs}, read by {@code get_config} in {@code compute_tools/src/bin/compute_ctl.rs}):
 * {@code {"spec": …, "compute_ctl_config": …}}. The same two members are the body of {@code POST /configure}
 * ({@link ComputeClient#configure(ComputeConfig)}). A config without a spec starts compute_ctl empty, waiting for
 * {@code /configure}. compute_ctl also needs {@code --compute-id}, which is a command-line flag, not part of the file.
 * {@link #toString()} never prints the storage token.
 *
 * @param spec             what to run; empty to start compute_ctl waiting for {@code /configure}
 * @param computeCtlConfig compute_ctl's own settings (the JWKS it verifies tokens with, TLS)
 */
public record ComputeConfig(@JsonInclude(JsonInclude.Include.ALWAYS) Optional<ComputeSpec> spec, ComputeCtlConfig computeCtlConfig) {
    /** Checks the components: refuses a null component, naming it. */
    public ComputeConfig {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(computeCtlConfig, "computeCtlConfig");
    }

    /** A config that runs {@code spec} under {@code computeCtlConfig}. */
    public static ComputeConfig of(ComputeSpec spec, ComputeCtlConfig computeCtlConfig) {
        return new ComputeConfig(Optional.of(Objects.requireNonNull(spec, "spec")), computeCtlConfig);
    }

    /**
     * Reads the JSON of a config file.
     *
     * @throws IllegalArgumentException when the text is not JSON, has no {@code compute_ctl_config} object, or its spec
     *                                  is not a compute spec
     */
    public static ComputeConfig parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("compute config is not JSON: " + Json.describe(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("compute config must be a JSON object {\"spec\", \"compute_ctl_config\"}");
        }
        if (!tree.path("compute_ctl_config").isObject()) {
            throw new IllegalArgumentException("compute config needs a compute_ctl_config object (compute_ctl refuses a file without it)");
        }
        try {
            Optional<ComputeSpec> spec = tree.hasNonNull("spec") ? Optional.of(Json.MAPPER.convertValue(tree.get("spec"), ComputeSpec.class))
                    : Optional.empty();
            return new ComputeConfig(spec, Json.MAPPER.convertValue(tree.get("compute_ctl_config"), ComputeCtlConfig.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("compute config: " + e.getMessage(), e);
        }
    }

    /** The file's text: indented JSON, {@code spec} then {@code compute_ctl_config}, as compute_ctl reads it. */
    public String toJson() {
        try {
            return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the compute config", e);
        }
    }

    /**
     * Writes {@link #toJson()} to {@code file} (through a temporary file beside it, then a rename, so compute_ctl never
     * reads half a file).
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void writeTo(Path file) {
        Objects.requireNonNull(file, "file");
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the compute config to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ComputeConfig[spec=" + spec.map(ComputeSpec::toString).orElse("-") + ", computeCtlConfig=" + computeCtlConfig.jwks().keys().size()
                + " keys, tls " + (computeCtlConfig.tls().isPresent() ? "on" : "off") + "]";
    }
}
