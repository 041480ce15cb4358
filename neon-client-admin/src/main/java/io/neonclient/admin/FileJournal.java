package io.neonclient.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@link Journal} kept in memory and, when given a path, mirrored to a JSON file ({@link JournalDocument}) rewritten
 * atomically after every change. A run holds the file from {@link #begin} to {@link #close} with an OS lock on the
 * sidecar {@code <file>.lock}, which records the holder ({@code user@host pid N since T}); the OS releases it when the
 * process dies, so a crashed run never blocks the next one. The sidecar stays in place (deleting it would let two
 * runs lock two different files of the same name).
 */
final class FileJournal extends DocumentJournal {
    static final int FORMAT = JournalDocument.FORMAT;

    private final Path path;
    private JournalHolder holder;
    private FileChannel lockChannel;
    private FileLock lock;

    FileJournal(Path path) {
        this.path = path;
        this.doc = read();
    }

    private JournalDocument read() {
        if (path == null || !Files.exists(path)) {
            return JournalDocument.empty(where());
        }
        try {
            return JournalDocument.parse(path.toString(), Files.readAllBytes(path), JournalDocument.START_AFRESH);
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void begin(String recipe, String subject, String inputs) {
        if (holder != null) {
            throw new IllegalStateException("journal " + where() + " is held by " + holder + " (another run in this process):"
                    + " wait for that run to end");
        }
        if (path != null) {
            lock();
        }
        try {
            if (path != null) {
                doc = read(); // what the last holder left, not what the file held when this object was made
            }
            if (doc.begin(recipe, subject, inputs, "use a new journal for another run")) {
                save();
            }
        } catch (RuntimeException e) {
            unlock();
            throw e;
        }
        holder = JournalHolder.current();
    }

    private void lock() {
        Path lockPath = lockPath();
        try {
            Files.createDirectories(lockPath.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                taken = null; // another journal object of this process holds it
            }
            if (taken == null) {
                String who = new String(Files.readAllBytes(lockPath), UTF_8).strip();
                channel.close();
                throw new IllegalStateException("journal " + path + " is held by " + (who.isEmpty() ? "another run (it has not said who yet)" : who)
                        + " (lock " + lockPath + "): wait for that run to end or stop it; the lock is released when its process exits");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((JournalHolder.current() + "\n").getBytes(UTF_8)), 0);
            channel.force(true);
            lockChannel = channel;
            lock = taken;
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot be locked (" + lockPath + "): " + e.getMessage(), e);
        }
    }

    private Path lockPath() {
        return path.resolveSibling(path.getFileName() + ".lock");
    }

    private void unlock() {
        if (lockChannel == null) {
            return;
        }
        try {
            lockChannel.truncate(0);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot release its lock " + lockPath() + ": " + e.getMessage(), e);
        } finally {
            lockChannel = null;
            lock = null;
        }
    }

    @Override
    public synchronized void close() {
        holder = null;
        unlock();
    }

    @Override
    void save() {
        if (path == null) {
            return;
        }
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            Files.write(tmp, doc.toJson());
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + " cannot be written: " + e.getMessage(), e);
        }
    }

    private String where() {
        return path == null ? "(in memory)" : path.toString();
    }

    @Override
    public synchronized String toString() {
        return "journal " + where() + " (" + doc.summary() + ")";
    }
}
