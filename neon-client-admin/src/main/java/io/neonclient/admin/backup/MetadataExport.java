package io.neonclient.admin.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.neonclient.admin.ComputeRecord;
import io.neonclient.admin.ComputeStore;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.core.internal.Json;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SDK can read of a cluster's metadata, in one JSON file: the controller's nodes, every tenant with its
 * placement policy, config and shard layout ({@code GET /control/v1/tenant}), every tenant's timelines
 * ({@code GET /v1/tenant/{tenant_id}/timeline}), the backup catalog and, when given, the compute registry (the compute
 * hook's {@link ComputeStore}: each compute's id, tenant, timeline, compute_ctl URL and last applied spec, with the
 * storage token and any other token-named key left out). Enough to rebuild the controller's view after losing its
 * database: re-register the nodes, then import each tenant from remote storage
 * ({@code POST /debug/v1/tenant/{tenant_id}/import}) and set its policy and config back; and to re-register the
 * computes with the hook.
 *
 * @param exportedAt  when, by the clock given
 * @param nodes       the pageservers the controller knows
 * @param tenants     each tenant's description and timelines
 * @param catalog     every catalog entry
 * @param computes    the compute registry's records, their specs without tokens (empty when no registry was given)
 * @param notIncluded what this file does not hold
 */
public record MetadataExport(Instant exportedAt, List<Node> nodes, List<TenantMetadata> tenants, List<CatalogEntry> catalog,
                             List<ComputeRecord> computes, List<String> notIncluded) {

    public MetadataExport {
        Objects.requireNonNull(exportedAt, "exportedAt");
        nodes = List.copyOf(nodes);
        tenants = List.copyOf(tenants);
        catalog = List.copyOf(catalog);
        computes = computes == null ? List.of() : List.copyOf(computes);
        notIncluded = List.copyOf(notIncluded);
    }

    /**
     * One tenant.
     *
     * @param description the controller's view: policy, config, stripe size and shards
     * @param timelines   its timelines as shard 0 reports them
     */
    public record TenantMetadata(TenantDescription description, List<Timeline> timelines) {
        public TenantMetadata {
            Objects.requireNonNull(description, "description");
            timelines = List.copyOf(timelines);
        }
    }

    /**
     * Reads it all but the compute registry: {@code GET /control/v1/node}, {@code GET /control/v1/tenant} (paged) and
     * {@code GET /v1/tenant/{tenant_id}/timeline} per tenant, and the catalog. Changes nothing.
     */
    public static MetadataExport read(StorageControllerClient storcon, BackupCatalog catalog, Clock clock) {
        return collect(storcon, catalog, null, clock);
    }

    /**
     * As {@link #read(StorageControllerClient, BackupCatalog, Clock)}, with every compute of {@code registry} (read
     * from the store; no compute_ctl is called). Changes nothing.
     */
    public static MetadataExport read(StorageControllerClient storcon, BackupCatalog catalog, ComputeStore registry, Clock clock) {
        return collect(storcon, catalog, Objects.requireNonNull(registry, "registry"), clock);
    }

    private static MetadataExport collect(StorageControllerClient storcon, BackupCatalog catalog, ComputeStore registry, Clock clock) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(clock, "clock");
        List<TenantMetadata> tenants = new ArrayList<>();
        storcon.tenants().list().forEach(d -> tenants.add(new TenantMetadata(d, storcon.tenant(d.tenantId()).timelines().list())));
        List<ComputeRecord> computes = registry == null ? List.of() : registry.list().stream().map(MetadataExport::withoutTokens).toList();
        return new MetadataExport(clock.instant(), storcon.nodes().list(), tenants, catalog.list(), computes, List.of(
                registry == null ? "the compute registry (which computes run where, and their specs): no registry was given"
                        : "tokens: each compute spec's storage_auth_token (and any key naming a token) is left out",
                "roles, databases and settings the control plane pushes to computes",
                "JWT signing keys and tokens",
                "safekeeper membership and the controller's own settings",
                "the data itself: that is in remote storage (and in logical dumps)"));
    }

    /** The record with its spec's storage token and every top-level key naming a token removed. */
    static ComputeRecord withoutTokens(ComputeRecord r) {
        ComputeSpec s = r.spec();
        Map<String, Object> extra = new LinkedHashMap<>(s.extra());
        extra.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).contains("token"));
        ComputeSpec clean = new ComputeSpec(s.formatVersion(), s.cluster(), s.suspendTimeoutSeconds(), s.tenantId(), s.timelineId(),
                s.pageserverConnectionInfo(), s.pageserverConnstring(), s.shardStripeSize(), s.safekeeperConnstrings(),
                s.safekeepersGeneration(), Optional.empty(), s.mode(), extra);
        ComputeRecord out = r.withSpec(clean);
        return r.lastError().map(out::withError).orElse(out);
    }

    /** Writes it as JSON to {@code file}, atomically (a temporary file moved into place). */
    public Path write(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("metadata cannot be written to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file {@link #write} wrote. */
    public static MetadataExport readFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), MetadataExport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a metadata export: " + Json.describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
