package io.neonclient.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small ustar archives in memory, as {@code pg_basebackup -Ft} writes them (two zero blocks, 10 KiB records). */
final class Tars {
    private Tars() {}

    /** A basebackup-like archive: a {@code global} directory with {@code pg_control}, and {@code PG_VERSION}. */
    static byte[] basebackup() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("global/", null);
        files.put("global/pg_control", new byte[8192]);
        files.put("PG_VERSION", "16\n".getBytes(StandardCharsets.US_ASCII));
        return archive(files, true);
    }

    /** Entries in order (a null body is a directory); {@code end} adds the end-of-archive blocks. */
    static byte[] archive(Map<String, byte[]> entries, boolean end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entries.forEach((name, body) -> {
            out.writeBytes(header(name, body == null ? 0 : body.length, body == null ? '5' : '0'));
            if (body != null) {
                out.writeBytes(body);
                out.writeBytes(new byte[(512 - body.length % 512) % 512]);
            }
        });
        if (end) {
            out.writeBytes(new byte[1024]);
            int pad = (10240 - out.size() % 10240) % 10240;
            out.writeBytes(new byte[pad]);
        }
        return out.toByteArray();
    }

    static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, String.format("%011o\0", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
