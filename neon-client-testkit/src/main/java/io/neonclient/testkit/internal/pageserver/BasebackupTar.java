package io.neonclient.testkit.internal.pageserver;

import io.neonclient.testkit.internal.http.HttpError;
import java.nio.charset.StandardCharsets;

/**
 * Checks a basebackup tar stream the way the pageserver's import reads it (pageserver/src/import_datadir.rs
 * {@code import_basebackup_from_tar} over tokio-tar, then pageserver/src/http/routes.rs {@code read_tar_eof}):
 * ustar headers with valid checksums, only regular files and directories, a {@code global/pg_control} entry, then
 * an all-zero end-of-archive block and nothing but zero blocks after it. File contents are not interpreted (the
 * simulation keeps no pages). Failures are upstream's 500 answers.
 */
final class BasebackupTar {
    private static final int BLOCK = 512;

    private BasebackupTar() {}

    static void check(byte[] tar) {
        Entries e = walk(tar, "backup");
        // import_basebackup_from_tar looks for pg_control before read_tar_eof reads the end of the stream
        if (!e.files().contains("global/pg_control") && !e.files().contains("./global/pg_control")) {
            throw HttpError.internal("pg_control file not found");
        }
        eof(tar, e.end());
    }

    /**
     * The regular files of a WAL tar stream in order, as {@code import_wal_from_tar} (pageserver/src/import_datadir.rs)
     * reads it: directories are skipped, other entry types are a 500, then the EOF marker as {@code read_tar_eof} checks it.
     */
    static java.util.List<String> regularFiles(byte[] tar) {
        Entries e = walk(tar, "WAL");
        eof(tar, e.end());
        return e.files();
    }

    /** The regular files in order, and where the first all-zero block ends. */
    private record Entries(java.util.List<String> files, int end) {}

    /**
     * Walks the archive's headers, as tokio-tar reads them: each with a valid checksum, only regular files (listed in
     * order) and directories, up to the first all-zero block (tokio-tar stops there; {@code read_tar_eof} then checks
     * the rest). {@code kind} names the archive in upstream's error for another entry type.
     */
    private static Entries walk(byte[] tar, String kind) {
        java.util.List<String> names = new java.util.ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos + BLOCK > tar.length) {
                throw HttpError.internal("failed to read entire block");
            }
            if (zero(tar, pos, BLOCK)) {
                pos += BLOCK;
                break;
            }
            verifyChecksum(tar, pos);
            String path = path(tar, pos);
            long size = octal(tar, pos + 124, 12);
            byte type = tar[pos + 156];
            pos += BLOCK;
            switch (type) {
                case '0', 0 -> names.add(path);
                case '5' -> { }
                default -> throw HttpError.internal("entry " + path + " in " + kind + " tar archive is of unexpected type: " + entryType(type));
            }
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (pos + padded > tar.length) {
                throw HttpError.internal("unexpected end of file");
            }
            pos += (int) padded;
        }
        return new Entries(names, pos);
    }

    private static void eof(byte[] tar, int pos) {
        if (tar.length - pos < BLOCK) {
            throw HttpError.internal("incomplete or invalid tar EOF marker");
        }
        if (!zero(tar, pos, BLOCK)) {
            throw HttpError.internal("invalid tar EOF marker");
        }
        int trailing = tar.length - pos - BLOCK;
        if (!zero(tar, pos + BLOCK, trailing)) {
            throw HttpError.internal("unexpected non-zero bytes after the tar archive");
        }
        if (trailing % BLOCK != 0) {
            throw HttpError.internal("unexpected number of zeros (" + trailing
                    + "), not divisible by tar block size (512 bytes), after the tar archive");
        }
    }

    private static void verifyChecksum(byte[] tar, int pos) {
        long stored = octal(tar, pos + 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (tar[pos + i] & 0xff);
        }
        if (sum != stored) {
            throw HttpError.internal("archive header checksum mismatch");
        }
    }

    private static String path(byte[] tar, int pos) {
        String name = cstring(tar, pos, 100);
        boolean ustar = new String(tar, pos + 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cstring(tar, pos + 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cstring(byte[] tar, int from, int len) {
        int end = from;
        while (end < from + len && tar[end] != 0) {
            end++;
        }
        return new String(tar, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] tar, int from, int len) {
        String s = cstring(tar, from, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw HttpError.internal("numeric field was not a number: " + s);
        }
    }

    private static boolean zero(byte[] b, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** tokio-tar's EntryType Debug names. */
    private static String entryType(byte t) {
        return switch (t) {
            case '1' -> "Link";
            case '2' -> "Symlink";
            case '3' -> "Char";
            case '4' -> "Block";
            case '6' -> "Fifo";
            case '7' -> "Continuous";
            case 'x' -> "XHeader";
            case 'g' -> "XGlobalHeader";
            case 'L' -> "GNULongName";
            default -> "Other(" + (t & 0xff) + ")";
        };
    }
}
