package io.neonclient.admin.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;
import java.util.Objects;

/**
 * What the SDK can read of a cluster's metadata, in one JSON file: the controller's nodes, every tenant with its
 * placement policy, config and shard layout ({@code GET /control/v1/tenant}), every tenant's timelines
 * ({@code GET /v1/tenant/{tenant_id}/timeline}) and the backup catalog. Enough to rebuild the controller's view after
 * losing its database: re-register the nodes, then import each tenant from remote storage
 * ({@code POST /debug/v1/tenant/{tenant_id}/import}) and set its policy and config back.
 *
 * @param exportedAt  when, by the clock given
 * @param nodes       the pageservers the controller knows
 * @param tenants     each tenant's description and timelines
 * @param catalog     every catalog entry
 * @param notIncluded what this file does not hold
 */
public record MetadataExport(Instant exportedAt, List<Node> nodes, List<TenantMetadata> tenants, List<CatalogEntry> catalog,
                             List<String> notIncluded) {

    public MetadataExport {
        Objects.requireNonNull(exportedAt, "exportedAt");
        nodes = List.copyOf(nodes);
        tenants = List.copyOf(tenants);
        catalog = List.copyOf(catalog);
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
     * Reads it all: {@code GET /control/v1/node}, {@code GET /control/v1/tenant} (paged) and
     * {@code GET /v1/tenant/{tenant_id}/timeline} per tenant, and the catalog. Changes nothing.
     */
    public static MetadataExport read(StorageControllerClient storcon, BackupCatalog catalog, Clock clock) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(clock, "clock");
        List<TenantMetadata> tenants = new ArrayList<>();
        storcon.tenants().list().forEach(d -> tenants.add(new TenantMetadata(d, storcon.tenant(d.tenantId()).timelines().list())));
        return new MetadataExport(clock.instant(), storcon.nodes().list(), tenants, catalog.list(), List.of(
                "the compute registry (which computes run where, and their specs): not readable by this version",
                "roles, databases and settings the control plane pushes to computes",
                "JWT signing keys and tokens",
                "safekeeper membership and the controller's own settings",
                "the data itself: that is in remote storage (and in logical dumps)"));
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
