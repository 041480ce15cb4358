package io.neonclient.admin;

import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link ComputeStore} in a JSON file ({@code {"format": 1, "computes": [...], "imports": [...]}}), or in memory when
 * the path is null. A change takes an OS lock on {@code <file>.lock} (as {@link FileJournal} does), re-reads the file,
 * applies itself and replaces the file atomically, so the hook and {@code neon-ops compute register} may share it;
 * reads re-parse the file only when its size or modification time changed.
 */
final class FileComputeStore implements ComputeStore {
    static final int FORMAT = 1;

    /** The file's content. */
    record Document(int format, List<ComputeRecord> computes, List<ImportOutcome> imports) {
        Document {
            computes = computes == null ? List.of() : List.copyOf(computes);
            imports = imports == null ? List.of() : List.copyOf(imports);
        }
    }

    private final Path path;
    private Document doc = new Document(FORMAT, List.of(), List.of());
    private FileTime readTime;
    private long readSize = -1;

    FileComputeStore(Path path) {
        this.path = path;
    }

    private synchronized Document current() {
        if (path == null || !Files.exists(path)) {
            return doc;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (!modified.equals(readTime) || size != readSize) {
                String text = Files.readString(path);
                Document read;
                try {
                    read = Json.decode(text, Document.class);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("compute registry " + path + " is not a registry file (" + e.getMessage()
                            + "): move it aside or give another --registry", e);
                }
                if (read.format() != FORMAT) {
                    throw new IllegalStateException("compute registry " + path + " has format " + read.format() + ", this version reads "
                            + FORMAT + ": use the neon-ops that wrote it");
                }
                doc = read;
                readTime = modified;
                readSize = size;
            }
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException("compute registry " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private synchronized void change(UnaryOperator<Document> change) {
        if (path == null) {
            doc = change.apply(doc);
            return;
        }
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock held = channel.lock(); // released when the channel closes
                Document next = change.apply(current());
                Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName().toString(), ".tmp");
                Files.write(tmp, Json.encode(next));
                try {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
                doc = next;
                readTime = Files.getLastModifiedTime(path);
                readSize = Files.size(path);
                held.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compute registry " + path + " cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ComputeRecord> list() {
        return current().computes();
    }

    @Override
    public Optional<ComputeRecord> find(String computeId) {
        java.util.Objects.requireNonNull(computeId, "computeId");
        return current().computes().stream().filter(c -> c.computeId().equals(computeId)).findFirst();
    }

    @Override
    public void put(ComputeRecord record) {
        putAll(List.of(java.util.Objects.requireNonNull(record, "record")));
    }

    @Override
    public void putAll(List<ComputeRecord> records) {
        List<ComputeRecord> given = List.copyOf(records);
        if (given.isEmpty()) {
            return;
        }
        change(d -> {
            List<ComputeRecord> computes = new ArrayList<>(d.computes());
            for (ComputeRecord record : given) {
                int at = -1;
                for (int i = 0; i < computes.size(); i++) {
                    if (computes.get(i).computeId().equals(record.computeId())) {
                        at = i;
                    }
                }
                if (at < 0) {
                    computes.add(record);
                } else {
                    computes.set(at, record);
                }
            }
            return new Document(FORMAT, computes, d.imports());
        });
    }

    @Override
    public boolean remove(String computeId) {
        java.util.Objects.requireNonNull(computeId, "computeId");
        boolean[] removed = {false};
        change(d -> {
            List<ComputeRecord> computes = new ArrayList<>(d.computes());
            removed[0] = computes.removeIf(c -> c.computeId().equals(computeId));
            return new Document(FORMAT, computes, d.imports());
        });
        return removed[0];
    }

    @Override
    public void recordImport(ImportOutcome outcome) {
        java.util.Objects.requireNonNull(outcome, "outcome");
        if (find(outcome.tenantId(), outcome.timelineId()).isPresent()) {
            return;
        }
        change(d -> {
            if (d.imports().stream().anyMatch(i -> i.tenantId().equals(outcome.tenantId()) && i.timelineId().equals(outcome.timelineId()))) {
                return d;
            }
            List<ImportOutcome> imports = new ArrayList<>(d.imports());
            imports.add(outcome);
            return new Document(FORMAT, d.computes(), imports);
        });
    }

    @Override
    public Optional<ImportOutcome> find(TenantId tenantId, TimelineId timelineId) {
        java.util.Objects.requireNonNull(tenantId, "tenantId");
        java.util.Objects.requireNonNull(timelineId, "timelineId");
        return current().imports().stream().filter(i -> i.tenantId().equals(tenantId) && i.timelineId().equals(timelineId)).findFirst();
    }

    @Override
    public void close() {
        // nothing held between calls
    }

    @Override
    public String toString() {
        return "compute registry " + (path == null ? "(in memory)" : path.toString());
    }
}
