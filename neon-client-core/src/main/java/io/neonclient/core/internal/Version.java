package io.neonclient.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK version, filtered into {@code version.properties} at build time. */
public final class Version {
    private Version() {}

    private static final String VERSION = load();

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    public static String version() {
        return VERSION;
    }

    public static String userAgent() {
        return "neon-client/" + VERSION + " java/" + Runtime.version().feature();
    }
}
